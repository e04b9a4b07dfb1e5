import type { PartyMessage, ServerMessage } from '#shared/contracts/messages.ts';
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
  readonly backoff?: BackoffOptions;
}

export interface PartyConnection {
  readonly state: ConnectionState;
  readonly lastSeq: number;
  /** Closes the socket for good: no reconnect. */
  close(): void;
}

const PING_INTERVAL_MS = 4 * 60_000;
const GAP_TIMEOUT_MS = 2_000;
/** Event ids remembered to drop a repeat under a new seq: far more than the server's log recognises. */
const RECENT_EVENTS = 1_000;
/** WebSocket.OPEN; the constant is not on the `ws` constructor's instances in every version. */
const OPEN = 1;

function isPartyMessage(message: ServerMessage): message is PartyMessage {
  return 'seq' in message;
}

/**
 * A live, self-healing subscription to one party. Every (re)open sends `resume` from the last delivered
 * `seq`, so whatever was broadcast while the socket was down is replayed; the sequencer then removes the
 * overlap between replay and live traffic, which is what makes delivery exactly-once and in order.
 */
export function connectParty(options: ConnectPartyOptions): PartyConnection {
  const Impl: SocketFactory = options.WebSocketImpl ?? globalThis.WebSocket;
  const url = `${options.wsUrl}?party_id=${encodeURIComponent(options.partyId)}&token=${encodeURIComponent(options.token)}`;
  const gapTimeoutMs = options.gapTimeoutMs ?? GAP_TIMEOUT_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let state: ConnectionState = 'connecting';
  let socket: SocketLike | undefined;
  let attempt = 0;
  let closedByUs = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  // The server's log recognises a redelivered event only among the party's last few dozen; one that
  // comes later is numbered anew, so the same event can arrive under a second seq.
  const delivered = new Set<string>();
  const firstSighting = (eventId: string | null) => {
    if (eventId === null) return true;
    if (delivered.has(eventId)) return false;
    delivered.add(eventId);
    if (delivered.size > RECENT_EVENTS) delivered.delete(delivered.values().next().value as string);
    return true;
  };

  const sequencer = new Sequencer<PartyMessage>(options.since ?? 0, (message) => {
    if (!firstSighting(message.event_id)) return;
    options.onMessage(message);
    if (message.type === 'refresh_required') void refresh();
  });

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    options.onState?.(next);
  };
  const reportError = (error: unknown) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)));

  const send = (action: { action: 'ping' } | { action: 'resume'; since: number }) => {
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(action));
  };

  async function refresh(): Promise<void> {
    if (!options.fetchStatus) return;
    try {
      const status = await options.fetchStatus();
      sequencer.skipTo(status.last_seq);
      options.onSnapshot?.(status.party, status.last_seq);
    } catch (error) {
      reportError(error);
    }
  }

  // A gap that outlives the timeout means a message was lost, not merely late: ask for a replay.
  const watchGap = () => {
    if (!sequencer.hasGap) {
      clearTimeout(gapTimer);
      gapTimer = undefined;
    } else if (!gapTimer) {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        if (!sequencer.hasGap) return;
        send({ action: 'resume', since: sequencer.lastSeq });
        // The missing message may still be being written: ask again until it or a snapshot comes.
        watchGap();
      }, gapTimeoutMs);
    }
  };

  const handle = (raw: unknown) => {
    let json: unknown;
    try {
      json = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return reportError(new Error('a WebSocket message is not JSON'));
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) return reportError(new Error(`unexpected message: ${parsed.error.message}`));
    const message = parsed.data;
    if (isPartyMessage(message)) {
      sequencer.accept(message);
      watchGap();
    } else if (message.type === 'snapshot') {
      // The log no longer reaches back: the snapshot replaces everything up to its last_seq.
      sequencer.skipTo(message.payload.last_seq);
      watchGap();
      options.onSnapshot?.(message.payload.state, message.payload.last_seq);
      options.onMessage(message);
    } else if (message.type !== 'pong') {
      options.onMessage(message);
    }
  };

  const scheduleReconnect = () => {
    setState('reconnecting');
    const delay = backoffDelay(attempt, backoff);
    attempt += 1;
    reconnectTimer = setTimeout(open, delay);
  };

  function open(): void {
    reconnectTimer = undefined;
    const current = new Impl(url);
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      attempt = 0;
      setState('open');
      send({ action: 'resume', since: sequencer.lastSeq });
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send({ action: 'ping' }), options.pingIntervalMs ?? PING_INTERVAL_MS);
    });
    current.addEventListener('message', (event) => {
      if (socket === current) handle(event.data);
    });
    // A refused handshake fires error then close; close alone drives the reconnect.
    current.addEventListener('error', () => undefined);
    current.addEventListener('close', () => {
      if (socket !== current) return;
      clearInterval(pingTimer);
      pingTimer = undefined;
      if (closedByUs) return setState('closed');
      scheduleReconnect();
    });
  }

  open();

  return {
    get state() {
      return state;
    },
    get lastSeq() {
      return sequencer.lastSeq;
    },
    close() {
      closedByUs = true;
      clearTimeout(reconnectTimer);
      clearTimeout(gapTimer);
      clearInterval(pingTimer);
      const current = socket;
      socket = undefined;
      current?.close(1000, 'client closed');
      setState('closed');
    },
  };
}
