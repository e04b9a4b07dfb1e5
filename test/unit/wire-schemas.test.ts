import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#lib/paths.ts';
import { EVENT_SCHEMAS, EVENT_TYPES, PartyEvent } from '#shared/contracts/events.ts';
import { buildJsonSchemas, serializeJsonSchema } from '#shared/contracts/json-schema.ts';
import { ServerMessage } from '#shared/contracts/messages.ts';
import { toMessage } from '#shared/use-cases/broadcast/from-event.ts';
import { sampleEvents } from '#test/fixtures/events.ts';

describe('event schemas', () => {
  it('has the event types of the original design', () => {
    expect(EVENT_TYPES).toEqual([
      'party.input.added',
      'party.input.removed',
      'party.agent.should_execute',
      'party.agent.started',
      'party.agent.completed',
      'party.agent.failed',
      'party.agent.data_removed',
      'party.budget.updated',
      'party.plan.updated',
    ]);
  });

  it.each(sampleEvents().map((event) => [event.type, event] as const))(
    'accepts a well-formed %s',
    (_, event) => {
      expect(PartyEvent.parse(event)).toEqual(event);
    },
  );

  it('rejects an envelope without a UUID event id or with a bad timestamp', () => {
    const [event] = sampleEvents();
    expect(PartyEvent.safeParse({ ...event, event_id: 'evt_1' }).success).toBe(false);
    expect(PartyEvent.safeParse({ ...event, occurred_at: 'yesterday' }).success).toBe(false);
    expect(PartyEvent.safeParse({ ...event, type: 'party.unknown' }).success).toBe(false);
  });

  it('has one schema per type', () => {
    expect(EVENT_SCHEMAS).toHaveLength(EVENT_TYPES.length);
  });
});

describe('WebSocket messages', () => {
  it('keep the original field names, with the unused ones null', () => {
    const started = sampleEvents().find((event) => event.type === 'party.agent.started');
    const message = started && toMessage(started, 7);
    expect(message).toMatchObject({
      type: 'agent_started',
      agent: 'theme_agent',
      status: 'running',
      result: null,
      error: null,
      message: 'Analyzing party theme...',
      seq: 7,
    });
    expect(Object.keys(message ?? {})).toEqual(
      expect.arrayContaining([
        'type',
        'agent',
        'status',
        'result',
        'message',
        'error',
        'timestamp',
        'payload',
      ]),
    );
  });

  it.each(sampleEvents().map((event) => [event.type, event] as const))(
    'turn %s into a valid message or none',
    (type, event) => {
      const message = toMessage(event, 1);
      if (type === 'party.agent.should_execute') expect(message).toBeNull();
      else expect(ServerMessage.parse(message)).toEqual(message);
    },
  );
});

describe('JSON Schema for frontend developers', () => {
  it('is committed and up to date (run `npm run schemas` after changing a schema)', () => {
    const directory = join(REPO_ROOT, 'shared', 'json-schema');
    for (const [file, document] of buildJsonSchemas()) {
      expect(readFileSync(join(directory, file), 'utf8'), file).toBe(serializeJsonSchema(document));
    }
  });
});
