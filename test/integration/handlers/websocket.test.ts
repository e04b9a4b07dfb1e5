import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as broadcaster } from '#functions/broadcaster/handler.ts';
import { handler as authorizer } from '#functions/ws-authorizer/handler.ts';
import { handler as connect } from '#functions/ws-connect/handler.ts';
import { handler as defaultRoute } from '#functions/ws-default/handler.ts';
import { handler as disconnect } from '#functions/ws-disconnect/handler.ts';
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { ServerMessage } from '#shared/contracts/messages.ts';
import { createEvent } from '#shared/domain/event-factory.ts';
import { hashPartyToken, newPartyToken } from '#shared/domain/party/access.ts';
import { OPENING_GRACE_MS } from '#shared/use-cases/broadcast/deliver.ts';
import { input, inputAddedEvent, shouldExecuteEvent, uniquePartyId } from '#test/fixtures/party.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { busDelivery, lambdaContext, socketEvent } from '#test/support/lambda.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let store: PartyStore;
let connections: ConnectionStore;
const context = lambdaContext();
const cause = { correlation_id: 'req-ws', causation_id: 'req-ws' };

beforeAll(async () => {
  env = await handlerEnvironment();
  store = new PartyStore(testDocumentClient(), env.tableName);
  connections = new ConnectionStore(testDocumentClient(), env.tableName);
});
afterAll(() => env.stop());
beforeEach(() => env.sockets.posts.splice(0));

function authorizerEvent(query: Record<string, string>): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-east-1:000000000000:local/live/$connect',
    queryStringParameters: query,
  } as APIGatewayRequestAuthorizerEvent;
}

describe('$connect authorizer', () => {
  const token = newPartyToken();
  const partyId = uniquePartyId();
  beforeAll(() => store.createParty(partyId, [], hashPartyToken(token)));

  it("allows a socket with its party's token and passes the party on", async () => {
    const result = await authorizer(authorizerEvent({ party_id: partyId, token }), context);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(result.context).toEqual({ party_id: partyId });
  });

  it.each([
    ['no query', {}],
    ['no token', { party_id: 'fpPARTY' }],
    ['an unknown party', { party_id: 'fpNOSUCHPARTY', token }],
    ['a malformed party id', { party_id: '<script>', token }],
    ['a wrong token', { party_id: 'PARTY', token: newPartyToken() }],
  ])('denies %s', async (_, query) => {
    const resolved = Object.fromEntries(
      Object.entries(query).map(([key, value]) => [key, value === 'PARTY' ? partyId : value]),
    );
    const result = await authorizer(authorizerEvent(resolved), context);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
  });
});

describe('connections', () => {
  it('are stored on $connect, found by party, and removed on $disconnect', async () => {
    const partyId = uniquePartyId();
    expect(await connect(socketEvent('conn-a', partyId), context)).toEqual({ statusCode: 200 });
    expect((await connections.ofParty(partyId)).map((row) => row.connection_id)).toEqual(['conn-a']);
    await disconnect(socketEvent('conn-a', partyId), context);
    expect(await connections.ofParty(partyId)).toEqual([]);
  });

  it('refuses $connect without an authorized party', async () => {
    expect(await connect(socketEvent('conn-x', undefined), context)).toMatchObject({ statusCode: 403 });
  });
});

describe('$default', () => {
  it('answers ping with pong', async () => {
    await defaultRoute(socketEvent('conn-p', 'fpANY0001', '{"action":"ping"}'), context);
    expect(env.sockets.posts).toHaveLength(1);
    expect(ServerMessage.parse(env.sockets.posts[0]?.message)).toMatchObject({ type: 'pong' });
  });

  it.each(['not json', '{"action":"dance"}', '{"action":"resume","since":-1}'])(
    'answers %s with an error message',
    async (body) => {
      const response = await defaultRoute(socketEvent('conn-e', 'fpANY0001', body), context);
      expect(response).toEqual({ statusCode: 200 });
      expect(ServerMessage.parse(env.sockets.posts[0]?.message)).toMatchObject({ type: 'error' });
    },
  );

  it.each(['{"action":"ping","extra":1}', '{"action":"resume","since":0,"extra":true}'])(
    'refuses a field that no action has in %s, naming it',
    async (body) => {
      await defaultRoute(socketEvent('conn-u', 'fpANY0001', body), context);
      expect(env.sockets.posts).toHaveLength(1);
      const reply = ServerMessage.parse(env.sockets.posts[0]?.message);
      expect(reply).toMatchObject({ type: 'error', error: 'bad_request', payload: null });
      expect(reply.message).toContain('extra');
    },
  );
});

describe('broadcaster', () => {
  it("sends each party event to that party's sockets with a rising seq, and forgets gone sockets", async () => {
    const partyId = uniquePartyId();
    const otherParty = uniquePartyId();
    await store.createParty(partyId, [input('inp_1', 'space theme')]);
    await connections.add({
      connection_id: 'conn-1',
      party_id: partyId,
      connected_at: new Date().toISOString(),
    });
    // Connected long before: a 410 from it means gone, not still opening.
    await connections.add({
      connection_id: 'conn-2',
      party_id: partyId,
      connected_at: new Date(Date.now() - 2 * OPENING_GRACE_MS).toISOString(),
    });
    await connections.add({
      connection_id: 'conn-other',
      party_id: otherParty,
      connected_at: new Date().toISOString(),
    });
    env.sockets.gone.add('conn-2');

    const added = inputAddedEvent(partyId, input('inp_1', 'space theme'));
    const request = shouldExecuteEvent(partyId, 'theme_agent');
    const started = createEvent(
      'party.agent.started',
      partyId,
      { agent_name: 'theme_agent', execution_id: 'exec_1', input_count: 1, message: null, inputs_version: 1 },
      cause,
    );
    for (const event of [added, request, started]) await broadcaster(busDelivery(event), context);

    const messages = env.sockets.posts.map((post) => ServerMessage.parse(post.message));
    expect(env.sockets.posts.map((post) => post.connectionId)).toEqual(['conn-1', 'conn-1']);
    expect(messages.map((message) => [message.type, 'seq' in message ? message.seq : null])).toEqual([
      ['input_added', 1],
      ['agent_started', 2],
    ]);
    expect(messages[1]).toMatchObject({
      agent: 'theme_agent',
      status: 'running',
      message: 'theme_agent started',
    });
    expect((await connections.ofParty(partyId)).map((row) => row.connection_id)).toEqual(['conn-1']);
  });
});
