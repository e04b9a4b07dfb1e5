import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { readBody, requestUrl } from '../aws-json-server.ts';
import type { LocalHttpApi } from '../template/stack-model.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { requestEvent } from './request-event.ts';
import { type CompiledRoute, compileRoute, findRoute } from './routes.ts';

/** Invokes a function; `upstreamTrace` is the X-Ray trace header a caller hands on (EventBridge does). */
export type Invoke = (functionLogicalId: string, event: unknown, upstreamTrace?: string) => Promise<unknown>;

/** API Gateway's limit on an HTTP API request body. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface HttpApi {
  readonly api: LocalHttpApi;
  readonly routes: readonly CompiledRoute[];
  readonly invoke: Invoke;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * An HTTP API (payload format 2.0) in front of Lambda: route keys with path parameters, the
 * request event as API Gateway builds it, the response mapping (including the shortcut where a
 * handler returns plain JSON), CORS preflight from the API's configuration, and AWS's own answers
 * for unknown routes and failed integrations.
 */
export function createHttpApiServer(api: LocalHttpApi, invoke: Invoke): Server {
  const routes = api.routes.map((route) => compileRoute(route.routeKey, route.functionLogicalId));
  const httpApi: HttpApi = { api, routes, invoke };
  // A failure of the gateway itself answers like AWS's, instead of leaving the client hanging.
  const server = createServer((request, response) => {
    serve(httpApi, request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.end();
    });
  });
  server.on('clientError', refuseUnparsable);
  return server;
}

async function serve(
  { api, routes, invoke }: HttpApi,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const method = request.method ?? 'GET';
  const cors = corsHeaders(api.cors, request.headers.origin);
  const url = requestUrl(request);
  if (!url) return sendJson(response, 400, { message: 'Bad Request' }, cors);
  if (method === 'OPTIONS' && api.cors && request.headers['access-control-request-method']) {
    response.writeHead(204, { ...cors, ...preflightHeaders(api.cors) });
    return void response.end();
  }
  const route = findRoute(routes, method, url.pathname);
  if (!route) return sendJson(response, 404, { message: 'Not Found' }, cors);
  let body: Buffer;
  try {
    body = await readBody(request, MAX_BODY_BYTES);
  } catch {
    return sendJson(response, 413, { message: 'Request Entity Too Large' }, cors);
  }
  const event = requestEvent(api.logicalId, { request, url, route, body });
  let result: unknown;
  try {
    result = await invoke(route.functionLogicalId, event);
  } catch {
    return sendJson(response, 500, { message: 'Internal Server Error' }, cors);
  }
  writeResult(response, result, cors);
}

/** Node's own statuses for the requests its parser refuses; anything else it answers 400. */
const PARSER_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Node's parser refuses some requests before any route sees them (an unknown method, oversized
 * headers, both Content-Length and Transfer-Encoding); they get the gateway's JSON answer too.
 */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const status = PARSER_STATUS[error.code ?? ''] ?? 400;
  const body = JSON.stringify({ message: STATUS_CODES[status] });
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Connection: close',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'),
  );
}

/** Payload format 2.0: a result with `statusCode` is a response; anything else is a 200 JSON body. */
function writeResult(response: ServerResponse, result: unknown, cors: Record<string, string>) {
  const structured = typeof result === 'object' && result !== null && 'statusCode' in result;
  if (!structured) return sendJson(response, 200, result ?? null, cors);
  const {
    statusCode,
    headers = {},
    body = '',
    isBase64Encoded = false,
    cookies = [],
  } = result as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
    isBase64Encoded?: boolean;
    cookies?: string[];
  };
  response.writeHead(statusCode, {
    ...cors,
    ...headers,
    ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}),
  });
  response.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
