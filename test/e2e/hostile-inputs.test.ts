import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ServerMessage } from '#shared/contracts/messages.ts';
import {
  CATEGORIES,
  type CorpusParties,
  type HostileFrame,
  type HostileHandshake,
  type HostileHttpRequest,
  HTTP_CORPUS,
  WEBSOCKET_CORPUS,
} from '#test/fixtures/hostile-corpus.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';

const API = '/api/v1/event-driven';
// A gateway that never answers is a failure of its own, reported long before the test's timeout.
const REPLY_TIMEOUT_MS = 10_000;

let testCloud: TestCloud;
let parties: CorpusParties;
const logs: Record<string, unknown>[] = [];

type Item = Record<string, unknown>;

/**
 * Items that legitimately change while the corpus runs, left out of the state comparison:
 * - quota counters (`QUOTA#<minute>`): an authorised change consumes the party's per-minute quota
 *   before the store refuses it (an input over the length limit, an unknown input id);
 * - WebSocket connections (`CONN#<id>`): the WebSocket cases open and close sockets of the party.
 */
const VOLATILE: readonly ((item: Item) => boolean)[] = [
  (item) => String(item.sk).startsWith('QUOTA#'),
  (item) => String(item.pk).startsWith('CONN#'),
];

async function scanState(): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await testCloud.doc.send(
      new ScanCommand({ TableName: testCloud.tableName, ExclusiveStartKey: cursor }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  const key = (item: Item) => `${String(item.pk)}\u0000${String(item.sk)}`;
  return items
    .filter((item) => !VOLATILE.some((volatile) => volatile(item)))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** node:http rather than fetch: fetch would normalise the paths and refuse some of the methods and bytes. */
function sendHttp(request: HostileHttpRequest): Promise<HttpAnswer> {
  const endpoint = new URL(testCloud.cloud.endpoints.http);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: endpoint.hostname,
        port: endpoint.port,
        method: request.method,
        path: request.path,
        agent: false,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(REPLY_TIMEOUT_MS, () => outgoing.destroy(new Error('no answer')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function call(method: string, path: string, body?: unknown, token?: string) {
  const answer = await sendHttp({
    method,
    path: `${API}${path}`,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}

async function startParty(initialInputs: { input_id: string; content: string }[]) {
  const { status, body } = await call('POST', '/start', { initial_inputs: initialInputs });
  expect(status).toBe(201);
  return { partyId: String(body.party_id), token: String(body.token), inputIds: body.input_ids as string[] };
}

const statusOf = (party: CorpusParties['mine']) =>
  call('GET', `/status/${party.partyId}`, undefined, party.token);

/** A WebSocket handshake sent by hand, so that its path, method and headers can be anything. */
function handshakeStatus(handshake: HostileHandshake): Promise<number> {
  const endpoint = new URL(testCloud.cloud.endpoints.websocket);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({
      host: endpoint.hostname,
      port: endpoint.port,
      method: handshake.method ?? 'GET',
      path: handshake.path,
      agent: false,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...handshake.headers,
      },
    });
    outgoing.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 101);
    });
    outgoing.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    outgoing.setTimeout(REPLY_TIMEOUT_MS, () => outgoing.destroy(new Error('no answer')));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

interface RecordedSocket {
  readonly socket: WebSocket;
  /** Every message received, in order. */
  readonly messages: unknown[];
  readonly closeCode: Promise<number>;
  /** The first message of this type from index `from` on, parsed by the message catalog. */
  next(type: string, from: number): Promise<ServerMessage>;
}

const typeOf = (message: unknown) => (message as { type?: unknown }).type;

function openRecorded(): Promise<RecordedSocket> {
  const { partyId, token } = parties.mine;
  const socket = new WebSocket(`${testCloud.cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
  const messages: unknown[] = [];
  const waiters = new Set<() => void>();
  const closeCode = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const waiter of waiters) waiter();
  });
  const next = (type: string, from: number) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.slice(from).find((message) => typeOf(message) === type);
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(ServerMessage.parse(found));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(`no ${type} in ${REPLY_TIMEOUT_MS} ms; got ${JSON.stringify(messages.slice(from))}`),
        );
      }, REPLY_TIMEOUT_MS);
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, closeCode, next }));
    socket.once('error', reject);
  });
}

function sendFrame(socket: WebSocket, frame: HostileFrame): void {
  if (frame.kind === 'fragments') {
    frame.data.forEach((part, index) => {
      socket.send(part, { fin: index === frame.data.length - 1 });
    });
    return;
  }
  // A Buffer in a text frame goes out as it is, valid UTF-8 or not.
  socket.send(frame.data, { binary: frame.kind === 'binary' });
}

async function closeSocket(recorded: RecordedSocket): Promise<void> {
  if (recorded.socket.readyState !== WebSocket.CLOSED) recorded.socket.close();
  await recorded.closeCode;
}

/** The party's socket, shared by the frame cases and opened again when one of them got it closed. */
let shared: RecordedSocket | undefined;
async function partySocket(): Promise<RecordedSocket> {
  if (shared?.socket.readyState !== WebSocket.OPEN) shared = await openRecorded();
  return shared;
}

/** The gateway and its functions survived: the socket still answers ping with pong. */
async function expectPong(recorded: RecordedSocket): Promise<void> {
  const from = recorded.messages.length;
  recorded.socket.send(JSON.stringify({ action: 'ping' }));
  await recorded.next('pong', from);
}

const invocations = () => logs.filter((line) => line.msg === 'invocation');
const countOf = (fn: string) => invocations().filter((line) => line.function === fn).length;

beforeAll(async () => {
  testCloud = await startTestCloud({ log: (line) => logs.push(line) });
  parties = {
    mine: await startParty([
      { input_id: 'inp_hostile_theme', content: 'jungle theme party for 20 guests' },
      { input_id: 'inp_hostile_cake', content: 'budget $800 and a nut-free cake' },
    ]),
    theirs: await startParty([]),
  };
  await testCloud.cloud.idle();
  const { body } = await statusOf(parties.mine);
  expect(body.party).toMatchObject({ final_plan: { completion_percent: expect.any(Number) } });
}, 180_000);

afterAll(() => testCloud?.stop());

describe('the hostile-input corpus', () => {
  it('has at least 70 HTTP and 35 WebSocket cases, in known categories, with unique names', () => {
    expect(HTTP_CORPUS.length).toBeGreaterThanOrEqual(70);
    expect(WEBSOCKET_CORPUS.length).toBeGreaterThanOrEqual(35);
    const all = [...HTTP_CORPUS, ...WEBSOCKET_CORPUS];
    expect(new Set(all.map((entry) => entry.name)).size).toBe(all.length);
    for (const entry of all) expect(CATEGORIES).toContain(entry.category);
  });
});

describe('every malformed request is refused and changes nothing', () => {
  let baseline: Item[];
  let baselineStatus: Record<string, unknown>;
  let invocationsBefore: number;

  beforeAll(async () => {
    baseline = await scanState();
    baselineStatus = (await statusOf(parties.mine)).body;
  });

  afterEach(async () => {
    // Every closed socket's $disconnect has run, so that its outcome is in the log too.
    const open = shared?.socket.readyState === WebSocket.OPEN ? 1 : 0;
    await expect.poll(() => countOf('ws-connect') - countOf('ws-disconnect'), { interval: 10 }).toBe(open);
    const failed = invocations()
      .slice(invocationsBefore)
      .filter((line) => line.outcome !== 'ok');
    expect(failed).toEqual([]);
    expect(await scanState()).toEqual(baseline);
    expect((await statusOf(parties.mine)).body).toEqual(baselineStatus);
  });

  describe('over HTTP', () => {
    it.each(HTTP_CORPUS.map((entry) => [`${entry.category}: ${entry.name}`, entry] as const))(
      '%s',
      async (_, entry) => {
        invocationsBefore = invocations().length;
        const answer = await sendHttp(entry.request(parties));
        expect(answer.status).toBe(entry.expected.status);
        expect(answer.contentType).toMatch(/^application\/json/);
        const body = JSON.parse(answer.text) as Record<string, unknown>;
        if ('gateway' in entry.expected) {
          expect(body).toEqual({ message: entry.expected.gateway });
          return;
        }
        const error = body.error as { code: string; message: string; details: unknown };
        expect(error.code).toBe(entry.expected.code);
        expect(error.message).toContain(entry.expected.mentions);
        expect(error.details).toBeTypeOf('object');
      },
    );
  });

  describe('over WebSocket', () => {
    afterAll(async () => {
      if (shared) await closeSocket(shared);
    });

    it.each(WEBSOCKET_CORPUS.map((entry) => [`${entry.category}: ${entry.name}`, entry] as const))(
      '%s',
      async (_, entry) => {
        invocationsBefore = invocations().length;
        if ('handshake' in entry) {
          expect(await handshakeStatus(entry.handshake(parties))).toBe(entry.expected.refused);
          // The refusal left the way in open: a new socket of the party is admitted and served.
          if (shared) await closeSocket(shared);
          await expectPong(await partySocket());
          return;
        }
        if ('close' in entry.expected) {
          const own = await openRecorded();
          sendFrame(own.socket, entry.frame);
          expect(await own.closeCode).toBe(entry.expected.close);
          expect(own.messages).toEqual([]);
          await expectPong(await partySocket());
          return;
        }
        const recorded = await partySocket();
        const from = recorded.messages.length;
        sendFrame(recorded.socket, entry.frame);
        const reply = await recorded.next('error', from);
        expect(reply).toMatchObject({ type: 'error', error: entry.expected.reply });
        expect(reply.message).not.toBe('');
        await expectPong(recorded);
        // Only the error and the pong: no replay, no snapshot, no report of a failed function.
        expect(recorded.messages.slice(from).map(typeOf)).toEqual(['error', 'pong']);
      },
    );
  });
});

describe("the functions' own roles", () => {
  // Last in the file: every call that the tests above made the functions make went through IAM.
  it('allowed every call the functions made', () => {
    expect(testCloud.accessDenials()).toEqual([]);
  });
});
