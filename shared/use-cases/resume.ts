import { type PartyMessage, type ServerMessage, UNUSED_FIELDS } from '#shared/contracts/messages.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { fitPartyMessage, fitSnapshot } from './broadcast/oversize.ts';

/**
 * At most this many missed messages are replayed one by one; beyond it a snapshot is smaller and
 * quicker, and keeps the reply well inside the route's timeout.
 */
export const MAX_REPLAY = 200;

/** What the log holds after `since`: every message in order, or `gap` when only a snapshot can bridge it. */
export type LogRead =
  | { readonly kind: 'messages'; readonly messages: PartyMessage[]; readonly last_seq: number }
  | { readonly kind: 'gap'; readonly last_seq: number };

/** What a resume reads: the message log, and the party's state when the log no longer reaches back. */
export interface ResumeSources {
  readSince(partyId: string, since: number, max: number): Promise<LogRead>;
  getParty(partyId: string): Promise<PartyState | null>;
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
  const read = await sources.readSince(partyId, since, MAX_REPLAY);
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
