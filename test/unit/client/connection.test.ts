import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  type ConnectionState,
  connectParty,
  type DeliveredMessage,
  SECOND_LOOK_MS,
  type SocketLike,
} from '#shared/client/index.ts';
import type { StatusResponse } from '#shared/client/responses.ts';
import type { PartyState } from '#shared/contracts/party.ts';

type Listener = (event: { data: unknown; code: number; reason: string }) => void;

/** A socket the test drives by hand: it records what the client sends and emits what the test says. */
class FakeSocket implements SocketLike {
  static readonly all: FakeSocket[] = [];
  readyState = 0;
  readonly sent: unknown[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  emit(type: string, data: unknown = undefined): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data, code: 1000, reason: '' });
  }
  open(): void {
    this.readyState = 1;
    this.emit('open');
  }
  receive(message: unknown): void {
    this.emit('message', JSON.stringify(message));
  }
  drop(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

const PARTY = 'fpTESTPARTY0001';
const NOW = '2026-11-24T00:00:00.000Z';

function removed(seq: number) {
  return {
    type: 'input_removed',
    party_id: PARTY,
    seq,
    event_id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    correlation_id: 'c',
    timestamp: NOW,
    message: `message ${seq}`,
    agent: null,
    status: null,
    result: null,
    error: null,
    payload: { input_id: `i${seq}`, removed_by: 'user', reason: 'user_action', inputs_version: seq },
  };
}

const state: PartyState = {
  party_id: PARTY,
  status: 'planning',
  inputs: [],
  active_agents: {},
  budget: null,
  final_plan: null,
  created_at: NOW,
  updated_at: NOW,
  version: 1,
  inputs_version: 0,
};

function setup(extra: { fetchStatus?: () => Promise<StatusResponse> } = {}) {
  const seqs: number[] = [];
  const messages: DeliveredMessage[] = [];
  const states: ConnectionState[] = [];
  const snapshots: number[] = [];
  const connection = connectParty({
    wsUrl: 'ws://fake',
    partyId: PARTY,
    token: 't/k+n',
    WebSocketImpl: FakeSocket,
    onMessage: (message) => {
      messages.push(message);
      if ('seq' in message) seqs.push(message.seq);
    },
    onState: (next) => states.push(next),
    onSnapshot: (_, lastSeq) => snapshots.push(lastSeq),
    gapTimeoutMs: 1_000,
    pingIntervalMs: 60_000,
    backoff: { baseMs: 100, maxMs: 1_000 },
    ...extra,
  });
  const socket = () => {
    const last = FakeSocket.all.at(-1);
    if (!last) throw new Error('no socket');
    return last;
  };
  return { connection, seqs, messages, states, snapshots, socket };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('connectParty', () => {
  it('connects with the credentials in the query and resumes from `since` on open', () => {
    const { socket, states } = setup();
    expect(socket().url).toBe('ws://fake?party_id=fpTESTPARTY0001&token=t%2Fk%2Bn');
    socket().open();
    expect(socket().sent).toEqual([{ action: 'resume', since: 0 }]);
    expect(states).toEqual(['open']);
  });

  it('delivers in seq order exactly once, buffering early messages', () => {
    const { socket, seqs } = setup();
    socket().open();
    for (const seq of [2, 1, 1, 4, 2, 3, 5, 3]) socket().receive(removed(seq));
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('asks for a replay when a gap outlives the timeout', () => {
    const { socket, seqs } = setup();
    socket().open();
    socket().receive(removed(1));
    socket().receive(removed(3));
    vi.advanceTimersByTime(999);
    expect(socket().sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket().sent.at(-1)).toEqual({ action: 'resume', since: 1 });
    socket().receive(removed(2));
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('keeps asking while the missing message is still being written', () => {
    const { socket, seqs } = setup();
    socket().open();
    socket().receive(removed(1));
    socket().receive(removed(3));
    vi.advanceTimersByTime(1_000);
    // No reply has brought seq 2 yet: its broadcaster has numbered it but not written it yet. (At
    // 2 s the new socket's second look asks too.)
    vi.advanceTimersByTime(1_000);
    expect(socket().sent.slice(1)).toEqual([
      { action: 'resume', since: 1 },
      { action: 'resume', since: 1 },
      { action: 'resume', since: 1 },
    ]);
    socket().receive(removed(2));
    vi.advanceTimersByTime(5_000);
    expect(socket().sent).toHaveLength(4);
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('looks at the log a second time once the index that finds its socket has caught up', () => {
    const { socket } = setup();
    socket().open();
    socket().receive(removed(1));
    vi.advanceTimersByTime(SECOND_LOOK_MS - 1);
    expect(socket().sent).toEqual([{ action: 'resume', since: 0 }]);
    vi.advanceTimersByTime(1);
    // Seq 2 may have been posted before the broadcaster could see this socket; nothing else tells.
    expect(socket().sent.at(-1)).toEqual({ action: 'resume', since: 1 });
    const first = socket();
    first.drop();
    vi.advanceTimersByTime(SECOND_LOOK_MS);
    expect(first.sent).toHaveLength(2);
  });

  it('drops an event that arrives again under a new seq, and moves on past that seq', () => {
    const { socket, seqs, connection } = setup();
    socket().open();
    socket().receive(removed(1));
    socket().receive({ ...removed(2), event_id: removed(1).event_id });
    socket().receive(removed(3));
    expect(seqs).toEqual([1, 3]);
    expect(connection.lastSeq).toBe(3);
  });

  it('reconnects with backoff after a drop and resumes from the last delivered seq', () => {
    const { socket, states, seqs } = setup();
    socket().open();
    socket().receive(removed(1));
    socket().receive(removed(2));
    const first = socket();
    first.drop();
    expect(states).toEqual(['open', 'reconnecting']);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    socket().drop();
    // The second attempt waits longer: between half and all of 200 ms.
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(101);
    expect(FakeSocket.all).toHaveLength(3);
    socket().open();
    expect(socket().sent).toEqual([{ action: 'resume', since: 2 }]);
    // A late message from the dropped socket is ignored; the replay overlaps what was seen.
    first.receive(removed(3));
    for (const seq of [2, 3]) socket().receive(removed(seq));
    expect(seqs).toEqual([1, 2, 3]);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('applies a snapshot: resets to its state and last_seq, dropping what it covers', () => {
    const { socket, seqs, snapshots } = setup();
    socket().open();
    socket().receive(removed(1));
    socket().receive(removed(6));
    socket().receive({
      type: 'snapshot',
      party_id: PARTY,
      timestamp: NOW,
      message: null,
      agent: null,
      status: null,
      result: null,
      error: null,
      payload: { state, last_seq: 5 },
    });
    expect(snapshots).toEqual([5]);
    expect(seqs).toEqual([1, 6]);
  });

  it('fetches the status on refresh_required and hands it on as a snapshot', async () => {
    const fetchStatus = vi.fn(async () => ({
      success: true as const,
      party: state,
      last_seq: 2,
      message: null,
    }));
    const { socket, seqs, snapshots, connection } = setup({ fetchStatus });
    socket().open();
    socket().receive({
      ...removed(1),
      type: 'refresh_required',
      payload: {
        reason: 'message_too_large',
        replaces_type: 'plan_updated',
        bytes: 40_000,
        status_path: '/x',
      },
    });
    await vi.waitFor(() => expect(snapshots).toEqual([2]));
    expect(fetchStatus).toHaveBeenCalledOnce();
    expect(connection.lastSeq).toBe(2);
    socket().receive(removed(2));
    socket().receive(removed(3));
    expect(seqs).toEqual([1, 3]);
  });

  it('pings on an interval and stops everything on close', () => {
    const { socket, connection, states } = setup();
    socket().open();
    vi.advanceTimersByTime(120_000);
    expect(socket().sent.slice(2)).toEqual([{ action: 'ping' }, { action: 'ping' }]);
    connection.close();
    vi.advanceTimersByTime(120_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
  });

  it('ignores messages that are not in the catalog', () => {
    const { socket, messages } = setup();
    socket().open();
    socket().receive({ type: 'mystery' });
    socket().emit('message', 'not json');
    expect(messages).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with half of it random', () => {
    const options = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
    expect(backoffDelay(10, options, () => 0.5)).toBe(750);
  });
});
