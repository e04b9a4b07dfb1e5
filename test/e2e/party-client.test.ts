import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  ApiError,
  type ConnectionState,
  connectParty,
  createPartyApi,
  type DeliveredMessage,
  type PartyApi,
} from '#shared/client/index.ts';
import type { PartyMessage } from '#shared/contracts/messages.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';

let testCloud: TestCloud;
let api: PartyApi;

beforeAll(async () => {
  testCloud = await startTestCloud();
  api = createPartyApi({ httpUrl: testCloud.cloud.endpoints.http });
}, 180_000);

afterAll(async () => {
  await testCloud?.stop();
});

const isPartyMessage = (message: DeliveredMessage): message is PartyMessage => 'seq' in message;
const completed = (messages: readonly PartyMessage[]) =>
  messages.some((message) => message.type === 'plan_updated' && message.payload.completion_percent === 100);

describe('typed HTTP calls', () => {
  it('start, add, status and remove return parsed bodies', async () => {
    const started = await api.start({ initial_inputs: [{ content: 'budget $1500' }] });
    expect(started.party_id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(started.input_ids).toHaveLength(1);
    const party = { partyId: started.party_id, token: started.token };

    const added = await api.addInput(party, { content: 'nut-free chocolate cake', input_id: 'cake-1' });
    expect(added.input_id).toBe('cake-1');
    const status = await api.status(party);
    expect(status.party.inputs.map((input) => input.content)).toEqual([
      'budget $1500',
      'nut-free chocolate cake',
    ]);
    const removed = await api.removeInput(party, 'cake-1');
    expect(removed.version).toBeGreaterThan(added.version);
  });

  it('throws ApiError with the code, message and details of the error body', async () => {
    const started = await api.start();
    const wrongToken = { partyId: started.party_id, token: 'x'.repeat(43) };
    await expect(api.status(wrongToken)).rejects.toMatchObject({
      name: 'ApiError',
      status: 403,
      code: 'forbidden',
    });
    const party = { partyId: started.party_id, token: started.token };
    await expect(api.removeInput(party, 'no-such-input')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const empty = await api.addInput(party, { content: '   ' }).catch((error: unknown) => error);
    expect(empty).toBeInstanceOf(ApiError);
    expect(empty).toMatchObject({ status: 400, code: 'bad_request' });
    expect((empty as ApiError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'content' })]),
    );
  });

  it('reports an unreachable API as a network ApiError', async () => {
    const offline = createPartyApi({ httpUrl: 'http://127.0.0.1:9' });
    await expect(offline.start()).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});

describe('live connection', () => {
  it('reconnects after the server drops the socket and resumes with no gap and no duplicate', async () => {
    const started = await api.start();
    const party = { partyId: started.party_id, token: started.token };
    const delivered: PartyMessage[] = [];
    const states: ConnectionState[] = [];
    const connection = connectParty({
      wsUrl: testCloud.cloud.endpoints.websocket,
      partyId: party.partyId,
      token: party.token,
      WebSocketImpl: WebSocket,
      onMessage: (message) => {
        if (isPartyMessage(message)) delivered.push(message);
      },
      onState: (state) => states.push(state),
      fetchStatus: () => api.status(party),
      // Long enough that the second input's messages are broadcast while no socket is open.
      backoff: { baseMs: 1_500, maxMs: 3_000 },
    });
    try {
      await expect.poll(() => connection.state, { timeout: 10_000 }).toBe('open');
      await api.addInput(party, { content: 'jungle theme party for 75 guests' });
      await expect.poll(() => completed(delivered), { timeout: 20_000 }).toBe(true);
      await testCloud.cloud.idle();

      const [first, ...others] = await testCloud.connectionsOf(party.partyId);
      expect(others).toEqual([]);
      if (!first) throw new Error('the connection was not recorded');
      const beforeDrop = connection.lastSeq;
      expect(await testCloud.dropConnection(first)).toBe(204);
      await expect.poll(() => connection.state, { timeout: 5_000 }).toBe('reconnecting');

      // Broadcast while the client is away: only the resume can bring these back.
      await api.addInput(party, { content: 'budget $1500' });
      await testCloud.cloud.idle();
      const { last_seq: lastSeq } = await api.status(party);
      expect(lastSeq).toBeGreaterThan(beforeDrop);

      await expect.poll(() => connection.lastSeq, { timeout: 20_000 }).toBe(lastSeq);
      expect(states).toEqual(['open', 'reconnecting', 'open']);
      const seqs = delivered.map((message) => message.seq);
      expect(seqs).toEqual(Array.from({ length: lastSeq }, (_, index) => index + 1));
      expect(delivered.some((message) => message.type === 'budget_updated' && message.seq > beforeDrop)).toBe(
        true,
      );
      const [second] = await testCloud.connectionsOf(party.partyId);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
    } finally {
      connection.close();
    }
    expect(connection.state).toBe('closed');
  });

  it('replays the whole log to a late joiner and keeps the socket alive with pings', async () => {
    const started = await api.start({ initial_inputs: [{ content: 'nut-free chocolate cake' }] });
    await testCloud.cloud.idle();
    const delivered: PartyMessage[] = [];
    const connection = connectParty({
      wsUrl: testCloud.cloud.endpoints.websocket,
      partyId: started.party_id,
      token: started.token,
      WebSocketImpl: WebSocket,
      onMessage: (message) => {
        if (isPartyMessage(message)) delivered.push(message);
      },
      pingIntervalMs: 50,
    });
    try {
      await expect
        .poll(() => delivered.some((message) => message.type === 'plan_updated'), { timeout: 20_000 })
        .toBe(true);
      expect(delivered[0]?.type).toBe('input_added');
      expect(delivered.map((message) => message.seq)).toEqual(delivered.map((_, index) => index + 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(connection.state).toBe('open');
    } finally {
      connection.close();
    }
  });
});

describe("the functions' own roles", () => {
  // Last in the file: every call that the tests above made the functions make went through IAM.
  it('allowed every call the functions made', () => {
    expect(testCloud.accessDenials()).toEqual([]);
  });
});
