import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  startWebSocketGateway,
  type WebSocketAuthorizerEvent,
  type WebSocketGateway,
  type WebSocketRouteConfig,
  type WebSocketRouteEvent,
} from '../src/websocket/gateway.ts';
import { selectRouteKey } from '../src/websocket/route-selection.ts';
import { rawRequest } from './support/raw-http.ts';

const KB = 1024;
const AUTH_QUERY = '?party_id=fpTEST0001&token=secret';

type Fn = (event: WebSocketRouteEvent & WebSocketAuthorizerEvent) => unknown;

/** The gateway's only view of Lambda: functions by name, each call recorded. */
function fakeInvoker(functions: Record<string, Fn>) {
  const calls: { functionName: string; event: WebSocketRouteEvent & WebSocketAuthorizerEvent }[] = [];
  return {
    calls,
    eventsOf: (functionName: string) =>
      calls.filter((call) => call.functionName === functionName).map((call) => call.event),
    invoke: async (functionName: string, event: unknown) => {
      const typed = event as WebSocketRouteEvent & WebSocketAuthorizerEvent;
      calls.push({ functionName, event: typed });
      const fn = functions[functionName];
      if (!fn) throw new Error(`no function ${functionName}`);
      return fn(typed);
    },
  };
}

function managementClient(endpoint: string) {
  return new ApiGatewayManagementApiClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

const post = (client: ApiGatewayManagementApiClient, connectionId: string, data: string | Uint8Array) =>
  client.send(
    new PostToConnectionCommand({
      ConnectionId: connectionId,
      Data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
    }),
  );

const allow: Fn = (event) => ({
  principalId: 'user-1',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
  },
  context: { party_id: event.queryStringParameters?.party_id },
});

const running: WebSocketGateway[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.close()));
});

/** A gateway with an authorizer, $connect, $disconnect, $default and an `echo` route that answers through @connections. */
async function start(overrides: Record<string, Fn> = {}, config: Partial<WebSocketRouteConfig> = {}) {
  let management: ApiGatewayManagementApiClient | undefined;
  const reply = (event: WebSocketRouteEvent, text: string) =>
    post(management as ApiGatewayManagementApiClient, event.requestContext.connectionId, text);
  const invoker = fakeInvoker({
    authorizer: allow,
    connect: () => ({ statusCode: 200 }),
    disconnect: () => ({ statusCode: 200 }),
    default: async (event) => {
      await reply(event, `default:${event.body}`);
      return { statusCode: 200 };
    },
    echo: async (event) => {
      await reply(event, `echo:${event.body}`);
      return { statusCode: 200 };
    },
    ...overrides,
  });
  const gateway = await startWebSocketGateway(
    {
      routeSelectionExpression: '$request.body.action',
      routes: { $connect: 'connect', $disconnect: 'disconnect', $default: 'default', echo: 'echo' },
      authorizer: {
        functionName: 'authorizer',
        identitySources: ['route.request.querystring.party_id', 'route.request.querystring.token'],
      },
      stageName: 'live',
      apiId: 'testapi',
      ...config,
    },
    invoker,
  );
  running.push(gateway);
  management = managementClient(gateway.managementEndpoint);
  return { gateway, invoker, management };
}

interface Client {
  readonly ws: WebSocket;
  nextMessage(): Promise<string>;
  readonly closed: Promise<{ code: number; reason: string }>;
}

function client(ws: WebSocket): Client {
  const queue: string[] = [];
  const waiting: ((message: string) => void)[] = [];
  ws.on('message', (data) => {
    const message = data.toString();
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    ws,
    nextMessage: () => {
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise((resolve) => waiting.push(resolve));
    },
    closed: new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    }),
  };
}

/** Opens a socket, or reports the HTTP status that refused the handshake. */
function attempt(url: string, options: { protocols?: string[]; userAgent?: string } = {}) {
  return new Promise<Client | { status: number }>((resolve, reject) => {
    const headers = options.userAgent ? { 'User-Agent': options.userAgent } : {};
    const ws = new WebSocket(url, options.protocols, { headers });
    ws.once('open', () => resolve(client(ws)));
    ws.once('unexpected-response', (request, response) => {
      ws.on('error', () => undefined);
      response.resume();
      request.destroy();
      resolve({ status: response.statusCode ?? 0 });
    });
    ws.on('error', reject);
  });
}

