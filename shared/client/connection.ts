import type { ClientAction, PartyMessage, ServerMessage } from '#shared/contracts/messages.ts';
import { ServerMessage as ServerMessageSchema } from '#shared/contracts/messages.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import type { StatusResponse } from './responses.ts';
import { Sequencer } from './sequencer.ts';

/**
 * The part of the WebSocket API this client uses. Both the browser's `WebSocket` and the `ws` package's
 * constructor fit it, so the same code runs in the page and in Node tests.
 */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}
export type SocketFactory = new (url: string) => SocketLike;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Messages the connection hands on: party messages in `seq` order, and the replies meant for the app. */
export type DeliveredMessage = Exclude<ServerMessage, { type: 'pong' }>;

export interface ConnectPartyOptions {
  /** The WebSocket API's URL, e.g. `ws://127.0.0.1:4001`. */
  readonly wsUrl: string;
  readonly partyId: string;
  readonly token: string;
  /** The last `seq` the caller already reflects (from the status route); 0 replays the whole log. */
  readonly since?: number;
  /** Defaults to the global `WebSocket`; Node tests pass the `ws` package's. */
  readonly WebSocketImpl?: SocketFactory;
  readonly onMessage: (message: DeliveredMessage) => void;
  readonly onState?: (state: ConnectionState) => void;
  /** The whole party, from a `snapshot` or from the status fetched after `refresh_required`. */
  readonly onSnapshot?: (state: PartyState, lastSeq: number) => void;
  /** Fetches the status route; without it a `refresh_required` is only delivered, not acted on. */
  readonly fetchStatus?: () => Promise<StatusResponse>;
  /** Something went wrong that the connection itself recovers from; for logging. */
  readonly onError?: (error: Error) => void;
  /** API Gateway closes a socket after 10 idle minutes; a ping well inside that keeps it open. */
  readonly pingIntervalMs?: number;
  /** How long a message may wait for an earlier one before the connection asks for a replay. */
  readonly gapTimeoutMs?: number;
  /** How long after opening the connection looks at the log a second time. */
  readonly secondLookMs?: number;
  readonly backoff?: BackoffOptions;
}

export interface PartyConnection {
  readonly state: ConnectionState;
  readonly lastSeq: number;
  /** Closes the socket for good: no reconnect. */
  close(): void;
}

const PING_INTERVAL_MS = 4 * 60_000;
export const GAP_TIMEOUT_MS = 1_000;
/**
 * The broadcaster finds a party's sockets through a global secondary index, which lags the table: a
 * message numbered just after this socket's first resume may not find it yet. Without a later
 * message nothing would show the loss, so the connection reads the log once more after a delay well
 * beyond the index's usual lag.
 */
export const SECOND_LOOK_MS = 2_000;
/** Event ids remembered to drop a repeat under a new seq: far more than the server's log recognises. */
const RECENT_EVENTS = 1_000;
/** WebSocket.OPEN; the constant is not on the `ws` constructor's instances in every version. */
const OPEN = 1;

function isPartyMessage(message: ServerMessage): message is PartyMessage {
  return 'seq' in message;
}

/**
 * Whether an event is seen for the first time. The server's log recognises a redelivered event only
 * among the party's last few dozen; one that comes later is numbered anew, so the same event can
 * arrive under a second seq.
 */
function firstSightings(limit: number): (eventId: string | null) => boolean {
  const delivered = new Set<string>();
  return (eventId) => {
    if (eventId === null) return true;
    if (delivered.has(eventId)) return false;
    delivered.add(eventId);
    if (delivered.size > limit) delivered.delete(delivered.values().next().value as string);
    return true;
  };
}

/** The server message a socket delivered, or what is wrong with it. */
function parseServerMessage(raw: unknown): ServerMessage | Error {
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : String(raw));
  } catch {
    return new Error('a WebSocket message is not JSON');
  }
  const parsed = ServerMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : new Error(`unexpected message: ${parsed.error.message}`);
}

/**
 * A live, self-healing subscription to one party. Every (re)open sends `resume` from the last delivered
 * `seq`, so whatever was broadcast while the socket was down is replayed; the sequencer then removes the
 * overlap between replay and live traffic, which is what makes delivery exactly-once and in order.
 */
