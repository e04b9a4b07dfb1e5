import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemBytes } from '@party-planner/local-cloud/dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as broadcaster } from '#functions/broadcaster/handler.ts';
import { handler as defaultRoute } from '#functions/ws-default/handler.ts';
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import {
  logHeadKey,
  MessageLog,
  messageKey,
  RECENT_KEPT,
  RECENT_MAX,
} from '#shared/adapters/dynamodb/message-log.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { type PartyMessage, ServerMessage } from '#shared/contracts/messages.ts';
import { createEvent } from '#shared/domain/event-factory.ts';
import { sharedDocumentClient } from '#shared/lambda/container.ts';
import { DeliveryFailedError, OPENING_GRACE_MS } from '#shared/use-cases/broadcast/deliver.ts';
import { MAX_SOCKET_MESSAGE_BYTES } from '#shared/use-cases/broadcast/oversize.ts';
import { IN_FLIGHT_MS, MAX_REPLAY } from '#shared/use-cases/resume.ts';
import { agentStartedMessage, input, plan, shouldExecuteEvent, uniquePartyId } from '#test/fixtures/party.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { busDelivery, lambdaContext, socketEvent } from '#test/support/lambda.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let gateway: Awaited<ReturnType<typeof startGatewayFaults>>;
let store: PartyStore;
let connections: ConnectionStore;
let log: MessageLog;
const context = lambdaContext();
const cause = { correlation_id: 'req-realtime', causation_id: 'req-realtime' };

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Sits in front of the `@connections` recorder and adds what it lacks: throttling (429
 * LimitExceededException) and server errors for chosen connections, a delay per post, and a count
 * of posts in flight.
 */
async function startGatewayFaults(upstream: string) {
  const throttle = new Map<string, number>();
  const failing = new Set<string>();
  const attempts = new Map<string, number>();
  const state = { delayMs: 0, inFlight: 0, maxInFlight: 0 };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const connectionId = decodeURIComponent(/@connections\/([^/?]+)/.exec(request.url ?? '')?.[1] ?? '');
    attempts.set(connectionId, (attempts.get(connectionId) ?? 0) + 1);
    const throttlesLeft = throttle.get(connectionId) ?? 0;
    if (throttlesLeft > 0) {
      throttle.set(connectionId, throttlesLeft - 1);
      response.writeHead(429, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'LimitExceededException',
      });
      return response.end(JSON.stringify({ message: 'Rate exceeded' }));
    }
    if (failing.has(connectionId)) {
      response.writeHead(500, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'InternalServerErrorException',
      });
      return response.end(JSON.stringify({ message: 'injected' }));
    }
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      const forwarded = await fetch(`${upstream}${request.url}`, {
        method: request.method ?? 'POST',
        body: body.toString('utf8'),
      });
      const headers: Record<string, string> = {};
      forwarded.headers.forEach((value, key) => {
        headers[key] = value;
      });
      response.writeHead(forwarded.status, headers).end(Buffer.from(await forwarded.arrayBuffer()));
    } finally {
      state.inFlight -= 1;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    throttle,
    failing,
    attempts,
    state,
    reset: () => {
      throttle.clear();
      failing.clear();
      attempts.clear();
      Object.assign(state, { delayMs: 0, inFlight: 0, maxInFlight: 0 });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  env = await handlerEnvironment();
  gateway = await startGatewayFaults(env.sockets.endpoint);
  // Set before any handler runs: the container builds its management client on first use.
  process.env.WEBSOCKET_MANAGEMENT_ENDPOINT = gateway.endpoint;
  store = new PartyStore(testDocumentClient(), env.tableName);
  connections = new ConnectionStore(testDocumentClient(), env.tableName);
  log = new MessageLog(testDocumentClient(), env.tableName);
});
afterAll(async () => {
  await gateway.stop();
  await env.stop();
});
beforeEach(() => {
  env.sockets.posts.splice(0);
  env.sockets.gone.clear();
  gateway.reset();
});

/** A connection stored longer ago than any `$connect` can take: a 410 from it means it is gone. */
async function connectedLongAgo(partyId: string, connectionId: string) {
  await connections.add({
    connection_id: connectionId,
    party_id: partyId,
    connected_at: new Date(Date.now() - 2 * OPENING_GRACE_MS).toISOString(),
  });
}

async function connectAll(partyId: string, ...connectionIds: string[]) {
  for (const connectionId of connectionIds) {
    await connections.add({
      connection_id: connectionId,
      party_id: partyId,
      connected_at: new Date().toISOString(),
    });
  }
}

