import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { MAX_ENTRIES_PER_PUT, putEntries } from '#shared/adapters/bus-entries.ts';
import { FailureQueue } from '#shared/adapters/failure-queue.ts';
import { requiredOutput, stackOutputs } from '#shared/adapters/stack-outputs.ts';
import {
  EVENT_BUS_OUTPUT,
  FAILURE_QUEUE_OUTPUTS,
  type FailureQueueName,
} from '#shared/contracts/stack-outputs.ts';
import {
  busEntryOf,
  distinctEvents,
  type FailedEvent,
  formatTable,
  planRedrive,
  type QueueMessage,
  type RedriveChoice,
  type RedriveSummary,
  readFailedEvent,
  settleBatch,
  summarize,
  summaryLine,
} from '#shared/use-cases/redrive.ts';
import { clientConfig } from './operator.ts';

// Not an entry point: what `npm run redrive` does (bin/redrive.ts parses its options), shared with
// the end-to-end test that runs it against the local cloud.

export interface RedriveOptions extends RedriveChoice {
  readonly queue: FailureQueueName;
}

/** Where the redrive reads and writes: the stack's failure queue and its bus. */
export interface RedriveTarget {
  readonly queue: FailureQueue;
  readonly eventBridge: EventBridgeClient;
  readonly eventBusName: string;
}

/** The AWS account the SDK's usual chain of credentials names, or the local cloud at `endpoint`. */
export interface Connection {
  readonly stackName: string;
  readonly endpoint?: string;
}

/** Finds the queue and the bus from the stack's outputs, on AWS or on the local cloud alike. */
export async function connect(
  { stackName, endpoint }: Connection,
  queue: FailureQueueName,
): Promise<RedriveTarget> {
  const config = clientConfig(endpoint);
  const outputs = await stackOutputs(new CloudFormationClient(config), stackName);
  const queueUrl = requiredOutput(outputs, stackName, FAILURE_QUEUE_OUTPUTS[queue]);
  const eventBusName = requiredOutput(outputs, stackName, EVENT_BUS_OUTPUT);
  return {
    queue: new FailureQueue(new SQSClient(config), queueUrl),
    eventBridge: new EventBridgeClient(config),
    eventBusName,
  };
}

/**
 * Puts the selected events back in batches, each event once, deleting its messages once its own
 * entry succeeded (and noting them in `deleted`); returns how many messages stay for EventBridge's
 * refusals.
 */
async function putBack(
  target: RedriveTarget,
  selected: readonly FailedEvent[],
  deleted: Set<QueueMessage>,
  print: (line: string) => void,
): Promise<number> {
  const events = distinctEvents(selected);
  let refusedMessages = 0;
  for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_PUT) {
    const batch = events.slice(start, start + MAX_ENTRIES_PER_PUT);
    const entries = batch.map(({ failed }) => busEntryOf(failed, target.eventBusName));
    const { put, refused } = settleBatch(batch, await putEntries(target.eventBridge, entries));
    for (const { message } of put.flatMap(({ copies }) => copies)) {
      await target.queue.delete(message);
      deleted.add(message);
    }
    for (const { failed, error } of refused) {
      print(
        `not redriven, kept in the queue: ${failed.failed.eventType} of ${failed.failed.partyId}: ${error}`,
      );
      refusedMessages += failed.copies.length;
    }
  }
  return refusedMessages;
}

/**
 * Reads the whole failure queue, shows what is there, and puts the selected events back on the bus.
 * Every message it did not delete is made visible again at once, for the next run, even when the
 * run stops on an error.
 */
export async function redrive(
  target: RedriveTarget,
  options: RedriveOptions,
  print: (line: string) => void = console.log,
): Promise<RedriveSummary> {
  const messages = await target.queue.receiveAll();
  const plan = planRedrive(
    messages.map((message) => readFailedEvent(options.queue, message)),
    options,
  );
  for (const line of formatTable(plan.shown, Date.now())) print(line);
  const deleted = new Set<QueueMessage>();
  let refused = 0;
  try {
    refused = await putBack(target, plan.toPut, deleted, print);
  } finally {
    for (const message of messages) if (!deleted.has(message)) await target.queue.release(message);
  }
  const summary = summarize(plan, messages.length, refused);
  print(summaryLine(options.queue, options, summary));
  return summary;
}
