import type { HeldLog, HistoryReach } from '#shared/contracts/history.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';

/** Holes named one by one in the statement; beyond that only their count (`--json` has them all). */
const HOLES_NAMED = 10;

const RETENTION_DAYS = PARTY_RETENTION_SECONDS / 86_400;

/** Seqs from `from` to `to` that the log does not hold. */
function holesOf(held: ReadonlySet<number>, from: number, to: number): number[] {
  const holes: number[] = [];
  for (let seq = from; seq <= to; seq++) if (!held.has(seq)) holes.push(seq);
  return holes;
}

function heldText(reach: Omit<HistoryReach, 'statement'>): string {
  if (reach.held === 0)
    return reach.last_seq === 0
      ? 'the log holds no message (nothing broadcast yet)'
      : `the log holds none of its ${reach.last_seq} messages`;
  const span = `seq ${reach.oldest_seq}-${reach.newest_seq} (${reach.oldest_time} to ${reach.newest_time})`;
  const earlier =
    reach.missing_before === 0
      ? 'from the first: nothing earlier was lost'
      : `seq 1-${reach.missing_before} are gone (removed by their expiry, or never written)`;
  return `the log holds ${reach.held} message(s), ${span}, ${earlier}`;
}

function holesText(holes: readonly number[]): string {
  if (holes.length === 0) return '';
  const named = holes.slice(0, HOLES_NAMED).join(', ');
  const more = holes.length > HOLES_NAMED ? ` and ${holes.length - HOLES_NAMED} more` : '';
  return `; seq ${named}${more} not held (still being written, or their writer died and the event was never redelivered)`;
}

function expiryText(partyExpiresAt: string | null): string {
  if (!partyExpiresAt) return "; the party's state is gone (expired): only the log is left";
  return (
    `; every message is kept as long as the party, which expires ${partyExpiresAt} ` +
    `(${RETENTION_DAYS} days after its last change, when DynamoDB's TTL removes state and log alike)`
  );
}

/**
 * How far back the history reaches. The log keeps every message the party was sent, with no count
 * limit, for as long as the party: what it lacks is what expired, or what a writer never wrote.
 */
export function reachOf(log: HeldLog, partyExpiresAt: number | null): HistoryReach {
  const [oldest] = log.entries;
  const newest = log.entries.at(-1);
  const seqs = new Set(log.entries.map((entry) => entry.seq));
  const reach = {
    kind: 'reach' as const,
    held: log.entries.length,
    oldest_seq: oldest?.seq ?? null,
    oldest_time: oldest?.message.timestamp ?? null,
    newest_seq: newest?.seq ?? null,
    newest_time: newest?.message.timestamp ?? null,
    last_seq: log.last_seq,
    missing_before: oldest ? oldest.seq - 1 : log.last_seq,
    holes: oldest ? holesOf(seqs, oldest.seq, log.last_seq) : [],
    party_expires_at: partyExpiresAt === null ? null : new Date(partyExpiresAt * 1000).toISOString(),
  };
  return {
    ...reach,
    statement: heldText(reach) + holesText(reach.holes) + expiryText(reach.party_expires_at),
  };
}