function startedEvent(partyId: string, executionId: string) {
  return createEvent(
    'party.agent.started',
    partyId,
    {
      agent_name: 'theme_agent',
      execution_id: executionId,
      input_count: 1,
      message: null,
      inputs_version: 1,
    },
    cause,
  );
}

function startedMessage(event: ReturnType<typeof startedEvent>, seq: number): PartyMessage {
  return agentStartedMessage({ ...event, execution_id: event.payload.execution_id }, seq);
}

/** Messages 1..count, logged long enough ago that a hole among them is no write still in flight. */
async function logLongAgo(partyId: string, count: number) {
  const past = new MessageLog(testDocumentClient(), env.tableName, {
    clock: () => new Date(Date.now() - 10 * IN_FLIGHT_MS),
  });
  for (const n of range(1, count)) {
    const event = startedEvent(partyId, `exec_${n}`);
    await past.append(partyId, event, (seq) => startedMessage(event, seq));
  }
}

const broadcast = (event: Parameters<typeof busDelivery>[0]) => broadcaster(busDelivery(event), context);

/** The party messages that one connection received, in arrival order. */
function receivedBy(connectionId: string): PartyMessage[] {
  return env.sockets.posts
    .filter((post) => post.connectionId === connectionId)
    .map((post) => ServerMessage.parse(post.message))
    .flatMap((message) => ('seq' in message ? [message as PartyMessage] : []));
}

function repliesTo(connectionId: string) {
  return env.sockets.posts
    .filter((post) => post.connectionId === connectionId)
    .map((post) => ServerMessage.parse(post.message));
}

