import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { WebSocketEvent } from '#shared/runtime/websocket-route.ts';

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

/** A `$connect` route event with the authorizer's context, as API Gateway hands it over. */
export function connectEvent(connectionId: string, partyId: string): WebSocketEvent {
  return {
    isBase64Encoded: false,
    requestContext: {
      routeKey: '$connect',
      messageId: randomUUID(),
      eventType: 'CONNECT',
      extendedRequestId: randomUUID(),
      requestTime: new Date().toUTCString(),
      messageDirection: 'IN',
      stage: 'live',
      connectedAt: Date.now(),
      requestTimeEpoch: Date.now(),
      requestId: randomUUID(),
      domainName: 'localhost',
      connectionId,
      apiId: 'bench',
      authorizer: { party_id: partyId },
    },
  };
}
