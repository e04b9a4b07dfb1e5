import { randomUUID } from 'node:crypto';
import type { ApiFacts, ConnectionFacts } from '@party-planner/local-cloud/websocket';
import { connectEvent, messageEvent } from '@party-planner/local-cloud/websocket';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { WebSocketEvent } from '#shared/lambda/websocket-route.ts';

/** What the Lambda runtime hands a handler besides its event; the bench and the handler tests share it. */
export function lambdaContext(functionName = 'test-function'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An HTTP API payload format 2.0 POST, as API Gateway hands it to a route's function. */
export function httpPost(path: string, body: unknown, token?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `POST ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

/** The facts the local gateway gives its events; a handler called directly sees the same shapes. */
const LOCAL_API: ApiFacts = {
  apiId: 'local',
  stage: 'live',
  region: 'us-east-1',
  accountId: '000000000000',
  domainName: 'localhost',
};

/**
 * A WebSocket route event with the authorizer's context, built by the local gateway's own builders,
 * for calling a route's function directly (the bench's in-process run, the handler tests).
 */
export function socketRouteEvent(
  connectionId: string,
  partyId: string | undefined,
  routeKey = '$default',
  body = '',
): WebSocketEvent {
  const connection: ConnectionFacts = {
    connectionId,
    connectedAt: Date.now(),
    sourceIp: '127.0.0.1',
    userAgent: null,
    ...(partyId ? { authorizer: { party_id: partyId } } : {}),
  };
  const requestId = randomUUID();
  // The gateway's events carry what APIGatewayProxyWebsocketEventV2 leaves out; the handlers ignore it.
  return (
    routeKey === '$connect'
      ? connectEvent(LOCAL_API, connection, { headers: {}, multiValueHeaders: {} }, requestId)
      : messageEvent(LOCAL_API, connection, routeKey, body, requestId)
  ) as WebSocketEvent;
}
