import type { HeldLog, HistoryEvent, HistoryLine, HistoryNow } from '#shared/contracts/history.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';
import { eventOfMessage } from './from-log.ts';
import { currentFacts, stateOnlyEvents } from './from-state.ts';
import { reachOf } from './reach.ts';

/** What the stack keeps of one party, as the history reads it. */
export interface PartyRecord {
  readonly partyId: string;
  /** Null when the state has expired (or never was). */
  readonly state: PartyState | null;
  readonly log: HeldLog;
  /** Epoch seconds of the state's expiry; null with no state. */
  readonly partyExpiresAt: number | null;
}

/**
 * The party's events in order, then its state as it stands, then how far back that reaches; null
 * when the stack keeps nothing of the party. The log's messages go by seq (the order browsers saw
 * them in); what only the state remembers goes by its own time, before the log when older than
 * anything the log holds (which is how it comes to be missing from the log), after it otherwise.
 */
export function partyHistory(record: PartyRecord): HistoryLine[] | null {
  const { state, log } = record;
  if (!state && log.entries.length === 0) return null;
  const logged = log.entries.map(eventOfMessage);
  const stateOnly = state ? stateOnlyEvents(state, log.entries) : [];
  const oldestLogged = logged[0]?.time;
  const isEarlier = (event: HistoryEvent) => !oldestLogged || (event.time ?? '') < oldestLogged;
  return [
    ...stateOnly.filter(isEarlier),
    ...logged,
    ...stateOnly.filter((event) => !isEarlier(event)),
    ...(state ? currentFacts(state, log.entries) : []),
    reachOf(log, state ? record.partyExpiresAt : null),
  ];
}

export const notFoundSentence = (partyId: string) =>
  `party ${partyId} not found: the table holds neither its state nor any of its messages ` +
  `(a mistyped id, or a party that expired ${PARTY_RETENTION_SECONDS / 86_400} days after its last change)`;

const EVENT_HEADER = ['SEQ', 'TIME', 'EVENT TYPE', 'AGENT', 'CORRELATION', 'CAUSATION', 'OUTCOME'];

function eventCells(event: HistoryEvent): string[] {
  return [
    event.seq === null ? '-' : String(event.seq),
    event.time ?? '-',
    event.type,
    event.agent ?? '-',
    event.correlation_id ?? '-',
    event.causation_id ?? '-',
    event.outcome,
  ];
}

/** Rows in aligned columns, the last one left as long as it is. */
function aligned(rows: readonly string[][]): string[] {
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns - 1 }, (_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows.map((row) =>
    row.map((cell, column) => (column < columns - 1 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '),
  );
}

const factCells = (fact: HistoryNow) => [`  ${fact.subject}${fact.id ? ` ${fact.id}` : ''}`, fact.detail];

/** The history for a person: the events as a table, the state as it stands, and the reach. */
export function formatHistory(partyId: string, lines: readonly HistoryLine[]): string[] {
  const events = lines.filter((line): line is HistoryEvent => line.kind === 'event');
  const facts = lines.filter((line): line is HistoryNow => line.kind === 'now');
  const reach = lines.find((line) => line.kind === 'reach');
  return [
    `history of party ${partyId}: ${events.length} event(s)`,
    ...aligned([EVENT_HEADER, ...events.map(eventCells)]),
    ...(facts.length > 0 ? ['', 'now:', ...aligned(facts.map(factCells))] : []),
    '',
    `reach: ${reach?.statement ?? 'unknown'}`,
  ];
}