const resume = (connectionId: string, partyId: string | undefined, since: number) =>
  defaultRoute(socketEvent(connectionId, partyId, JSON.stringify({ action: 'resume', since })), context);

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('message numbering', () => {
  it('stays gapless and logs each event once under concurrent and duplicate deliveries', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-race');
    const events = range(1, 20).map((n) => startedEvent(partyId, `exec_${n}`));
    // Every event twice, a few three times, all at once in a scrambled order.
    const deliveries = [...events, ...events, ...events.slice(0, 5)].sort(() => Math.random() - 0.5);
    await Promise.all(deliveries.map(broadcast));

    expect(await log.lastSeq(partyId)).toBe(20);
    const read = await log.readSince(partyId, 0, 100);
    expect(read.kind).toBe('messages');
    const logged = read.kind === 'messages' ? read.messages : [];
    expect(logged.map((message) => message.seq)).toEqual(range(1, 20));
    expect(new Set(logged.map((message) => message.event_id))).toEqual(
      new Set(events.map((event) => event.event_id)),
    );

    // Every delivery was posted, and each event always under the seq it was logged with.
    const posted = receivedBy('conn-race');
    expect(posted).toHaveLength(deliveries.length);
    const seqOf = new Map(logged.map((message) => [message.event_id, message.seq]));
    for (const message of posted) expect(message.seq).toBe(seqOf.get(message.event_id));
  });

  it('re-posts a redelivered event with its original seq and allocates nothing', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-dup');
    const first = startedEvent(partyId, 'exec_a');
    const second = startedEvent(partyId, 'exec_b');
    await broadcast(first);
    await broadcast(second);
    await broadcast(first);

    const posted = receivedBy('conn-dup');
    expect(posted.map((message) => [message.event_id, message.seq])).toEqual([
      [first.event_id, 1],
      [second.event_id, 2],
      [first.event_id, 1],
    ]);
    expect(posted[2]).toEqual(posted[0]);
    expect(await log.lastSeq(partyId)).toBe(2);
  });

  it('numbers concurrent appends with one update and one put each: no race is ever lost', async () => {
    const partyId = uniquePartyId();
    const doc = testDocumentClient();
    const commands: string[] = [];
    doc.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'commandCounter' },
    );
    const counted = new MessageLog(doc, env.tableName);
    const events = range(1, 12).map((n) => startedEvent(partyId, `exec_${n}`));
    const appended = await Promise.all(
      events.map((event) => counted.append(partyId, event, (seq) => startedMessage(event, seq))),
    );
    expect(appended.map((entry) => entry.message.seq).sort((a, b) => a - b)).toEqual(range(1, 12));
    expect(commands.filter((name) => name === 'UpdateItemCommand')).toHaveLength(12);
    expect(commands.filter((name) => name === 'PutItemCommand')).toHaveLength(12);
    expect(commands).toHaveLength(24);
  });

  it('remembers the last events it numbered in a head that stays one write unit', async () => {
    const partyId = uniquePartyId();
    const events = range(1, RECENT_MAX + 10).map((n) => startedEvent(partyId, `exec_${n}`));
    for (const event of events) await log.append(partyId, event, (seq) => startedMessage(event, seq));
    const { Item: head = {} } = await testDocumentClient().send(
      new GetCommand({ TableName: env.tableName, Key: logHeadKey(partyId) }),
    );
    expect(itemBytes(marshall(head))).toBeLessThanOrEqual(1024);

    const recent = events.at(-RECENT_KEPT);
    if (!recent) throw new Error('no event');
    const again = await log.append(partyId, recent, (seq) => startedMessage(recent, seq));
    expect(again).toMatchObject({ duplicate: true, message: { seq: events.length - RECENT_KEPT + 1 } });
    expect(await log.lastSeq(partyId)).toBe(events.length);
  });

  it('writes the message a delivery numbered but died before writing when the event comes again', async () => {
    const partyId = uniquePartyId();
    const [first, second] = [startedEvent(partyId, 'exec_a'), startedEvent(partyId, 'exec_b')];
    await log.append(partyId, first, (seq) => startedMessage(first, seq));
    await log.append(partyId, second, (seq) => startedMessage(second, seq));
    await testDocumentClient().send(
      new DeleteCommand({ TableName: env.tableName, Key: messageKey(partyId, 1) }),
    );
    expect(await log.readSince(partyId, 0, 10)).toEqual({ kind: 'writing', messages: [], last_seq: 2 });

    const again = await log.append(partyId, first, (seq) => startedMessage(first, seq));
    expect(again).toMatchObject({ duplicate: true, message: { seq: 1 } });
    const read = await log.readSince(partyId, 0, 10);
    expect(read.kind === 'messages' && read.messages.map((message) => message.event_id)).toEqual([
      first.event_id,
      second.event_id,
    ]);
  });

  it('waits out a seq still being written, and bridges one whose writer died with a snapshot', async () => {
    const partyId = uniquePartyId();
    let now = Date.parse('2026-11-25T10:00:00Z');
    const timed = new MessageLog(testDocumentClient(), env.tableName, { clock: () => new Date(now) });
    const events = range(1, 3).map((n) => startedEvent(partyId, `exec_${n}`));
    for (const event of events) await timed.append(partyId, event, (seq) => startedMessage(event, seq));
    await testDocumentClient().send(
      new DeleteCommand({ TableName: env.tableName, Key: messageKey(partyId, 2) }),
    );

    const early = await timed.readSince(partyId, 0, 10);
    expect(early.kind === 'writing' && early.messages.map((message) => message.seq)).toEqual([1]);
    now += IN_FLIGHT_MS + 1;
    expect(await timed.readSince(partyId, 0, 10)).toEqual({ kind: 'gap', last_seq: 3 });
    expect(await timed.readSince(partyId, 2, 10)).toMatchObject({ kind: 'messages', last_seq: 3 });
  });

  it('gives agent.should_execute no message and no seq', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-internal');
    await broadcast(shouldExecuteEvent(partyId, 'theme_agent'));
    expect(receivedBy('conn-internal')).toEqual([]);
    expect(await log.lastSeq(partyId)).toBe(0);
  });
});

describe('plans', () => {
  it('does not broadcast a plan that a newer one has replaced', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId, [input('inp_1', 'space theme')]);
    await connectAll(partyId, 'conn-plans');
    const first = (await store.setFinalPlan(partyId, plan(50))).state.final_plan;
    const second = (await store.setFinalPlan(partyId, plan(100))).state.final_plan;
    expect([first?.plan_version, second?.plan_version]).toEqual([1, 2]);
    if (!first || !second) throw new Error('no plan stored');
    // The newer plan's broadcast overtakes the older one's.
    await broadcast(createEvent('party.plan.updated', partyId, second, cause));
    await broadcast(createEvent('party.plan.updated', partyId, first, cause));
    const plans = receivedBy('conn-plans').flatMap((message) =>
      message.type === 'plan_updated' ? [message.payload.plan_version] : [],
    );
    expect(plans).toEqual([2]);
  });
});

