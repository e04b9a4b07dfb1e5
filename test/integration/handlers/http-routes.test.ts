import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as addInput } from '#functions/http-add-input/handler.ts';
import { handler as getStatus } from '#functions/http-get-status/handler.ts';
import { handler as removeInput } from '#functions/http-remove-input/handler.ts';
import { handler as startParty } from '#functions/http-start-party/handler.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { InputAdded, InputRemoved } from '#shared/contracts/events.ts';
import { LIMITS } from '#shared/domain/party/limits.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { httpEvent, lambdaContext } from '#test/support/lambda.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let store: PartyStore;

const CHANGES_PER_MINUTE = 5;

beforeAll(async () => {
  process.env.PARTY_CHANGES_PER_MINUTE = String(CHANGES_PER_MINUTE);
  env = await handlerEnvironment();
  store = new PartyStore(testDocumentClient(), env.tableName);
});
afterAll(() => env.stop());
beforeEach(() => env.bus.clear());

const BASE = '/api/v1/event-driven';
const context = lambdaContext();

function body(response: APIGatewayProxyStructuredResultV2): Record<string, unknown> {
  return JSON.parse(response.body ?? '{}') as Record<string, unknown>;
}

async function start(payload: unknown = {}) {
  return startParty(httpEvent('POST', `${BASE}/start`, { body: payload }), context);
}

/** A new party and the Authorization header that its token grants. */
async function newParty(): Promise<{ partyId: string; auth: Record<string, string> }> {
  const created = body(await start()) as { party_id: string; token: string };
  return { partyId: created.party_id, auth: { authorization: `Bearer ${created.token}` } };
}

describe('POST /start', () => {
  it('creates a party with its initial inputs and publishes one input event each', async () => {
    const response = await start({
      initial_inputs: [
        { content: 'jungle theme party for 75 guests' },
        { content: 'budget $1500', tags: ['budget'] },
      ],
    });
    expect(response.statusCode).toBe(201);
    const { party_id: partyId, input_ids: inputIds } = body(response) as {
      party_id: string;
      input_ids: string[];
    };
    expect(partyId).toMatch(/^fp\d{4}[0-9A-F]{16}$/);
    const state = await store.getParty(partyId);
    expect(state?.inputs.map((input) => input.content)).toEqual([
      'jungle theme party for 75 guests',
      'budget $1500',
    ]);
    const events = env.bus.events().map((event) => InputAdded.parse(event));
    expect(events.map((event) => event.payload.input_id)).toEqual(inputIds);
    expect(
      env.bus.entries.every(
        (entry) => entry.Source === 'party-planner' && entry.DetailType === 'party.input.added',
      ),
    ).toBe(true);
    expect(new Set(events.map((event) => event.correlation_id)).size).toBe(1);
  });

  it('answers 409 for a party id that exists', async () => {
    const { partyId } = await newParty();
    const response = await start({ party_id: partyId });
    expect(response.statusCode).toBe(409);
    expect(body(response)).toMatchObject({ error: { code: 'conflict' } });
  });
});

describe('POST /input', () => {
  it('adds an input, answers 202 and publishes party.input.added', async () => {
    const { partyId, auth } = await newParty();
    const response = await addInput(
      httpEvent('POST', `${BASE}/input`, {
        body: { party_id: partyId, content: 'nut-free chocolate cake' },
        headers: auth,
      }),
      context,
    );
    expect(response.statusCode).toBe(202);
    const { input_id: inputId } = body(response);
    const [event] = env.bus.events().map((raw) => InputAdded.parse(raw));
    expect(event?.payload).toMatchObject({
      input_id: inputId,
      content: 'nut-free chocolate cake',
      inputs_version: 1,
    });
    expect((await store.getParty(partyId))?.inputs).toHaveLength(1);
  });

  it('adds an input sent twice with the same input_id once, and announces it as the same event', async () => {
    const { partyId, auth } = await newParty();
    const request = { party_id: partyId, input_id: 'inp_retry', content: 'venue in a park' };
    env.bus.clear();
    await addInput(httpEvent('POST', `${BASE}/input`, { body: request, headers: auth }), context);
    const again = await addInput(
      httpEvent('POST', `${BASE}/input`, { body: request, headers: auth }),
      context,
    );
    expect(again.statusCode).toBe(202);
    expect((await store.getParty(partyId))?.inputs).toHaveLength(1);
    const [first, repeat] = env.bus.events().map((raw) => InputAdded.parse(raw));
    expect(repeat?.event_id).toBe(first?.event_id);
    expect(repeat?.payload).toEqual(first?.payload);
  });
});

