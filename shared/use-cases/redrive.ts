import * as z from 'zod/mini';
import { BusEvent, InvocationRecord, RedrivenDetail } from '#shared/contracts/failure-messages.ts';
import type { FailureQueueName } from '#shared/contracts/stack-outputs.ts';
import { describeIssues, issuesText } from '#shared/contracts/zod.ts';

/** A message as SQS hands it over: what the redrive needs of it. */
export interface QueueMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** Epoch milliseconds (SQS's `SentTimestamp`): when it failed, near enough. */
  readonly sentAt: number;
  /** String message attributes (EventBridge's ERROR_CODE, ERROR_MESSAGE, RULE_ARN...). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** A failed event read back from its message, ready to go back on the bus. */
export interface FailedEvent {
  readonly message: QueueMessage;
  readonly event: BusEvent;
  readonly eventType: string;
  readonly partyId: string;
  readonly error: string;
}

export interface UnreadableMessage {
  readonly message: QueueMessage;
  readonly problem: string;
}

/** A PutEvents entry, as the EventBridge client takes it. */
export interface BusEntry {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Time?: Date;
}

/** The one event inside a message of either queue, and why it failed as the message says. */
function unwrap(queue: FailureQueueName, message: QueueMessage): { event: unknown; error: string } {
  const body: unknown = JSON.parse(message.body);
  if (queue === 'undelivered') {
    const { ERROR_CODE: code = '', ERROR_MESSAGE: text = '' } = message.attributes;
    return { event: body, error: [code, text].filter(Boolean).join(': ') };
  }
  const record = InvocationRecord.parse(body);
  const failure = record.responsePayload;
  const error = failure
    ? [failure.errorType, failure.errorMessage].filter(Boolean).join(': ')
    : (record.requestContext.condition ?? '');
  return { event: record.requestPayload, error };
}

/** Reads a failure queue's message; a message that is not one of our events is reported, never redriven. */
export function readFailedEvent(
  queue: FailureQueueName,
  message: QueueMessage,
): FailedEvent | UnreadableMessage {
  try {
    const { event: raw, error } = unwrap(queue, message);
    const event = BusEvent.parse(raw);
    const detail = RedrivenDetail.parse(event.detail);
    return { message, event, eventType: detail.type, partyId: detail.party_id, error };
  } catch (error) {
    const problem = error instanceof z.core.$ZodError ? issuesText(describeIssues(error)) : String(error);
    return { message, problem };
  }
}

export const isReadable = (read: FailedEvent | UnreadableMessage): read is FailedEvent => 'event' in read;

/**
 * The entry that puts the event back on the bus as it was first put there: same source, type and
 * detail (so the same event id, which every consumer already treats as a duplicate if it did the
 * work), and its original time.
 */
export function busEntryOf(failed: FailedEvent, eventBusName: string): BusEntry {
  const time = failed.event.time ? new Date(failed.event.time) : undefined;
  return {
    EventBusName: eventBusName,
    Source: failed.event.source,
    DetailType: failed.event['detail-type'],
    Detail: JSON.stringify(failed.event.detail),
    ...(time && !Number.isNaN(time.getTime()) ? { Time: time } : {}),
  };
}

/** PutEvents' answer for one entry: an event id, or why EventBridge refused it. */
export interface EntryResult {
  readonly EventId?: string;
  readonly ErrorCode?: string;
  readonly ErrorMessage?: string;
}

/**
 * Which messages may be deleted after a PutEvents call: only those whose own entry succeeded. An
 * answer shorter than the batch (it should not happen) counts the missing entries as failed.
 */
export function settleBatch<T>(
  batch: readonly T[],
  results: readonly EntryResult[],
): { readonly put: T[]; readonly refused: { failed: T; error: string }[] } {
  const put: T[] = [];
  const refused: { failed: T; error: string }[] = [];
  batch.forEach((failed, index) => {
    const result = results[index];
    if (result?.EventId && !result.ErrorCode) put.push(failed);
    else
      refused.push({
        failed,
        error: result ? `${result.ErrorCode}: ${result.ErrorMessage ?? ''}` : 'no result for this entry',
      });
  });
  return { put, refused };
}

/** One event to put back, and every message that holds a copy of it. */
export interface EventCopies {
  readonly failed: FailedEvent;
  readonly copies: readonly FailedEvent[];
}

/**
 * Copies of one event go back once: the undelivered queue holds one per target that could not get
 * it, and a single `PutEvents` reaches every rule again anyway. Events are told apart by `event_id`.
 */
export function distinctEvents(selected: readonly FailedEvent[]): EventCopies[] {
  const byEventId = new Map<string, FailedEvent[]>();
  for (const failed of selected) {
    const eventId = failed.event.detail.event_id;
    const key = typeof eventId === 'string' ? eventId : `message:${failed.message.messageId}`;
    byEventId.set(key, [...(byEventId.get(key) ?? []), failed]);
  }
  return [...byEventId.values()].flatMap(([first, ...rest]) =>
    first ? [{ failed: first, copies: [first, ...rest] }] : [],
  );
}

function humanAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))}s`;
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.floor(hours / 24)}d`;
}

/** One line per message: event type, party, age and error, in aligned columns. */
export function formatTable(reads: readonly (FailedEvent | UnreadableMessage)[], now: number): string[] {
  const rows = reads.map((read) =>
    isReadable(read)
      ? [read.eventType, read.partyId, humanAge(now - read.message.sentAt), read.error]
      : ['(unreadable)', '-', humanAge(now - read.message.sentAt), read.problem],
  );
  const all = [['EVENT TYPE', 'PARTY', 'AGE', 'ERROR'], ...rows];
  const widths = [0, 1, 2].map((column) => Math.max(...all.map((row) => row[column]?.length ?? 0)));
  return all.map((row) =>
    row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '),
  );
}

export interface RedriveChoice {
  /** Only this party's events; the others stay in the queue and are not shown. */
  readonly partyId?: string;
  /** Show, put nothing back. */
  readonly dryRun: boolean;
}

/** What to show (the party's messages, unreadable ones too when no party is asked for) and what to put back. */
export function planRedrive(
  reads: readonly (FailedEvent | UnreadableMessage)[],
  { partyId, dryRun }: RedriveChoice,
): { readonly shown: (FailedEvent | UnreadableMessage)[]; readonly toPut: FailedEvent[] } {
  const shown = reads.filter((read) => !partyId || (isReadable(read) && read.partyId === partyId));
  return { shown, toPut: dryRun ? [] : shown.filter(isReadable) };
}

export interface RedriveSummary {
  /** Messages shown (of the party, when one is asked for). */
  readonly found: number;
  readonly redriven: number;
  /** Shown but not redriven: not one of our events, or refused by EventBridge; they stay in the queue. */
  readonly problems: number;
  /** Everything still in the queue: another party's, the problems, or all of them in a dry run. */
  readonly left: number;
}

export function summarize(
  plan: ReturnType<typeof planRedrive>,
  received: number,
  refused: number,
): RedriveSummary {
  const redriven = plan.toPut.length - refused;
  const unreadable = plan.shown.filter((read) => !isReadable(read)).length;
  return { found: plan.shown.length, redriven, problems: refused + unreadable, left: received - redriven };
}

export function summaryLine(
  queue: FailureQueueName,
  choice: RedriveChoice,
  { found, redriven, left }: RedriveSummary,
): string {
  const party = choice.partyId ? ` of party ${choice.partyId}` : '';
  const dry = choice.dryRun ? ' (dry run)' : '';
  return `${queue}: ${found} message(s)${party}, ${redriven} redriven${dry}, ${left} left in the queue`;
}