async function connect(url: string, options?: { protocols?: string[]; userAgent?: string }) {
  const result = await attempt(url, options);
  if ('status' in result) throw new Error(`handshake refused with ${result.status}`);
  return result;
}

async function refusal(url: string): Promise<number> {
  const result = await attempt(url);
  if (!('status' in result)) throw new Error('handshake was accepted');
  return result.status;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handshake', () => {
  it('runs the REQUEST authorizer with the event API Gateway builds, then $connect with its context', async () => {
    const { gateway, invoker } = await start();
    await connect(`${gateway.url}/live${AUTH_QUERY}`);

    const [auth] = invoker.eventsOf('authorizer');
    expect(auth).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:000000000000:testapi/live/$connect',
      queryStringParameters: { party_id: 'fpTEST0001', token: 'secret' },
      multiValueQueryStringParameters: { party_id: ['fpTEST0001'], token: ['secret'] },
      stageVariables: {},
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        messageDirection: 'IN',
        stage: 'live',
        apiId: 'testapi',
        domainName: gateway.url.replace('ws://', ''),
        identity: { sourceIp: '127.0.0.1' },
      },
    });
    expect(auth?.headers).toMatchObject({ 'Sec-WebSocket-Version': '13', 'X-Forwarded-For': '127.0.0.1' });
    expect(auth?.multiValueHeaders['Sec-WebSocket-Version']).toEqual(['13']);
    expect(auth?.requestContext.connectionId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(auth?.requestContext.requestTime).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);

    const [connectEvent] = invoker.eventsOf('connect');
    expect(connectEvent).toMatchObject({
      isBase64Encoded: false,
      queryStringParameters: { party_id: 'fpTEST0001', token: 'secret' },
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        connectionId: auth?.requestContext.connectionId,
        requestId: auth?.requestContext.requestId,
        connectedAt: auth?.requestContext.connectedAt,
        authorizer: { party_id: 'fpTEST0001', principalId: 'user-1', integrationLatency: expect.any(Number) },
      },
    });
    expect(gateway.connections()).toEqual([auth?.requestContext.connectionId]);
  });

  it('refuses with 403 when the policy denies, without running $connect', async () => {
    const { gateway, invoker } = await start({
      authorizer: (event) => {
        const result = allow(event) as { policyDocument: { Statement: { Effect: string }[] } };
        for (const statement of result.policyDocument.Statement) statement.Effect = 'Deny';
        return result;
      },
    });
    expect(await refusal(`${gateway.url}${AUTH_QUERY}`)).toBe(403);
    expect(invoker.eventsOf('connect')).toEqual([]);
    expect(gateway.connections()).toEqual([]);
  });

  it('refuses with 403 when the Allow is for another resource', async () => {
    const { gateway } = await start({
      authorizer: (event) => ({ ...(allow(event) as object), policyDocument: { Statement: [] } }),
    });
    expect(await refusal(`${gateway.url}${AUTH_QUERY}`)).toBe(403);
  });

  it.each(['?party_id=fpTEST0001', '?party_id=fpTEST0001&token=', ''])(
    'answers 401 without invoking the authorizer when an identity source is missing (%s)',
    async (query) => {
      const { gateway, invoker } = await start();
      expect(await refusal(`${gateway.url}${query}`)).toBe(401);
      expect(invoker.calls).toEqual([]);
    },
  );

  it.each([
    ['throws Unauthorized', new Error('Unauthorized'), 401],
    ['fails otherwise', new Error('boom'), 500],
  ])('answers as API Gateway does when the authorizer %s', async (_name, error, status) => {
    const { gateway, invoker } = await start({
      authorizer: () => {
        throw error;
      },
    });
    expect(await refusal(`${gateway.url}${AUTH_QUERY}`)).toBe(status);
    expect(invoker.eventsOf('connect')).toEqual([]);
  });

  it.each([
    ['returns 403', () => ({ statusCode: 403 }), 403],
    [
      'throws',
      () => {
        throw new Error('table missing');
      },
      500,
    ],
  ] as const)(
    'refuses the socket when $connect %s, and never runs $disconnect',
    async (_name, fn, status) => {
      const { gateway, invoker } = await start({ connect: fn });
      expect(await refusal(`${gateway.url}${AUTH_QUERY}`)).toBe(status);
      await sleep(50);
      expect(gateway.connections()).toEqual([]);
      expect(invoker.eventsOf('disconnect')).toEqual([]);
    },
  );

  it('answers 410 to a post made during $connect, as the socket is not open yet', async () => {
    let outcome: unknown;
    const { gateway } = await start({
      connect: async (event) => {
        outcome = await post(
          managementClient(gateway.managementEndpoint),
          event.requestContext.connectionId,
          'hi',
        )
          .then(() => 'sent')
          .catch((error: unknown) => error);
        return { statusCode: 200 };
      },
    });
    await connect(`${gateway.url}${AUTH_QUERY}`);
    expect(outcome).toBeInstanceOf(GoneException);
  });

  it('accepts the subprotocol that $connect returns in Sec-WebSocket-Protocol', async () => {
    const { gateway } = await start({
      connect: () => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'party.v1' } }),
    });
    const { ws } = await connect(`${gateway.url}${AUTH_QUERY}`, { protocols: ['party.v1', 'party.v0'] });
    expect(ws.protocol).toBe('party.v1');
  });

  it('works without an authorizer or $connect route', async () => {
    const { gateway } = await start({}, { authorizer: undefined, routes: { $default: 'default' } });
    const { ws, nextMessage } = await connect(gateway.url);
    ws.send('hello');
    expect(await nextMessage()).toBe('default:hello');
  });
});

