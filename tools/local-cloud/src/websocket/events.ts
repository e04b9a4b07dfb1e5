import type { IncomingMessage } from 'node:http';
import { awsStyleId, requestTime } from './ids.ts';
import type { ApiFacts, AuthorizerContext, ConnectionFacts } from './types.ts';

export type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/** `requestContext` of the events API Gateway sends to WebSocket routes (and to the authorizer, without `authorizer`). */
export interface WebSocketRequestContext {
  routeKey: string;
  eventType: EventType;
  messageId?: string;
  extendedRequestId: string;
  requestTime: string;
  messageDirection: 'IN';
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: { sourceIp: string; userAgent: string | null };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  authorizer?: AuthorizerContext;
  disconnectStatusCode?: number;
  disconnectReason?: string;
}

/** The handshake's headers and query string, in the shapes API Gateway puts them in events. */
export interface HandshakeRequest {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
}

/** Compatible with `APIGatewayProxyWebsocketEventV2`, plus the fields that type leaves out. */
export interface WebSocketRouteEvent extends Partial<HandshakeRequest> {
  requestContext: WebSocketRequestContext;
  body?: string;
  isBase64Encoded: false;
}

/** Compatible with `APIGatewayRequestAuthorizerEvent` as API Gateway sends it for a WebSocket `$connect`. */
export interface WebSocketAuthorizerEvent extends HandshakeRequest {
  type: 'REQUEST';
  methodArn: string;
  stageVariables: Record<string, string>;
  requestContext: WebSocketRequestContext;
}

function addValue(
  single: Record<string, string>,
  multi: Record<string, string[]>,
  key: string,
  value: string,
) {
  single[key] = value;
  multi[key] = [...(multi[key] ?? []), value];
}

/** Keeps the client's header casing (Node lower-cases `headers`), as API Gateway does. */
export function handshakeRequest(
  request: IncomingMessage,
  query: URLSearchParams,
  sourceIp: string,
  port: number,
): HandshakeRequest {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const casing = new Map<string, string>();
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    const key = casing.get(name.toLowerCase()) ?? name;
    casing.set(name.toLowerCase(), key);
    addValue(headers, multiValueHeaders, key, raw[index + 1] ?? '');
  }
  // Headers that API Gateway's front end adds to every handshake it forwards.
  const added = {
    'X-Forwarded-For': sourceIp,
    'X-Forwarded-Port': String(port),
    'X-Forwarded-Proto': 'http',
  };
  for (const [name, value] of Object.entries(added)) {
    if (!casing.has(name.toLowerCase())) addValue(headers, multiValueHeaders, name, value);
  }
  const result: HandshakeRequest = { headers, multiValueHeaders };
  if (query.size > 0) {
    result.queryStringParameters = {};
    result.multiValueQueryStringParameters = {};
    for (const [name, value] of query) {
      addValue(result.queryStringParameters, result.multiValueQueryStringParameters, name, value);
    }
  }
  return result;
}

export function connectMethodArn(api: ApiFacts): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/$connect`;
}

function requestContext(
  api: ApiFacts,
  connection: ConnectionFacts,
  routeKey: string,
  eventType: EventType,
  requestId: string,
): WebSocketRequestContext {
  const now = Date.now();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: requestTime(now),
    messageDirection: 'IN',
    stage: api.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now,
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    requestId,
    domainName: api.domainName,
    connectionId: connection.connectionId,
    apiId: api.apiId,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
  };
}

export function authorizerEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  request: HandshakeRequest,
  requestId: string,
): WebSocketAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: connectMethodArn(api),
    ...request,
    stageVariables: {},
    requestContext: requestContext(api, connection, '$connect', 'CONNECT', requestId),
  };
}

export function connectEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  request: HandshakeRequest,
  requestId: string,
): WebSocketRouteEvent {
  return {
    ...request,
    requestContext: requestContext(api, connection, '$connect', 'CONNECT', requestId),
    isBase64Encoded: false,
  };
}

export function messageEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  routeKey: string,
  body: string,
  requestId: string,
): WebSocketRouteEvent {
  return {
    requestContext: {
      ...requestContext(api, connection, routeKey, 'MESSAGE', requestId),
      messageId: awsStyleId(),
    },
    body,
    isBase64Encoded: false,
  };
}

export function disconnectEvent(
  api: ApiFacts,
  connection: ConnectionFacts,
  statusCode: number,
  reason: string,
): WebSocketRouteEvent {
  // The handshake is long gone; these are the placeholder headers API Gateway sends with $disconnect.
  const headers = { Host: api.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      ...requestContext(api, connection, '$disconnect', 'DISCONNECT', awsStyleId()),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}
