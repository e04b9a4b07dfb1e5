import { describe, expect, it } from 'vitest';
import {
  busEntryOf,
  distinctEvents,
  type FailedEvent,
  formatTable,
  isReadable,
  planRedrive,
  type QueueMessage,
  readFailedEvent,
  settleBatch,
  summarize,
  summaryLine,
} from '#shared/use-cases/redrive.ts';

const detail = {
  event_id: '6f1c1f9e-4d47-4b8a-9c55-1d8c8d0e4a11',
  type: 'party.input.added',
  party_id: 'fpPARTY0001',
  payload: { input_id: 'inp_1' },
};
const busEvent = {
  version: '0',
  id: 'b1',
  'detail-type': 'party.input.added',
  source: 'party-planner',
  time: '2026-12-04T10:00:00Z',
  detail,
};
const NOW = Date.parse('2026-12-04T12:00:00Z');

const message = (body: unknown, attributes: Record<string, string> = {}): QueueMessage => ({
  messageId: 'm1',
  receiptHandle: 'r1',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  sentAt: NOW - 90 * 60_000,
  attributes,
});

/** Lambda's on-failure record around the event, as AWS documents it. */
const invocationRecord = (responsePayload: unknown) => ({
  version: '1.0',
  timestamp: '2026-12-04T10:30:00.000Z',
  requestContext: {
    requestId: 'req',
    functionArn: 'arn:aws:lambda:us-east-1:1:function:analyzer:$LATEST',
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: busEvent,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload,
});

const read = (queue: 'undelivered' | 'failed', of: QueueMessage): FailedEvent => {
  const result = readFailedEvent(queue, of);
  if (!isReadable(result)) throw new Error(result.problem);
  return result;
};

describe('reading a failure queue', () => {
  it("takes an undelivered event from the body and why from EventBridge's attributes", () => {
    const failed = read(
      'undelivered',
      message(busEvent, { ERROR_CODE: 'THROTTLING', ERROR_MESSAGE: 'Rate Exceeded.', RULE_ARN: 'arn:rule' }),
    );
    expect(failed).toMatchObject({
      eventType: 'party.input.added',
      partyId: 'fpPARTY0001',
      error: 'THROTTLING: Rate Exceeded.',
    });
  });

  it("takes a failed invocation's event from Lambda's record, and why from its response", () => {
    const failed = read(
      'failed',
      message(invocationRecord({ errorType: 'PartyNotFoundError', errorMessage: 'no party' })),
    );
    expect(failed).toMatchObject({ eventType: 'party.input.added', error: 'PartyNotFoundError: no party' });
    expect(failed.event).toEqual(busEvent);
  });

  it('names the condition when the record has no response (the event grew too old to try)', () => {
    const { responsePayload: _, responseContext: __, ...record } = invocationRecord(null);
    const aged = { ...record, requestContext: { ...record.requestContext, condition: 'EventAgeExceeded' } };
    expect(read('failed', message(aged)).error).toBe('EventAgeExceeded');
  });

  it.each([
    ['a body that is not JSON', 'not json', 'undelivered' as const, /JSON/],
    ['an event without a party', { ...busEvent, detail: { type: 'x' } }, 'undelivered' as const, /party_id/],
    ['a record without its event', { requestContext: {} }, 'failed' as const, /requestPayload/],
    ['an undelivered event read as a record', busEvent, 'failed' as const, /requestContext/],
  ])('reports %s instead of redriving it', (_, body, queue, problem) => {
    const result = readFailedEvent(queue, message(body));
    expect(isReadable(result)).toBe(false);
    expect(result).toMatchObject({ problem: expect.stringMatching(problem) });
  });
});

describe('putting an event back', () => {
  it('puts it on the given bus as it was: source, type, the same detail (same event id) and time', () => {
    expect(busEntryOf(read('undelivered', message(busEvent)), 'party-bus')).toEqual({
      EventBusName: 'party-bus',
      Source: 'party-planner',
      DetailType: 'party.input.added',
      Detail: JSON.stringify(detail),
      Time: new Date('2026-12-04T10:00:00Z'),
    });
  });

  it('puts an event back once, however many targets left a copy of it in the queue', () => {
    const copy = (messageId: string, eventId?: string) =>
      read('undelivered', {
        ...message({ ...busEvent, detail: { ...detail, event_id: eventId } }),
        messageId,
      });
    const [a, b, c, d] = [copy('m1', 'e1'), copy('m2', 'e2'), copy('m3', 'e1'), copy('m4')];
    expect(distinctEvents([a, b, c, d])).toEqual([
      { failed: a, copies: [a, c] },
      { failed: b, copies: [b] },
      { failed: d, copies: [d] },
    ]);
  });

  it('deletes only the messages whose own entry succeeded', () => {
    const batch = ['a', 'b', 'c'].map((id) => ({ ...read('undelivered', message(busEvent)), eventType: id }));
    const { put, refused } = settleBatch(batch, [
      { EventId: 'e1' },
      { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' },
    ]);
    expect(put.map((failed) => failed.eventType)).toEqual(['a']);
    expect(refused).toEqual([
      { failed: batch[1], error: 'InternalFailure: try again' },
      { failed: batch[2], error: 'no result for this entry' },
    ]);
  });
});

it('shows event type, party, age and error in aligned columns', () => {
  const lines = formatTable(
    [
      read('undelivered', message(busEvent, { ERROR_CODE: 'THROTTLING', ERROR_MESSAGE: 'Rate Exceeded.' })),
      readFailedEvent('undelivered', message('oops')),
    ],
    NOW,
  );
  expect(lines[0]).toBe('EVENT TYPE         PARTY        AGE  ERROR');
  expect(lines[1]).toBe('party.input.added  fpPARTY0001  90m  THROTTLING: Rate Exceeded.');
  expect(lines[2]).toMatch(/^\(unreadable\) {7}- {12}90m {2}SyntaxError/);
});

describe('choosing and summing up', () => {
  const ours = read('undelivered', message(busEvent));
  const theirs = read(
    'undelivered',
    message({ ...busEvent, detail: { ...detail, party_id: 'fpOTHER0001' } }),
  );
  const unreadable = readFailedEvent('undelivered', message('oops'));

  it("shows and puts back only the party's events when one is asked for", () => {
    const plan = planRedrive([ours, theirs, unreadable], { partyId: 'fpPARTY0001', dryRun: false });
    expect(plan).toEqual({ shown: [ours], toPut: [ours] });
    expect(summarize(plan, 3, 0)).toEqual({ found: 1, redriven: 1, problems: 0, left: 2 });
  });

  it('shows everything and puts back what it can read; the unreadable and the refused are problems', () => {
    const plan = planRedrive([ours, theirs, unreadable], { dryRun: false });
    expect(plan.toPut).toEqual([ours, theirs]);
    const summary = summarize(plan, 3, 1);
    expect(summary).toEqual({ found: 3, redriven: 1, problems: 2, left: 2 });
    expect(summaryLine('undelivered', { dryRun: false }, summary)).toBe(
      'undelivered: 3 message(s), 1 redriven, 2 left in the queue',
    );
  });

  it('puts nothing back in a dry run', () => {
    const plan = planRedrive([ours, theirs], { partyId: 'fpOTHER0001', dryRun: true });
    expect(plan).toEqual({ shown: [theirs], toPut: [] });
    expect(summaryLine('failed', { partyId: 'fpOTHER0001', dryRun: true }, summarize(plan, 2, 0))).toBe(
      'failed: 1 message(s) of party fpOTHER0001, 0 redriven (dry run), 2 left in the queue',
    );
  });
});
