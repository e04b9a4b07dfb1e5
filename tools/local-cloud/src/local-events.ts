import type { RequestListener } from 'node:http';
import { awsJsonListener, listen } from './aws-json-server.ts';
import { describeStacksListener, type LocalStack } from './cloudformation/describe-stacks.ts';
import { LocalEventBridge, ruleArn } from './eventbridge/endpoint.ts';
import type { Invoke } from './http-api/server.ts';
import type { Authorize } from './iam/access.ts';
import {
  AsyncInvoker,
  type AsyncInvokerOptions,
  type AsyncTarget,
  type DeadLetter,
} from './lambda/async-invoker.ts';
import { sqsDeadLetterQueues } from './sqs/dead-letter-queues.ts';
import { LocalQueues } from './sqs/queues.ts';
import { sqsOperations } from './sqs/sqs-api.ts';
import type { StackModel } from './template/stack-model.ts';

function asyncTargetsOf(model: StackModel): Map<string, AsyncTarget> {
  return new Map(
    [...model.functions.values()].map((fn) => [
      fn.logicalId,
      {
        functionLogicalId: fn.logicalId,
        asyncRetries: fn.asyncRetries,
        maxEventAgeSeconds: fn.maxEventAgeSeconds,
        onFailureQueue: fn.onFailureQueue,
      },
    ]),
  );
}

/**
 * The template's buses, rules and archives; a matched rule delivers to its targets asynchronously.
 * The same port answers the other services' requests (`others`), as one AWS endpoint would.
 */
function eventBridgeFor(
  model: StackModel,
  busNames: ReadonlyMap<string, string>,
  asyncInvoker: AsyncInvoker,
  asyncTargets: ReadonlyMap<string, AsyncTarget>,
  others: RequestListener,
  authorize: Authorize | undefined,
): LocalEventBridge {
  return new LocalEventBridge(
    [...busNames.values()],
    model.rules.map((rule) => ({
      name: rule.logicalId,
      busName: busNames.get(rule.busLogicalId) ?? 'default',
      description: rule.description,
      pattern: rule.pattern,
    })),
    (rule, event, traceHeader) => {
      const definition = model.rules.find((candidate) => candidate.logicalId === rule.name);
      for (const target of definition?.targets ?? []) {
        const asyncTarget = asyncTargets.get(target.functionLogicalId);
        if (asyncTarget) asyncInvoker.deliverFromRule(target, asyncTarget, event, traceHeader);
      }
    },
    model.archives.map((archive) => ({
      name: archive.name,
      busName: busNames.get(archive.busLogicalId) ?? 'default',
      description: archive.description,
      pattern: archive.pattern,
      retentionDays: archive.retentionDays,
    })),
    others,
    authorize,
  );
}

/** What no service on the port answers: an operation of another service, or no operation at all. */
const notFound: RequestListener = (request, response) => {
  const target = request.headers['x-amz-target'];
  response.writeHead(target ? 400 : 404, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify(
      target
        ? { __type: 'UnknownOperationException', message: `unknown operation ${String(target)}` }
        : { message: 'Not Found' },
    ),
  );
};

function deadLetterNaming(model: StackModel, busNames: ReadonlyMap<string, string>) {
  return {
    functionName: (logicalId: string) => model.functions.get(logicalId)?.name ?? logicalId,
    ruleArn: (ruleName: string) => {
      const rule = model.rules.find((candidate) => candidate.logicalId === ruleName);
      return ruleArn(busNames.get(rule?.busLogicalId ?? '') ?? 'default', ruleName);
    },
  };
}

/** Each bus's name, by its logical id. */
export function busNamesOf(model: StackModel): Map<string, string> {
  return new Map(model.buses.map((bus) => [bus.logicalId, bus.name]));
}

/**
 * Lambda's asynchronous invocation, the EventBridge endpoint whose rules deliver through it, and on
 * the same port the failure queues (SQS) and the stack's description (CloudFormation).
 */
export async function startEvents(
  model: StackModel,
  invoke: Invoke,
  port: number,
  asyncOptions: AsyncInvokerOptions,
  stack: LocalStack,
  authorize?: Authorize,
) {
  const asyncTargets = asyncTargetsOf(model);
  const busNames = busNamesOf(model);
  // The template's queues, holding what Lambda and EventBridge put there as AWS would shape it.
  const queues = new LocalQueues<DeadLetter>(model.queues);
  const asyncInvoker = new AsyncInvoker(invoke, {
    ...asyncOptions,
    deadLetterQueues: sqsDeadLetterQueues(queues, deadLetterNaming(model, busNames)),
  });
  const others = awsJsonListener('AmazonSQS', sqsOperations(queues), describeStacksListener(stack, notFound));
  const eventBridge = eventBridgeFor(model, busNames, asyncInvoker, asyncTargets, others, authorize);
  const listening = await listen(eventBridge.server, port);
  queues.servedAt(`http://127.0.0.1:${listening}`);
  return { asyncTargets, asyncInvoker, busNames, queues, eventBridge, port: listening };
}