describe('posting', () => {
  it('replaces a message over 32 KB with refresh_required under the same seq, and logs it whole', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-big');
    await broadcast(startedEvent(partyId, 'exec_small'));
    const big = createEvent(
      'party.agent.completed',
      partyId,
      {
        agent_name: 'theme_agent',
        execution_id: 'exec_big',
        result: { notes: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES) },
        confidence: 0.9,
        execution_time_ms: 5,
        inputs_version: 1,
      },
      cause,
    );
    await broadcast(big);

    const [, stand] = repliesTo('conn-big');
    expect(stand).toMatchObject({
      type: 'refresh_required',
      seq: 2,
      event_id: big.event_id,
      party_id: partyId,
      payload: {
        reason: 'message_too_large',
        replaces_type: 'agent_completed',
        status_path: `/api/v1/event-driven/status/${partyId}`,
      },
    });
    expect(JSON.stringify(stand).length).toBeLessThan(1024);
    const read = await log.readSince(partyId, 1, 10);
    expect(read.kind === 'messages' && read.messages[0]).toMatchObject({
      type: 'agent_completed',
      seq: 2,
      result: { notes: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES) },
    });

    // A replay of it is never posted whole either.
    await resume('conn-big', partyId, 1);
    expect(repliesTo('conn-big')[2]).toMatchObject({ type: 'refresh_required', seq: 2 });
  });

  it('reaches a socket that connects while its message is being numbered', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-early');
    // A socket whose resume read the log just before this seq was handed out: only the live post
    // can reach it, so the broadcaster must look for sockets after numbering.
    let connectedLate = false;
    const lateConnect = 'connectWhileNumbering';
    sharedDocumentClient().middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === 'UpdateItemCommand' && !connectedLate) {
          connectedLate = true;
          await connectAll(partyId, 'conn-late');
        }
        return output;
      },
      { step: 'initialize', name: lateConnect },
    );
    try {
      await broadcast(startedEvent(partyId, 'exec_late'));
    } finally {
      sharedDocumentClient().middlewareStack.remove(lateConnect);
    }
    expect(connectedLate).toBe(true);
    expect(receivedBy('conn-late').map((message) => message.seq)).toEqual([1]);
  });

  it('removes exactly the gone connection and still reaches the others', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-stay');
    await connectedLongAgo(partyId, 'conn-gone');
    const otherParty = uniquePartyId();
    await connectAll(otherParty, 'conn-elsewhere');
    env.sockets.gone.add('conn-gone');
    await broadcast(startedEvent(partyId, 'exec_gone'));

    expect(receivedBy('conn-stay').map((message) => message.seq)).toEqual([1]);
    expect((await connections.ofParty(partyId)).map((row) => row.connection_id)).toEqual(['conn-stay']);
    expect((await connections.ofParty(otherParty)).map((row) => row.connection_id)).toEqual([
      'conn-elsewhere',
    ]);
  });

  it('keeps the row of a socket still opening, which API Gateway also answers 410 for', async () => {
    const partyId = uniquePartyId();
    // ws-connect stored it; the socket opens once its $connect returns, and then resumes from the log.
    await connectAll(partyId, 'conn-opening');
    env.sockets.gone.add('conn-opening');
    await broadcast(startedEvent(partyId, 'exec_opening'));
    expect((await connections.ofParty(partyId)).map((row) => row.connection_id)).toEqual(['conn-opening']);
  });

  it('retries a throttled post until it goes through, once', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-throttled', 'conn-calm');
    // More than the SDK's own three attempts, so that the broadcaster's backoff has to carry it.
    gateway.throttle.set('conn-throttled', 4);
    await broadcast(startedEvent(partyId, 'exec_throttled'));

    expect(receivedBy('conn-throttled').map((message) => message.seq)).toEqual([1]);
    expect(receivedBy('conn-calm').map((message) => message.seq)).toEqual([1]);
    expect(gateway.attempts.get('conn-throttled')).toBe(5);
  });

  it('keeps at most 10 posts in flight', async () => {
    const partyId = uniquePartyId();
    const ids = range(1, 25).map((n) => `conn-fan-${n}`);
    await connectAll(partyId, ...ids);
    gateway.state.delayMs = 40;
    await broadcast(startedEvent(partyId, 'exec_fan'));

    expect(new Set(env.sockets.posts.map((post) => post.connectionId))).toEqual(new Set(ids));
    expect(gateway.state.maxInFlight).toBeLessThanOrEqual(10);
    expect(gateway.state.maxInFlight).toBeGreaterThan(1);
  });

  it('fails the invocation when a connection cannot be reached, so the redelivery repairs it', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-ok', 'conn-broken');
    gateway.failing.add('conn-broken');
    const event = startedEvent(partyId, 'exec_broken');
    await expect(broadcast(event)).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(receivedBy('conn-ok').map((message) => message.seq)).toEqual([1]);

    gateway.failing.clear();
    await broadcast(event);
    expect(receivedBy('conn-broken').map((message) => message.seq)).toEqual([1]);
    expect(await log.lastSeq(partyId)).toBe(1);
  });
});

