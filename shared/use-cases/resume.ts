import { type PartyMessage, type ServerMessage, UNUSED_FIELDS } from '#shared/contracts/messages.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { fitPartyMessage, fitSnapshot } from './broadcast/oversize.ts';

/**
 * At most this many missed messages are replayed one by one; beyond it a snapshot is smaller and
 * quicker, and keeps the reply well inside the route's timeout.
 */
export const MAX_REPLAY = 200;

/**
 * How long a seq may be handed out without its message written. A live writer writes right after
 * numbering (seconds at most, when DynamoDB throttles it); a hole older than this is a writer that
 * died, whose redelivery may be a minute away or never come: a resume bridges it with a snapshot.
 */
export const IN_FLIGHT_MS = 5_000;

/** How soon a resume looks again for a message that is being written. */
export const WRITE_POLL_MS = 100;

/**
 * What the log holds after `since`: every message up to `last_seq` in order; the messages before a
 * seq that is still `writing`; or `gap` when only a snapshot can bridge it.
 */
export type LogRead =
  | { readonly kind: 'messages'; readonly messages: PartyMessage[]; readonly last_seq: number }
  | { readonly kind: 'writing'; readonly messages: PartyMessage[]; readonly last_seq: number }
  | { readonly kind: 'gap'; readonly last_seq: number };

/** What a resume reads: the message log, and the party's state when the log no longer reaches back. */
export interface ResumeSources {
  readSince(partyId: string, since: number, max: number): Promise<LogRead>;
  getParty(partyId: string): Promise<PartyState | null>;
  /** Waits before the log is read again. */
  pause(ms: number): Promise<void>;
}

/**
 * Every message after `since` up to the log's last seq, or `gap`. A seq being written is waited for
 * rather than left out: a client that reconnected may have no later message to tell it one is
 * missing, and would sit behind it until the party's next message. The wait is bounded, as the hole
 * turns into a `gap` once it is `IN_FLIGHT_MS` old; the poll count bounds it should clocks disagree.
 */
async function readThrough(sources: ResumeSources, partyId: string, since: number): Promise<LogRead> {
  const replayed: PartyMessage[] = [];
  for (let poll = 0; ; poll++) {
    const from = since + replayed.length;
    const read = await sources.readSince(partyId, from, MAX_REPLAY - replayed.length);
    if (read.kind === 'gap') return read;
    replayed.push(...read.messages);
    if (read.kind === 'messages') return { ...read, messages: replayed };
    if (poll >= IN_FLIGHT_MS / WRITE_POLL_MS) return { kind: 'gap', last_seq: read.last_seq };
    await sources.pause(WRITE_POLL_MS);
  }
}

/**
 * What a client that last saw `since` is sent, in order: the messages it missed, or, when the log no
 * longer reaches back, the party's state with the seq it is current to. The log is read before the
 * state, so the state is never older than the `last_seq` it is labelled with.
 */
export async function resumeReplies(
  sources: ResumeSources,
  partyId: string,
  since: number,
  now: string,
): Promise<ServerMessage[]> {
  const read = await readThrough(sources, partyId, since);
  if (read.kind === 'messages') return read.messages.map(fitPartyMessage);
  const state = await sources.getParty(partyId);
  if (!state) {
    return [
      {
        ...UNUSED_FIELDS,
        type: 'error',
        error: 'not_found',
        message: `party ${partyId} not found`,
        payload: null,
        timestamp: now,
      },
    ];
  }
  return [
    fitSnapshot({
      ...UNUSED_FIELDS,
      type: 'snapshot',
      party_id: partyId,
      timestamp: now,
      message: `resumed from a snapshot at seq ${read.last_seq}`,
      payload: { state, last_seq: read.last_seq },
    }),
  ];
}
