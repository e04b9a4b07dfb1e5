import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestUrl } from '../aws-json-server.ts';
import { authorize, hasIdentitySources } from './authorizer.ts';
import { authorizerEvent, connectEvent, connectMethodArn, handshakeRequest } from './events.ts';
import { awsStyleId } from './ids.ts';
import type { ApiFacts, ConnectionFacts, LambdaInvoker, WebSocketRouteConfig } from './types.ts';

export interface HandshakeContext {
  readonly api: ApiFacts;
  readonly config: WebSocketRouteConfig;
  readonly invoker: LambdaInvoker;
  readonly port: number;
  /** True once the client left or the gateway began closing: no function should run for it any more. */
  readonly abandoned: () => boolean;
}

export type Admission =
  | { readonly accepted: true; readonly facts: ConnectionFacts; readonly protocol?: string }
  | { readonly accepted: false; readonly status: number };

const MESSAGES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  500: 'Internal server error',
};

/**
 * The checks `ws` makes before upgrading, made before the authorizer and `$connect` run: a request
 * that `ws` would refuse must not cost a `$connect` whose `$disconnect` would never come.
 */
export function isValidHandshake(request: IncomingMessage): boolean {
  const version = request.headers['sec-websocket-version'];
  return (
    request.method === 'GET' &&
    request.headers.upgrade?.toLowerCase() === 'websocket' &&
    /^[+/0-9A-Za-z]{22}==$/.test(request.headers['sec-websocket-key'] ?? '') &&
    (version === '13' || version === '8')
  );
}

function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function isStagePath(url: URL, stage: string): boolean {
  const path = url.pathname.replace(/\/+$/, '');
  return path === '' || path === `/${stage}`;
}

/** A Lambda proxy result may pick a subprotocol for the handshake with a Sec-WebSocket-Protocol header. */
function chosenProtocol(result: unknown): string | undefined {
  const headers = (result as { headers?: unknown } | null | undefined)?.headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/**
 * API Gateway's side of a handshake, before it answers 101: the authorizer (only when every
 * identity source is present), then the `$connect` route. A result without `statusCode` accepts,
 * as API Gateway only looks at a status when there is one; a 4xx/5xx one is passed to the client.
 */
export async function admit(request: IncomingMessage, context: HandshakeContext): Promise<Admission> {
  const { api, config, invoker } = context;
  // A request target that is no URL (an absolute-form `http://[x`) is the client's fault, not a 500.
  const url = requestUrl(request);
  if (!url) return { accepted: false, status: 400 };
  if (!isStagePath(url, api.stage)) return { accepted: false, status: 403 };
  const sourceIp = sourceIpOf(request);
  const handshake = handshakeRequest(request, url.searchParams, sourceIp, context.port);
  const requestId = awsStyleId();
  let facts: ConnectionFacts = {
    connectionId: awsStyleId(),
    connectedAt: Date.now(),
    sourceIp,
    userAgent: request.headers['user-agent'] ?? null,
  };
  if (config.authorizer) {
    const { functionName, identitySources } = config.authorizer;
    if (!hasIdentitySources(identitySources, handshake)) return { accepted: false, status: 401 };
    const event = authorizerEvent(api, facts, handshake, requestId);
    const verdict = await authorize(() => invoker.invoke(functionName, event), connectMethodArn(api));
    if (!verdict.allowed) return { accepted: false, status: verdict.status };
    facts = { ...facts, authorizer: verdict.context };
  }
  if (context.abandoned()) return { accepted: false, status: 503 };
  const connectFunction = config.routes.$connect;
  if (!connectFunction) return { accepted: true, facts };
  let result: unknown;
  try {
    result = await invoker.invoke(connectFunction, connectEvent(api, facts, handshake, requestId));
  } catch {
    return { accepted: false, status: 500 };
  }
  const status = (result as { statusCode?: unknown } | null | undefined)?.statusCode;
  if (typeof status === 'number' && (status < 200 || status > 299)) {
    return { accepted: false, status: status >= 400 && status <= 599 ? status : 500 };
  }
  const protocol = chosenProtocol(result);
  return { accepted: true, facts, ...(protocol ? { protocol } : {}) };
}

/** Answers a refused handshake the way API Gateway does: a JSON message and no upgrade. */
export function refuseHandshake(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ message: MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error' });
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
      'Connection: close',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `x-amzn-RequestId: ${awsStyleId()}`,
      '',
      body,
    ].join('\r\n'),
  );
}