class PartySubscription implements PartyConnection {
  private current: ConnectionState = 'connecting';
  private socket: SocketLike | undefined;
  private attempt = 0;
  private closedByUs = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private secondLookTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly Impl: SocketFactory;
  private readonly url: string;
  private readonly gapTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private readonly firstSighting = firstSightings(RECENT_EVENTS);
  private readonly sequencer: Sequencer<PartyMessage>;

  constructor(private readonly options: ConnectPartyOptions) {
    this.Impl = options.WebSocketImpl ?? globalThis.WebSocket;
    this.url = `${options.wsUrl}?party_id=${encodeURIComponent(options.partyId)}&token=${encodeURIComponent(options.token)}`;
    this.gapTimeoutMs = options.gapTimeoutMs ?? GAP_TIMEOUT_MS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.sequencer = new Sequencer<PartyMessage>(options.since ?? 0, (message) => this.deliver(message));
  }

  get state(): ConnectionState {
    return this.current;
  }

  get lastSeq(): number {
    return this.sequencer.lastSeq;
  }

  close(): void {
    this.closedByUs = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.gapTimer);
    clearTimeout(this.secondLookTimer);
    clearInterval(this.pingTimer);
    const current = this.socket;
    this.socket = undefined;
    current?.close(1000, 'client closed');
    this.setState('closed');
  }

  open(): void {
    this.reconnectTimer = undefined;
    const current = new this.Impl(this.url);
    this.socket = current;
    current.addEventListener('open', () => {
      if (this.socket !== current) return;
      this.attempt = 0;
      this.setState('open');
      this.send({ action: 'resume', since: this.sequencer.lastSeq });
      clearTimeout(this.secondLookTimer);
      this.secondLookTimer = setTimeout(() => {
        if (this.socket === current) this.send({ action: 'resume', since: this.sequencer.lastSeq });
      }, this.options.secondLookMs ?? SECOND_LOOK_MS);
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(
        () => this.send({ action: 'ping' }),
        this.options.pingIntervalMs ?? PING_INTERVAL_MS,
      );
    });
    current.addEventListener('message', (event) => {
      if (this.socket === current) this.handle(event.data);
    });
    // A refused handshake fires error then close; close alone drives the reconnect.
    current.addEventListener('error', () => undefined);
    current.addEventListener('close', () => {
      if (this.socket !== current) return;
      clearInterval(this.pingTimer);
      this.pingTimer = undefined;
      if (this.closedByUs) return this.setState('closed');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.backoff);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private setState(next: ConnectionState): void {
    if (next === this.current) return;
    this.current = next;
    this.options.onState?.(next);
  }

  private reportError(error: unknown): void {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  }

  private send(action: ClientAction): void {
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(action));
  }

  private handle(raw: unknown): void {
    const message = parseServerMessage(raw);
    if (message instanceof Error) {
      this.reportError(message);
    } else if (isPartyMessage(message)) {
      this.sequencer.accept(message);
      this.watchGap();
    } else if (message.type === 'snapshot') {
      // The log no longer reaches back: the snapshot replaces everything up to its last_seq.
      this.sequencer.skipTo(message.payload.last_seq);
      this.watchGap();
      this.options.onSnapshot?.(message.payload.state, message.payload.last_seq);
      this.options.onMessage(message);
    } else if (message.type !== 'pong') {
      this.options.onMessage(message);
    }
  }

  private deliver(message: PartyMessage): void {
    if (!this.firstSighting(message.event_id)) return;
    this.options.onMessage(message);
    if (message.type === 'refresh_required') void this.refresh();
  }

  private async refresh(): Promise<void> {
    if (!this.options.fetchStatus) return;
    try {
      const status = await this.options.fetchStatus();
      this.sequencer.skipTo(status.last_seq);
      this.options.onSnapshot?.(status.party, status.last_seq);
    } catch (error) {
      this.reportError(error);
    }
  }

  // A gap that outlives the timeout means a message was lost, not merely late: ask for a replay.
  private watchGap(): void {
    if (!this.sequencer.hasGap) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        if (!this.sequencer.hasGap) return;
        this.send({ action: 'resume', since: this.sequencer.lastSeq });
        // The missing message may still be being written: ask again until it or a snapshot comes.
        this.watchGap();
      }, this.gapTimeoutMs);
    }
  }
}

export function connectParty(options: ConnectPartyOptions): PartyConnection {
  const connection = new PartySubscription(options);
  connection.open();
  return connection;
}
