import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocketServer } from 'ws';
import { type CloseCause, GATEWAY_CLOSES, GatewayConnection } from './connection.ts';
import { disconnectEvent } from './events.ts';
import { inspectFrames } from './frame-inspector.ts';
import { admit, isValidHandshake, refuseHandshake } from './handshake.ts';
import { dispatchMessage } from './message-dispatch.ts';
import type {
  ApiFacts,
  ConnectionFacts,
  LambdaInvoker,
  ResolvedLimits,
  WebSocketRouteConfig,
} from './types.ts';

export interface GatewaySocketsContext {
  readonly api: ApiFacts;
  readonly config: WebSocketRouteConfig;
  readonly invoker: LambdaInvoker;
  readonly limits: ResolvedLimits;
  readonly server: Server;
  readonly port: number;
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

const ignore = () => undefined;

/**
 * The gateway's sockets, from the upgrade request to `$disconnect`: the handshakes under way, the
 * connections open now, and every invocation they started.
 */
export class GatewaySockets {
  private readonly open = new Map<string, GatewayConnection>();
  private readonly pendingHandshakes = new Set<Duplex>();
  private readonly protocols = new WeakMap<IncomingMessage, string>();
  // Every invocation and every open socket, so that close() returns only once nothing is left running.
  private readonly work = new Set<Promise<unknown>>();
  private readonly routeKeys: ReadonlySet<string>;
  private readonly wss: WebSocketServer;
  private closing: Promise<void> | undefined;

  constructor(private readonly context: GatewaySocketsContext) {
    this.routeKeys = new Set(Object.keys(context.config.routes));
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      // API Gateway does not negotiate permessage-deflate, and frame limits apply to the bytes on the wire.
      perMessageDeflate: false,
      maxPayload: context.limits.maxMessageBytes,
      handleProtocols: (_offered, request) => this.protocols.get(request) ?? false,
    });
  }

  /** The server's `upgrade` listener. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that vanishes during the authorizer or $connect must not take the process down.
    socket.on('error', ignore);
    if (this.closing) socket.destroy();
    // ws answers a malformed handshake itself, before any function runs.
    else if (!isValidHandshake(request)) this.wss.handleUpgrade(request, socket, head, ignore);
    else this.track(this.handshake(request, socket, head));
  }

  /** The connection with this id, while it is open. */
  find(connectionId: string): GatewayConnection | undefined {
    const connection = this.open.get(connectionId);
    return connection?.isOpen ? connection : undefined;
  }

  connectionIds(): string[] {
    return [...this.open.values()].filter((c) => c.isOpen).map((c) => c.facts.connectionId);
  }

  /** Closes every socket (each one's `$disconnect` runs and is awaited), then the server. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private track(promise: Promise<unknown>): void {
    const settled = promise.then(ignore, ignore).finally(() => this.work.delete(settled));
    this.work.add(settled);
  }

  private async disconnect(facts: ConnectionFacts, cause: CloseCause): Promise<void> {
    const { api, config, invoker } = this.context;
    const functionName = config.routes.$disconnect;
    // $disconnect is best effort on AWS: its failures reach no client.
    if (functionName)
      await invoker.invoke(functionName, disconnectEvent(api, facts, cause.code, cause.reason));
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    this.pendingHandshakes.add(socket);
    try {
      const { api, config, invoker, port } = this.context;
      const abandoned = () => this.closing !== undefined || !socket.writable;
      const admission = await admit(request, { api, config, invoker, port, abandoned });
      if (!admission.accepted) return refuseHandshake(socket, admission.status);
      if (abandoned()) {
        // $connect has run, so the backend may have recorded this connection: it must hear of its end.
        socket.destroy();
        const cause = this.closing
          ? GATEWAY_CLOSES.shutdown
          : { code: 1006, reason: 'Connection was closed abnormally' };
        return this.disconnect(admission.facts, cause);
      }
      if (admission.protocol) this.protocols.set(request, admission.protocol);
      this.accept(request, socket, head, admission.facts);
    } catch {
      refuseHandshake(socket, 500);
    } finally {
      this.pendingHandshakes.delete(socket);
    }
  }

  private accept(request: IncomingMessage, socket: Duplex, head: Buffer, facts: ConnectionFacts): void {
    const { api, config, invoker, limits } = this.context;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new GatewayConnection(facts, ws, limits);
      this.open.set(facts.connectionId, connection);
      inspectFrames(socket, limits, () => connection.close(GATEWAY_CLOSES.tooBig));
      ws.on('message', (data, isBinary) => {
        if (!connection.isOpen) return;
        if (isBinary) return connection.close(GATEWAY_CLOSES.binary);
        connection.touch();
        this.track(
          dispatchMessage({ api, config, invoker, routeKeys: this.routeKeys }, connection, text(data)),
        );
      });
      this.track(
        connection.closed.then((cause) => {
          this.open.delete(facts.connectionId);
          return this.disconnect(facts, cause);
        }),
      );
    });
  }

  private async shutdown(): Promise<void> {
    const { server } = this.context;
    for (const socket of this.pendingHandshakes) socket.destroy();
    for (const connection of this.open.values()) connection.close(GATEWAY_CLOSES.shutdown);
    while (this.work.size > 0) await Promise.all(this.work);
    this.wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
