import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer } from 'ws';
import { type CloseCause, GATEWAY_CLOSES, GatewayConnection } from './connection.ts';
import { disconnectEvent } from './events.ts';
import { inspectFrames } from './frame-inspector.ts';
import { admit, isValidHandshake, refuseHandshake } from './handshake.ts';
import { managementApi } from './management-api.ts';
import { dispatchMessage } from './message-dispatch.ts';
import {
  type ApiFacts,
  type ConnectionFacts,
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

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

const ignore = () => undefined;

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
  const routeKeys = new Set(Object.keys(config.routes));
  const open = new Map<string, GatewayConnection>();
  const pendingHandshakes = new Set<Duplex>();
  const protocols = new WeakMap<IncomingMessage, string>();
  // Every invocation and every open socket, so that close() returns only once nothing is left running.
  const work = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  const track = (promise: Promise<unknown>) => {
    const settled = promise.then(ignore, ignore).finally(() => work.delete(settled));
    work.add(settled);
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // API Gateway does not negotiate permessage-deflate, and frame limits apply to the bytes on the wire.
    perMessageDeflate: false,
    maxPayload: limits.maxMessageBytes,
    handleProtocols: (_offered, request) => protocols.get(request) ?? false,
  });

  async function disconnect(facts: ConnectionFacts, cause: CloseCause): Promise<void> {
    const functionName = config.routes.$disconnect;
    // $disconnect is best effort on AWS: its failures reach no client.
    if (functionName)
      await invoker.invoke(functionName, disconnectEvent(api, facts, cause.code, cause.reason));
  }

  function accept(request: IncomingMessage, socket: Duplex, head: Buffer, facts: ConnectionFacts): void {
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new GatewayConnection(facts, ws, limits);
      open.set(facts.connectionId, connection);
      inspectFrames(socket, limits, () => connection.close(GATEWAY_CLOSES.tooBig));
      ws.on('message', (data, isBinary) => {
        if (!connection.isOpen) return;
        if (isBinary) return connection.close(GATEWAY_CLOSES.binary);
        connection.touch();
        track(dispatchMessage({ api, config, invoker, routeKeys }, connection, text(data)));
      });
      track(
        connection.closed.then((cause) => {
          open.delete(facts.connectionId);
          return disconnect(facts, cause);
        }),
      );
    });
  }

  async function handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    pendingHandshakes.add(socket);
    try {
      const abandoned = () => closing !== undefined || !socket.writable;
      const admission = await admit(request, { api, config, invoker, port, abandoned });
      if (!admission.accepted) return refuseHandshake(socket, admission.status);
      if (abandoned()) {
        // $connect has run, so the backend may have recorded this connection: it must hear of its end.
        socket.destroy();
        const cause = closing
          ? GATEWAY_CLOSES.shutdown
          : { code: 1006, reason: 'Connection was closed abnormally' };
        return disconnect(admission.facts, cause);
      }
      if (admission.protocol) protocols.set(request, admission.protocol);
      accept(request, socket, head, admission.facts);
    } catch {
      refuseHandshake(socket, 500);
    } finally {
      pendingHandshakes.delete(socket);
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that vanishes during the authorizer or $connect must not take the process down.
    socket.on('error', ignore);
    if (closing) return void socket.destroy();
    // ws answers a malformed handshake itself, before any function runs.
    if (!isValidHandshake(request)) return wss.handleUpgrade(request, socket, head, ignore);
    track(handshake(request, socket, head));
  });

  const management = managementApi({
    stage: api.stage,
    maxMessageBytes: limits.maxMessageBytes,
    find: (connectionId) => {
      const connection = open.get(connectionId);
      return connection?.isOpen ? connection : undefined;
    },
  });
  server.on('request', (request, response) => {
    management(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function shutdown(): Promise<void> {
    for (const socket of pendingHandshakes) socket.destroy();
    for (const connection of open.values()) connection.close(GATEWAY_CLOSES.shutdown);
    while (work.size > 0) await Promise.all(work);
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  return {
    url: `ws://${authority}`,
    managementEndpoint: `http://${authority}`,
    connections: () => [...open.values()].filter((c) => c.isOpen).map((c) => c.facts.connectionId),
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}