describe('DELETE /input/{input_id}', () => {
  it('removes an input and publishes party.input.removed', async () => {
    const created = body(await start({ initial_inputs: [{ content: 'space theme' }] }));
    const partyId = created.party_id as string;
    const auth = { authorization: `Bearer ${created.token}` };
    const [inputId] = created.input_ids as string[];
    env.bus.clear();
    const response = await removeInput(
      httpEvent('DELETE', `${BASE}/input/${inputId}`, {
        pathParameters: { input_id: inputId ?? '' },
        query: { party_id: partyId },
        headers: auth,
      }),
      context,
    );
    expect(response.statusCode).toBe(202);
    const [event] = env.bus.events().map((raw) => InputRemoved.parse(raw));
    expect(event?.payload).toMatchObject({ input_id: inputId, reason: 'user_action', inputs_version: 2 });
    expect((await store.getParty(partyId))?.inputs).toEqual([]);
  });

  it('answers a retried removal again and repeats the same event, instead of 404', async () => {
    const created = body(await start({ initial_inputs: [{ content: 'space theme' }] }));
    const partyId = created.party_id as string;
    const [inputId] = created.input_ids as string[];
    const remove = () =>
      removeInput(
        httpEvent('DELETE', `${BASE}/input/${inputId}`, {
          pathParameters: { input_id: inputId ?? '' },
          query: { party_id: partyId },
          headers: { authorization: `Bearer ${created.token}` },
        }),
        context,
      );
    env.bus.clear();
    expect((await remove()).statusCode).toBe(202);
    const before = await store.getParty(partyId);
    // The first attempt's publish may have been lost: the retry answers and announces it again.
    expect((await remove()).statusCode).toBe(202);
    const [first, repeat] = env.bus.events().map((raw) => InputRemoved.parse(raw));
    expect(repeat?.event_id).toBe(first?.event_id);
    expect(repeat?.payload).toEqual(first?.payload);
    expect(await store.getParty(partyId)).toEqual(before);
  });
});

describe('GET /status/{party_id}', () => {
  it('returns the whole state', async () => {
    const { partyId, auth } = await newParty();
    const response = await getStatus(
      httpEvent('GET', `${BASE}/status/${partyId}`, { pathParameters: { party_id: partyId }, headers: auth }),
      context,
    );
    expect(response.statusCode).toBe(200);
    expect(body(response)).toMatchObject({
      success: true,
      party: { party_id: partyId, version: 1, inputs: [] },
    });
  });
});