describe('resume', () => {
  it('replays exactly the missed messages, once, in order, to the resuming connection only', async () => {
    const partyId = uniquePartyId();
    await connectAll(partyId, 'conn-live');
    for (const n of range(1, 5)) await broadcast(startedEvent(partyId, `exec_${n}`));
    const live = receivedBy('conn-live');

    await resume('conn-back', partyId, 2);
    expect(receivedBy('conn-back')).toEqual(live.slice(2));
    expect(receivedBy('conn-live')).toHaveLength(5);

    env.sockets.posts.splice(0);
    await resume('conn-back', partyId, 5);
    expect(env.sockets.posts).toEqual([]);
  });

  it('sends a snapshot when the log no longer reaches back', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId, [input('inp_1', 'space theme')]);
    await logLongAgo(partyId, 3);
    // What TTL does to the oldest message.
    await testDocumentClient().send(
      new DeleteCommand({ TableName: env.tableName, Key: messageKey(partyId, 1) }),
    );

    await resume('conn-old', partyId, 0);
    const [snapshot, ...rest] = repliesTo('conn-old');
    expect(rest).toEqual([]);
    expect(snapshot).toMatchObject({
      type: 'snapshot',
      party_id: partyId,
      payload: { last_seq: 3, state: { party_id: partyId, inputs: [{ input_id: 'inp_1' }] } },
    });

    // Still reaching back to seq 2 is enough for a client that saw 1.
    await resume('conn-recent', partyId, 1);
    expect(receivedBy('conn-recent').map((message) => message.seq)).toEqual([2, 3]);
  });

  it('sends a snapshot for a hole inside the range, a seq never handed out, or too much to replay', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    await logLongAgo(partyId, 4);
    await testDocumentClient().send(
      new DeleteCommand({ TableName: env.tableName, Key: messageKey(partyId, 3) }),
    );

    await resume('conn-hole', partyId, 1);
    await resume('conn-future', partyId, 99);
    expect(repliesTo('conn-hole').map((reply) => reply.type)).toEqual(['snapshot']);
    expect(repliesTo('conn-future')).toMatchObject([{ type: 'snapshot', payload: { last_seq: 4 } }]);
    expect(await log.readSince(partyId, 3, 10)).toMatchObject({ kind: 'messages', last_seq: 4 });
    expect(await log.readSince(partyId, 0, 2)).toEqual({ kind: 'gap', last_seq: 4 });
    expect(MAX_REPLAY).toBeGreaterThan(0);
  });

  it('waits for a message being written rather than leave a reconnected client behind it', async () => {
    const partyId = uniquePartyId();
    const events = range(1, 3).map((n) => startedEvent(partyId, `exec_${n}`));
    for (const event of events) await broadcast(event);
    // Seq 3 handed out and not yet written: its writer is between the two calls.
    await testDocumentClient().send(
      new DeleteCommand({ TableName: env.tableName, Key: messageKey(partyId, 3) }),
    );
    const last = events[2];
    if (!last) throw new Error('no event');
    const resumed = resume('conn-reconnected', partyId, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await log.append(partyId, last, (seq) => startedMessage(last, seq));
    await resumed;
    // Nothing after seq 3 would have told this client that it was missing.
    expect(receivedBy('conn-reconnected').map((message) => message.seq)).toEqual([2, 3]);
  });

  it('never crosses parties: the socket resumes the party its token was for', async () => {
    const partyId = uniquePartyId();
    const otherParty = uniquePartyId();
    await broadcast(startedEvent(partyId, 'exec_mine'));
    await broadcast(startedEvent(otherParty, 'exec_theirs'));
    await resume('conn-mine', partyId, 0);
    expect(receivedBy('conn-mine').map((message) => message.party_id)).toEqual([partyId]);

    await resume('conn-anonymous', undefined, 0);
    expect(repliesTo('conn-anonymous')).toMatchObject([{ type: 'error', error: 'unauthorized' }]);
  });

  it('answers an unknown action with unknown_action and a bad resume with bad_request', async () => {
    const partyId = uniquePartyId();
    const send = (body: string) => defaultRoute(socketEvent('conn-odd', partyId, body), context);
    expect(await send('{"action":"dance"}')).toEqual({ statusCode: 200 });
    expect(await send('{"action":"resume","since":"soon"}')).toEqual({ statusCode: 200 });
    expect(await send('{"action":"ping"}')).toEqual({ statusCode: 200 });
    expect(repliesTo('conn-odd')).toMatchObject([
      { type: 'error', error: 'unknown_action' },
      { type: 'error', error: 'bad_request' },
      { type: 'pong' },
    ]);
  });
});