describe('messages', () => {
  it('selects the route from $request.body.action and falls back to $default', async () => {
    const { gateway, invoker } = await start();
    const { ws, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send('{"action":"echo","n":1}');
    expect(await nextMessage()).toBe('echo:{"action":"echo","n":1}');
    ws.send('{"action":"dance"}');
    expect(await nextMessage()).toBe('default:{"action":"dance"}');
    ws.send('{"no":"action"}');
    expect(await nextMessage()).toBe('default:{"no":"action"}');
    ws.send('not json');
    expect(await nextMessage()).toBe('default:not json');

    const [echo] = invoker.eventsOf('echo');
    const [connected] = invoker.eventsOf('connect');
    expect(echo).toEqual({
      body: '{"action":"echo","n":1}',
      isBase64Encoded: false,
      requestContext: expect.objectContaining({
        routeKey: 'echo',
        eventType: 'MESSAGE',
        messageDirection: 'IN',
        messageId: expect.stringMatching(/=$/),
        connectionId: connected?.requestContext.connectionId,
        connectedAt: connected?.requestContext.connectedAt,
        authorizer: connected?.requestContext.authorizer,
        stage: 'live',
        apiId: 'testapi',
      }),
    });
    expect(echo?.requestContext.requestId).not.toBe(connected?.requestContext.requestId);
  });

  it('tells the client about a failed route as API Gateway does, and keeps the socket open', async () => {
    const { gateway, invoker } = await start({
      echo: () => {
        throw new Error('boom');
      },
    });
    const { ws, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send('{"action":"echo"}');
    const report = JSON.parse(await nextMessage()) as Record<string, unknown>;
    const [event] = invoker.eventsOf('echo');
    expect(report).toEqual({
      message: 'Internal server error',
      connectionId: event?.requestContext.connectionId,
      requestId: event?.requestContext.requestId,
    });
    ws.send('still here');
    expect(await nextMessage()).toBe('default:still here');
  });

  it('answers Forbidden when no route matches and there is no $default', async () => {
    const { gateway } = await start({}, { routes: { $connect: 'connect', echo: 'echo' } });
    const { ws, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send('{"action":"dance"}');
    expect(JSON.parse(await nextMessage())).toMatchObject({ message: 'Forbidden' });
  });

  it('runs the invocations of one connection concurrently', async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { gateway } = await start({
      default: async (event) => {
        await gate;
        await post(
          managementClient(gateway.managementEndpoint),
          event.requestContext.connectionId,
          'slow done',
        );
      },
    });
    const { ws, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send('slow');
    ws.send('{"action":"echo"}');
    expect(await nextMessage()).toBe('echo:{"action":"echo"}');
    release?.();
    expect(await nextMessage()).toBe('slow done');
  });

  it('closes the socket with 1003 on a binary frame', async () => {
    const { gateway, invoker } = await start();
    const { ws, closed } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send(Buffer.from('{"action":"echo"}'));
    expect((await closed).code).toBe(1003);
    expect(invoker.eventsOf('echo')).toEqual([]);
  });
});

describe('route selection expression', () => {
  const keys = new Set(['$default', '$connect', 'echo', 'a.b', '7', 'join-room']);
  it.each([
    ['$request.body.action', '{"action":"echo"}', 'echo'],
    ['$request.body.msg.kind', '{"msg":{"kind":"a.b"}}', 'a.b'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own placeholder syntax, not a template.
    ['${request.body.verb}-${request.body.what}', '{"verb":"join","what":"room"}', 'join-room'],
    ['$request.body.n', '{"n":7}', '7'],
    ['$request.body.action', '{"action":"$connect"}', '$default'],
    ['$request.body.action', '{"action":{"x":1}}', '$default'],
    ['$request.body.action', '["echo"]', '$default'],
    ['$request.body.action', '', '$default'],
  ])('%s on %s selects %s', (expression, body, expected) => {
    expect(selectRouteKey(expression, body, keys)).toBe(expected);
  });
});

describe('$disconnect', () => {
  it('runs once when the client closes, with its code and reason', async () => {
    const { gateway, invoker } = await start();
    const { ws } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.close(4001, 'bye');
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    const [connected] = invoker.eventsOf('connect');
    expect(invoker.eventsOf('disconnect')[0]?.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 4001,
      disconnectReason: 'bye',
      connectionId: connected?.requestContext.connectionId,
      authorizer: connected?.requestContext.authorizer,
    });
    expect(gateway.connections()).toEqual([]);
    await sleep(50);
    expect(invoker.eventsOf('disconnect')).toHaveLength(1);
  });

  it('reports a close frame without a status as API Gateway words it', async () => {
    const { gateway, invoker } = await start();
    const { ws } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.close();
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('disconnect')[0]?.requestContext).toMatchObject({
      disconnectStatusCode: 1005,
      disconnectReason: 'Client-side close frame status not set',
    });
  });

  it('runs when the client vanishes without a close frame', async () => {
    const { gateway, invoker } = await start();
    const { ws } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.terminate();
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('disconnect')[0]?.requestContext.disconnectStatusCode).toBe(1006);
  });
});

describe('@connections', () => {
  it('POST sends a text frame and GET describes the connection', async () => {
    const { gateway, invoker, management } = await start();
    const before = Date.now();
    const { nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`, { userAgent: 'party-test/1.0' });
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';

    await post(management, connectionId, '{"type":"hello"}');
    expect(await nextMessage()).toBe('{"type":"hello"}');

    const described = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(described.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'party-test/1.0' });
    expect(described.ConnectedAt).toBeInstanceOf(Date);
    expect(described.ConnectedAt?.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(described.LastActiveAt?.getTime()).toBe(described.ConnectedAt?.getTime());
  });

  it('GET reports the last message from the client as LastActiveAt', async () => {
    const { gateway, invoker, management } = await start();
    const { ws, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';
    await sleep(20);
    ws.send('hi');
    await nextMessage();
    const described = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(described.LastActiveAt?.getTime()).toBeGreaterThan(described.ConnectedAt?.getTime() ?? Infinity);
  });

  it('accepts the stage in the endpoint, like the callback URL of an AWS stage', async () => {
    const { gateway, invoker } = await start();
    const { nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';
    await post(managementClient(`${gateway.managementEndpoint}/live`), connectionId, 'via stage');
    expect(await nextMessage()).toBe('via stage');
  });

  it('DELETE closes the socket and runs $disconnect; the id is gone afterwards', async () => {
    const { gateway, invoker, management } = await start();
    const { closed } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';

    const deleted = await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await closed).code).toBe(1000);
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('disconnect')[0]?.requestContext).toMatchObject({
      disconnectStatusCode: 1000,
      disconnectReason: 'Connection Closed Normally',
    });
    await expect(
      management.send(new GetConnectionCommand({ ConnectionId: connectionId })),
    ).rejects.toBeInstanceOf(GoneException);
  });

  it.each([
    ['POST', (client: ApiGatewayManagementApiClient, id: string) => post(client, id, 'x')],
    [
      'GET',
      (client: ApiGatewayManagementApiClient, id: string) =>
        client.send(new GetConnectionCommand({ ConnectionId: id })),
    ],
    [
      'DELETE',
      (client: ApiGatewayManagementApiClient, id: string) =>
        client.send(new DeleteConnectionCommand({ ConnectionId: id })),
    ],
  ])('%s answers GoneException for an unknown id and for a closed one', async (_method, call) => {
    const { gateway, invoker, management } = await start();
    const unknown = await call(management, 'AAAAAAAAAAAAAAA=').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(GoneException);
    expect((unknown as GoneException).$metadata.httpStatusCode).toBe(410);

    const { ws } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';
    ws.close(1000);
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    await expect(call(management, connectionId)).rejects.toBeInstanceOf(GoneException);
  });

  it('POST answers PayloadTooLargeException over 128 KB and delivers a 128 KB message whole', async () => {
    const { gateway, invoker, management } = await start();
    const { nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const connectionId = invoker.eventsOf('connect')[0]?.requestContext.connectionId ?? '';

    const tooLarge = await post(management, connectionId, 'x'.repeat(128 * KB + 1)).catch(
      (error: unknown) => error,
    );
    expect(tooLarge).toBeInstanceOf(PayloadTooLargeException);
    expect((tooLarge as PayloadTooLargeException).$metadata.httpStatusCode).toBe(413);

    const largest = 'y'.repeat(128 * KB);
    await post(management, connectionId, largest);
    const received = await nextMessage();
    expect(received.length).toBe(largest.length);
    expect(received === largest).toBe(true);
  });

  it('answers 403 ForbiddenException for paths outside @connections', async () => {
    const { gateway } = await start();
    const response = await fetch(`${gateway.managementEndpoint}/live/other`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
  });

  it.each([
    ['a connection id that is not valid percent-encoding', 'POST', '/live/@connections/%ZZ', '%ZZ'],
    ['a request target that is not a URL', 'GET', 'http://[x/@connections/abc', 'not a URL'],
  ])('answers %s with 400 BadRequestException', async (_, method, path, mentions) => {
    const { gateway } = await start();
    const answer = await rawRequest(gateway.managementEndpoint, method, path);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-amzn-errortype']).toBe('BadRequestException');
    expect((JSON.parse(answer.text) as { message: string }).message).toContain(mentions);
  });
});

describe('limits', () => {
  /** Reports the length of what it received: an echo of the largest messages would exceed the limit itself. */
  const measuring = async () => {
    const started = await start({
      default: async (event) => {
        const client = managementClient(started.gateway.managementEndpoint);
        await post(client, event.requestContext.connectionId, `received ${event.body?.length}`);
      },
    });
    return started;
  };

  it('closes with 1009 on a frame over 32 KB, without routing it', async () => {
    const { gateway, invoker } = await measuring();
    const { ws, closed, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    ws.send('a'.repeat(32 * KB));
    expect(await nextMessage()).toBe(`received ${32 * KB}`);

    ws.send('b'.repeat(32 * KB + 1));
    expect((await closed).code).toBe(1009);
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('disconnect')[0]?.requestContext.disconnectStatusCode).toBe(1009);
    expect(invoker.eventsOf('default')).toHaveLength(1);
  });

  it('closes with 1009 on a message over 128 KB, even in frames of 32 KB', async () => {
    const { gateway, invoker } = await measuring();
    const { ws, closed, nextMessage } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const sendInFrames = (total: number) => {
      for (let sent = 0; sent < total; sent += 32 * KB) {
        ws.send('c'.repeat(Math.min(32 * KB, total - sent)), { fin: sent + 32 * KB >= total });
      }
    };
    sendInFrames(128 * KB);
    expect(await nextMessage()).toBe(`received ${128 * KB}`);

    sendInFrames(128 * KB + 1);
    expect((await closed).code).toBe(1009);
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('default')).toHaveLength(1);
  });

  it('closes an idle connection with 1001 Going away; messages keep it open', async () => {
    const { gateway, invoker } = await start(
      { default: () => ({ statusCode: 200 }) },
      { limits: { idleTimeoutMs: 300 } },
    );
    const { ws, closed } = await connect(`${gateway.url}${AUTH_QUERY}`);
    for (let beat = 0; beat < 6; beat += 1) {
      await sleep(100);
      ws.send('keep-alive');
    }
    expect(gateway.connections()).toHaveLength(1);
    expect(await closed).toEqual({ code: 1001, reason: 'Going away' });
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
    expect(invoker.eventsOf('disconnect')[0]?.requestContext).toMatchObject({
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
    });
  });

  it('does not count pings as activity, as API Gateway does not', async () => {
    const { gateway } = await start({}, { limits: { idleTimeoutMs: 300 } });
    const { ws, closed } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const started = Date.now();
    const pinger = setInterval(() => ws.readyState === ws.OPEN && ws.ping(), 50);
    const { code } = await closed;
    clearInterval(pinger);
    expect(code).toBe(1001);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('closes a connection at its maximum duration however busy it is', async () => {
    const { gateway, invoker } = await start(
      { default: () => ({ statusCode: 200 }) },
      { limits: { maxConnectionMs: 400, idleTimeoutMs: 10_000 } },
    );
    const { ws, closed } = await connect(`${gateway.url}${AUTH_QUERY}`);
    const sender = setInterval(() => ws.readyState === ws.OPEN && ws.send('busy'), 50);
    const { code } = await closed;
    clearInterval(sender);
    expect(code).toBe(1001);
    await vi.waitFor(() => expect(invoker.eventsOf('disconnect')).toHaveLength(1));
  });
});

describe('close()', () => {
  it('closes every socket, awaits their $disconnect, then stops listening', async () => {
    let disconnected = 0;
    const { gateway } = await start({
      disconnect: async () => {
        await sleep(100);
        disconnected += 1;
      },
    });
    const first = await connect(`${gateway.url}${AUTH_QUERY}`);
    const second = await connect(`${gateway.url}${AUTH_QUERY}`);
    await gateway.close();
    expect(disconnected).toBe(2);
    expect((await first.closed).code).toBe(1001);
    expect((await second.closed).code).toBe(1001);
    expect(gateway.connections()).toEqual([]);
    await expect(attempt(`${gateway.url}${AUTH_QUERY}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('drops a handshake still in its authorizer without running $connect', async () => {
    const { gateway, invoker } = await start({
      authorizer: async (event) => {
        await sleep(150);
        return allow(event);
      },
    });
    const pending = attempt(`${gateway.url}${AUTH_QUERY}`).catch((error: unknown) => error);
    await vi.waitFor(() => expect(invoker.eventsOf('authorizer')).toHaveLength(1));
    await gateway.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(invoker.eventsOf('connect')).toEqual([]);
  });

  it('runs $disconnect for a handshake whose $connect was running, and waits for it', async () => {
    const { gateway, invoker } = await start({
      connect: async () => {
        await sleep(150);
        return { statusCode: 200 };
      },
    });
    const pending = attempt(`${gateway.url}${AUTH_QUERY}`).catch((error: unknown) => error);
    await vi.waitFor(() => expect(invoker.eventsOf('connect')).toHaveLength(1));
    await gateway.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(invoker.eventsOf('disconnect')[0]?.requestContext).toMatchObject({
      connectionId: invoker.eventsOf('connect')[0]?.requestContext.connectionId,
      disconnectStatusCode: 1001,
    });
  });
});
