import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Authorize } from '../iam/access.ts';
import { managementApi } from './management-api.ts';
import { GatewaySockets } from './sockets.ts';
import {
  type ApiFacts,
  DEFAULT_LIMITS,
  type LambdaInvoker,
  type ResolvedLimits,
  type WebSocketLimits,
  type WebSocketRouteConfig,
} from './types.ts';

export type { WebSocketAuthorizerEvent, WebSocketRouteEvent } from './events.ts';
export type { LambdaInvoker, WebSocketLimits, WebSocketRouteConfig } from './types.ts';

export interface WebSocketGatewayOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** IAM for the `@connections` callers' roles; without it every caller may manage every connection. */
  readonly authorize?: Authorize;
}

export interface WebSocketGateway {
  /** Where clients connect, e.g. `ws://127.0.0.1:PORT`; `/<stage>` may be appended, as on AWS. */
  readonly url: string;
  /** The `@connections` endpoint, with or without `/<stage>` appended, for ApiGatewayManagementApiClient. */
  readonly managementEndpoint: string;
  /** Ids of the connections that are open now. */
  connections(): string[];
  /** Closes every socket (each one's `$disconnect` runs and is awaited), then the server. */
  close(): Promise<void>;
}

const ACCOUNT_ID = '000000000000';

function resolveLimits(limits: WebSocketLimits = {}): ResolvedLimits {
  return {
    idleTimeoutMs: limits.idleTimeoutMs ?? DEFAULT_LIMITS.idleTimeoutMs,
    maxConnectionMs: limits.maxConnectionMs ?? DEFAULT_LIMITS.maxConnectionMs,
    maxFrameBytes: limits.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes,
    maxMessageBytes: limits.maxMessageBytes ?? DEFAULT_LIMITS.maxMessageBytes,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * An API Gateway WebSocket API and its management API on one local port: a REQUEST authorizer and
 * `$connect` before the upgrade, route selection for messages, `$disconnect` for every end of a
 * socket, AWS's frame, message, idle and duration limits, and `@connections` POST, GET and DELETE.
 */
export async function startWebSocketGateway(
  config: WebSocketRouteConfig,
  invoker: LambdaInvoker,
  options: WebSocketGatewayOptions = {},
): Promise<WebSocketGateway> {
  const limits = resolveLimits(config.limits);
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const api: ApiFacts = {
    apiId: config.apiId ?? 'local',
    stage: config.stageName,
    region: process.env.AWS_REGION ?? 'us-east-1',
    accountId: ACCOUNT_ID,
    domainName: authority,
  };
  const sockets = new GatewaySockets({ api, config, invoker, limits, server, port });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    sockets.upgrade(request, socket, head),
  );
  const management = managementApi({
    stage: api.stage,
    maxMessageBytes: limits.maxMessageBytes,
    find: (connectionId) => sockets.find(connectionId),
    stageArn: `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}`,
    ...(options.authorize ? { authorize: options.authorize } : {}),
  });
  server.on('request', (request, response) => {
    management(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return {
    url: `ws://${authority}`,
    managementEndpoint: `http://${authority}`,
    connections: () => sockets.connectionIds(),
    close: () => sockets.close(),
  };
}
