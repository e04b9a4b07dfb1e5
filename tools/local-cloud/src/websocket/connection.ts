import type { WebSocket } from 'ws';
import type { ConnectionFacts, ResolvedLimits } from './types.ts';

export interface CloseCause {
  readonly code: number;
  readonly reason: string;
}

/** What API Gateway reports in `$disconnect` and sends in the close frame for the closes it starts. */
export const GATEWAY_CLOSES = {
  idle: { code: 1001, reason: 'Going away' },
  maxDuration: { code: 1001, reason: 'Going away' },
  shutdown: { code: 1001, reason: 'Going away' },
  deleted: { code: 1000, reason: 'Connection Closed Normally' },
  tooBig: { code: 1009, reason: 'Message too big' },
  binary: { code: 1003, reason: 'Binary frames are not supported' },
} as const satisfies Record<string, CloseCause>;

/** How long a client may take to answer our close frame before its socket is cut. */
const CLOSE_GRACE_MS = 1_000;

function clientCause(code: number, reason: string): CloseCause {
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  if (code === 1006) return { code, reason: 'Connection was closed abnormally' };
  return { code, reason };
}

/** One accepted socket: its facts, its timers, and why it closed. */
export class GatewayConnection {
  lastActiveAt: number;
  /** Resolves with the cause once the socket is closed, whoever closed it. */
  readonly closed: Promise<CloseCause>;
  private cause: CloseCause | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    readonly facts: ConnectionFacts,
    private readonly socket: WebSocket,
    private readonly limits: ResolvedLimits,
  ) {
    this.lastActiveAt = facts.connectedAt;
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        for (const timer of [...this.timers, this.idleTimer]) clearTimeout(timer);
        resolve(this.cause ?? clientCause(code, reason.toString('utf8')));
      });
    });
    // ws reports protocol errors here after closing the socket itself; the close event tells the rest.
    socket.on('error', () => undefined);
    this.schedule(limits.maxConnectionMs, () => this.close(GATEWAY_CLOSES.maxDuration));
    this.resetIdleTimer();
  }

  get isOpen(): boolean {
    return this.cause === undefined && this.socket.readyState === this.socket.OPEN;
  }

  /**
   * Only messages count as activity: API Gateway does not let pings keep an idle connection open
   * (ws still answers them with pongs), so a client must send messages to stay connected.
   */
  touch(): void {
    this.lastActiveAt = Date.now();
    this.resetIdleTimer();
  }

  /** Sends one text message, split into frames no larger than the frame limit, as API Gateway does. */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    const bytes = Buffer.from(text, 'utf8');
    const size = this.limits.maxFrameBytes;
    if (bytes.length <= size) {
      this.socket.send(text);
      return true;
    }
    for (let offset = 0; offset < bytes.length; offset += size) {
      this.socket.send(bytes.subarray(offset, offset + size), {
        binary: false,
        fin: offset + size >= bytes.length,
      });
    }
    return true;
  }

  close(cause: CloseCause): void {
    // A socket the client is already closing keeps the client's reason.
    if (!this.isOpen) return;
    this.cause = cause;
    this.socket.close(cause.code, cause.reason);
    this.schedule(CLOSE_GRACE_MS, () => this.socket.terminate());
  }

  private schedule(delayMs: number, action: () => void): void {
    const timer = setTimeout(action, delayMs);
    timer.unref();
    this.timers.push(timer);
  }

  private resetIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(GATEWAY_CLOSES.idle), this.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }
}
