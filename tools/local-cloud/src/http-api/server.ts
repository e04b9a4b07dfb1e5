import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { decodePercentEncoding, readBody, requestUrl } from '../aws-json-server.ts';
import type { LocalHttpApi } from '../template/stack-model.ts';

export type Invoke = (functionLogicalId: string, event: unknown) => Promise<unknown>;

/** API Gateway's limit on an HTTP API request body. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly parameters: readonly string[];
  readonly routeKey: string;
  readonly functionLogicalId: string;
}

function compileRoute(routeKey: string, functionLogicalId: string): CompiledRoute {
  const [method = 'ANY', path = '/'] = routeKey.split(' ');
  const parameters: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameters.push(parameter[1]);
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), parameters, routeKey, functionLogicalId };
}

function singleHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
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
  const corsHeaders = (origin: string | undefined): Record<string, string> => {
    if (!api.cors || !origin) return {};
    const allowed = api.cors.allowOrigins.includes('*') || api.cors.allowOrigins.includes(origin);
    return allowed
      ? { 'access-control-allow-origin': api.cors.allowOrigins.includes('*') ? '*' : origin }
      : {};
  };

  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    const url = requestUrl(request);
    if (!url) return sendJson(response, 400, { message: 'Bad Request' }, corsHeaders(origin));
    if (method === 'OPTIONS' && api.cors && request.headers['access-control-request-method']) {
      response.writeHead(204, {
        ...corsHeaders(origin),
        'access-control-allow-methods': api.cors.allowMethods.join(','),
        'access-control-allow-headers': api.cors.allowHeaders.join(','),
        'access-control-max-age': String(api.cors.maxAge),
      });
      return response.end();
    }
    const route = routes.find(
      (candidate) =>
        (candidate.method === method || candidate.method === 'ANY') && candidate.pattern.test(url.pathname),
    );
    if (!route) return sendJson(response, 404, { message: 'Not Found' }, corsHeaders(origin));
    let body: Buffer;
    try {
      body = await readBody(request, MAX_BODY_BYTES);
    } catch {
      return sendJson(response, 413, { message: 'Request Entity Too Large' }, corsHeaders(origin));
    }
    const match = route.pattern.exec(url.pathname);
    // A parameter that is not valid percent-encoding reaches the function as sent, for it to reject.
    const pathParameters = Object.fromEntries(
      route.parameters.map((name, index) => {
        const raw = match?.[index + 1] ?? '';
        return [name, decodePercentEncoding(raw) ?? raw];
      }),
    );
    const query = [...url.searchParams.keys()];
    const headers = singleHeaders(request.headers);
    const contentType = headers['content-type'] ?? '';
    const textual =
      /^(text\/|application\/(json|xml|x-www-form-urlencoded))/.test(contentType) || contentType === '';
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
      headers,
      ...(query.length > 0
        ? {
            queryStringParameters: Object.fromEntries(
              query.map((key) => [key, url.searchParams.getAll(key).join(',')]),
            ),
          }
        : {}),
      ...(route.parameters.length > 0 ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: api.logicalId,
        domainName: headers.host ?? 'localhost',
        domainPrefix: (headers.host ?? 'localhost').split('.')[0],
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: route.routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(body.length > 0
        ? { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual }
        : { isBase64Encoded: false }),
    };
    let result: unknown;
    try {
      result = await invoke(route.functionLogicalId, event);
    } catch {
      return sendJson(response, 500, { message: 'Internal Server Error' }, corsHeaders(origin));
    }
    writeResult(response, result, corsHeaders(origin));
  };
  // A failure of the gateway itself answers like AWS's, instead of leaving the client hanging.
  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.end();
    });
  });
  server.on('clientError', refuseUnparsable);
  return server;
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
