import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { decodePercentEncoding } from '../aws-json-server.ts';
import type { CompiledRoute } from './routes.ts';

/** A request that matched a route, with its whole body read: all that its event is made of. */
export interface RoutedRequest {
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly route: CompiledRoute;
  readonly body: Buffer;
}

function singleHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}

function pathParameters(route: CompiledRoute, pathname: string): Record<string, string> {
  const match = route.pattern.exec(pathname);
  // A parameter that is not valid percent-encoding reaches the function as sent, for it to reject.
  return Object.fromEntries(
    route.parameters.map((name, index) => {
      const raw = match?.[index + 1] ?? '';
      return [name, decodePercentEncoding(raw) ?? raw];
    }),
  );
}

/** A repeated query parameter arrives once, its values joined by commas, as API Gateway sends it. */
function queryStringParameters(url: URL): { queryStringParameters?: Record<string, string> } {
  const query = [...url.searchParams.keys()];
  if (query.length === 0) return {};
  return {
    queryStringParameters: Object.fromEntries(
      query.map((key) => [key, url.searchParams.getAll(key).join(',')]),
    ),
  };
}

/** Text bodies arrive as text; anything else base64-encoded, as API Gateway passes binary media. */
function bodyFields(body: Buffer, contentType: string): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const textual =
    /^(text\/|application\/(json|xml|x-www-form-urlencoded))/.test(contentType) || contentType === '';
  return { body: textual ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !textual };
}

function requestContext(
  apiId: string,
  { request, url, route }: RoutedRequest,
  headers: Record<string, string>,
) {
  const now = new Date();
  return {
    accountId: '000000000000',
    apiId,
    domainName: headers.host ?? 'localhost',
    domainPrefix: (headers.host ?? 'localhost').split('.')[0],
    http: {
      method: request.method ?? 'GET',
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
  };
}

/** The payload format 2.0 event that API Gateway builds for a routed request. */
export function requestEvent(apiId: string, routed: RoutedRequest) {
  const { request, url, route, body } = routed;
  const headers = singleHeaders(request.headers);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...queryStringParameters(url),
    ...(route.parameters.length > 0 ? { pathParameters: pathParameters(route, url.pathname) } : {}),
    requestContext: requestContext(apiId, routed, headers),
    ...bodyFields(body, headers['content-type'] ?? ''),
  };
}