describe('bad requests get a 4xx naming the problem and write nothing', () => {
  async function expectRejected(
    response: APIGatewayProxyStructuredResultV2,
    status: number,
    code: string,
    mentions: string,
  ) {
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toMatch(/application\/json/);
    const { error } = body(response) as { error: { code: string; message: string; details: unknown } };
    expect(error.code).toBe(code);
    expect(error.message).toContain(mentions);
    expect(env.bus.entries).toEqual([]);
  }

  const someToken = { authorization: `Bearer ${'t'.repeat(43)}` };

  it.each([
    ['not JSON', '{"content": ', 400, 'bad_request', 'not valid JSON'],
    ['a missing party_id', { content: 'x' }, 400, 'bad_request', 'party_id'],
    ['an empty content', { party_id: 'fp2026ABCDEF', content: '   ' }, 400, 'bad_request', 'content'],
    ['a wrong type', { party_id: 'fp2026ABCDEF', content: 42 }, 400, 'bad_request', 'content'],
    [
      'an unknown field',
      { party_id: 'fp2026ABCDEF', content: 'x', colour: 'red' },
      400,
      'bad_request',
      'colour',
    ],
    ['a malformed party id', { party_id: '../etc/passwd', content: 'x' }, 400, 'bad_request', 'party_id'],
    [
      'an unknown party',
      { party_id: 'fp2026NOSUCHPARTY', content: 'x' },
      404,
      'not_found',
      'fp2026NOSUCHPARTY',
    ],
    [
      'a body over 64 KB',
      { party_id: 'fp2026ABCDEF', content: 'x'.repeat(70_000) },
      413,
      'payload_too_large',
      'over the limit',
    ],
  ])('POST /input with %s', async (_, payload, status, code, mentions) => {
    const response = await addInput(
      httpEvent('POST', `${BASE}/input`, { body: payload, headers: someToken }),
      context,
    );
    await expectRejected(response, status, code, mentions);
  });

  it('rejects an over-long input with 413 and leaves the party unchanged, its quota included', async () => {
    const { partyId, auth } = await newParty();
    env.bus.clear();
    const before = await store.getParty(partyId);
    const response = await addInput(
      httpEvent('POST', `${BASE}/input`, {
        body: { party_id: partyId, content: 'y'.repeat(LIMITS.inputLength + 1) },
        headers: auth,
      }),
      context,
    );
    await expectRejected(response, 413, 'payload_too_large', 'input length');
    expect(await store.getParty(partyId)).toEqual(before);
    const { Items = [] } = await testDocumentClient().send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quota)',
        ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':quota': 'QUOTA#' },
      }),
    );
    expect(Items).toEqual([]);
  });

  it('counts only changes against the quota: refusals and retries of a change made cost none', async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const { partyId, auth } = await newParty();
    const quotaUsed = async () => {
      const { Items = [] } = await testDocumentClient().send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :quota)',
          ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':quota': 'QUOTA#' },
          ConsistentRead: true,
        }),
      );
      return Items.reduce((sum, item) => sum + Number(item.used ?? 0), 0);
    };
    const add = () =>
      addInput(
        httpEvent('POST', `${BASE}/input`, {
          body: { party_id: partyId, input_id: 'inp_quota', content: 'jungle theme' },
          headers: auth,
        }),
        context,
      );
    const remove = (inputId: string) =>
      removeInput(
        httpEvent('DELETE', `${BASE}/input/${inputId}`, {
          pathParameters: { input_id: inputId },
          query: { party_id: partyId },
          headers: auth,
        }),
        context,
      );
    expect((await add()).statusCode).toBe(202);
    expect((await add()).statusCode).toBe(202);
    env.bus.clear();
    await expectRejected(await remove('inp_nope'), 404, 'not_found', 'inp_nope');
    expect(await quotaUsed()).toBe(1);
    expect((await remove('inp_quota')).statusCode).toBe(202);
    expect((await remove('inp_quota')).statusCode).toBe(202);
    expect(await quotaUsed()).toBe(2);
  });

  it('answers 404 for removing an unknown input', async () => {
    const { partyId, auth } = await newParty();
    env.bus.clear();
    const response = await removeInput(
      httpEvent('DELETE', `${BASE}/input/inp_nope`, {
        pathParameters: { input_id: 'inp_nope' },
        query: { party_id: partyId },
        headers: auth,
      }),
      context,
    );
    await expectRejected(response, 404, 'not_found', 'inp_nope');
  });

  it('answers 400 for a DELETE without party_id', async () => {
    const response = await removeInput(
      httpEvent('DELETE', `${BASE}/input/inp_1`, { pathParameters: { input_id: 'inp_1' } }),
      context,
    );
    await expectRejected(response, 400, 'bad_request', 'party_id');
  });

  it('answers 404 for the status of an unknown party', async () => {
    const response = await getStatus(
      httpEvent('GET', `${BASE}/status/fp2026NOPE`, {
        pathParameters: { party_id: 'fp2026NOPE' },
        headers: someToken,
      }),
      context,
    );
    await expectRejected(response, 404, 'not_found', 'fp2026NOPE');
  });

  it("answers 401 without a token and 403 with another party's, and changes nothing", async () => {
    const mine = await newParty();
    const theirs = await newParty();
    env.bus.clear();
    const add = (headers: Record<string, string>) =>
      addInput(
        httpEvent('POST', `${BASE}/input`, { body: { party_id: theirs.partyId, content: 'x' }, headers }),
        context,
      );
    await expectRejected(await add({}), 401, 'unauthorized', 'Bearer');
    await expectRejected(await add({ authorization: 'Basic abc' }), 401, 'unauthorized', 'Bearer');
    await expectRejected(await add(mine.auth), 403, 'forbidden', theirs.partyId);
    const status = await getStatus(
      httpEvent('GET', `${BASE}/status/${theirs.partyId}`, {
        pathParameters: { party_id: theirs.partyId },
        headers: mine.auth,
      }),
      context,
    );
    await expectRejected(status, 403, 'forbidden', theirs.partyId);
    expect((await store.getParty(theirs.partyId))?.inputs).toEqual([]);
  });

  it('answers 429 past the per-party quota of changes, and changes nothing', async () => {
    // The quota counts per clock minute; start well inside one so the window cannot roll over mid-test.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const { partyId, auth } = await newParty();
    const add = (content: string) =>
      addInput(
        httpEvent('POST', `${BASE}/input`, { body: { party_id: partyId, content }, headers: auth }),
        context,
      );
    for (let index = 0; index < CHANGES_PER_MINUTE; index++)
      expect((await add(`input ${index}`)).statusCode).toBe(202);
    env.bus.clear();
    const before = await store.getParty(partyId);
    const response = await add('one too many');
    await expectRejected(response, 429, 'rate_limited', partyId);
    expect(
      (body(response) as { error: { details: { retry_after_seconds: number } } }).error.details
        .retry_after_seconds,
    ).toBeGreaterThan(0);
    expect(await store.getParty(partyId)).toEqual(before);
  });
});
