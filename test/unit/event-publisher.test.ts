import type { EventBridgeClient, PutEventsCommand, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { EventPublisher } from '#shared/adapters/event-publisher.ts';
import { sampleEvents } from '#test/fixtures/events.ts';

/** A client that accepts every entry and keeps what each PutEvents call carried. */
function recordingClient() {
  const calls: PutEventsRequestEntry[][] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      return { FailedEntryCount: 0, Entries: entries.map((_, index) => ({ EventId: `e${index}` })) };
    },
  };
  // Only `send` is called; the rest of the client is never touched.
  return { calls, client: client as unknown as EventBridgeClient };
}

const HEADER = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';

describe('EventPublisher trace header', () => {
  it('puts the invocation trace header on every entry, read at each publish', async () => {
    const { calls, client } = recordingClient();
    let current: string | undefined = HEADER;
    const publisher = new EventPublisher(client, 'bus', { traceHeader: () => current });
    const events = sampleEvents().slice(0, 2);
    await publisher.publish(events);
    current = 'Root=1-67891234-abcdef012345678912345678;Parent=53995c3f42cd8ad9;Sampled=1';
    await publisher.publish(events);
    expect(calls.map((entries) => entries.map((entry) => entry.TraceHeader))).toEqual([
      [HEADER, HEADER],
      [current, current],
    ]);
  });

  it('leaves TraceHeader out when the invocation is not traced', async () => {
    const { calls, client } = recordingClient();
    await new EventPublisher(client, 'bus', { traceHeader: () => undefined }).publish(
      sampleEvents().slice(0, 1),
    );
    await new EventPublisher(client, 'bus').publish(sampleEvents().slice(0, 1));
    for (const [entry] of calls) expect(entry).not.toHaveProperty('TraceHeader');
  });
});
