import { describe, expect, it } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import { IN_FLIGHT_MS, type LogRead, resumeReplies, WRITE_POLL_MS } from '#shared/use-cases/resume.ts';
import { agentStartedMessage } from '#test/fixtures/party.ts';

const PARTY = 'party_resume';
const NOW = '2026-12-04T10:00:00.000Z';

const message = (seq: number) =>
  agentStartedMessage(
    {
      party_id: PARTY,
      event_id: `evt_${seq}`,
      correlation_id: 'req',
      occurred_at: NOW,
      execution_id: `exec_${seq}`,
    },
    seq,
  );

/** A log whose reads follow a script, and a clock that only the resume's pauses move. */
function scriptedLog(reads: LogRead[], state: PartyState | null = null) {
  const calls: { since: number; max: number }[] = [];
  let paused = 0;
  const sources = {
    readSince: async (_partyId: string, since: number, max: number): Promise<LogRead> => {
      calls.push({ since, max });
      // The last read repeats for as long as the resume keeps reading.
      const read = reads.length > 1 ? reads.shift() : reads[0];
      if (!read) throw new Error('no read scripted');
      return read;
    },
    getParty: async () => state,
    pause: async (ms: number) => {
      paused += ms;
    },
  };
  return { sources, calls, paused: () => paused };
}

describe('resume', () => {
  it('reads on from a seq being written until it is, and replays everything in order', async () => {
    const log = scriptedLog([
      { kind: 'writing', messages: [message(3)], last_seq: 5 },
      { kind: 'writing', messages: [], last_seq: 5 },
      { kind: 'messages', messages: [message(4), message(5)], last_seq: 5 },
    ]);
    const replies = await resumeReplies(log.sources, PARTY, 2, NOW);
    expect(replies.map((reply) => ('seq' in reply ? reply.seq : reply.type))).toEqual([3, 4, 5]);
    // Only what was not read yet is read again, and the replay stays within its bound.
    expect(log.calls.map((call) => call.since)).toEqual([2, 3, 3]);
    expect(log.calls[1]?.max).toBe((log.calls[0]?.max ?? 0) - 1);
    expect(log.paused()).toBe(2 * WRITE_POLL_MS);
  });

  it('bridges a hole that is never written with a snapshot once its writer must be dead', async () => {
    const state = { party_id: PARTY } as unknown as PartyState;
    const log = scriptedLog([{ kind: 'writing', messages: [], last_seq: 7 }], state);
    const [reply, ...rest] = await resumeReplies(log.sources, PARTY, 6, NOW);
    expect(rest).toEqual([]);
    expect(reply).toMatchObject({ type: 'snapshot', payload: { last_seq: 7, state } });
    // However the log's clock runs, the resume gives up within the time a live writer takes.
    expect(log.paused()).toBeLessThanOrEqual(IN_FLIGHT_MS);
  });
});
