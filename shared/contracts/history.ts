import * as z from 'zod/mini';
import { PartyMessage } from './messages.ts';
import { NonNegativeInt, Timestamp } from './primitives.ts';
import { InputUnderstanding, PartyFacts } from './understanding.ts';

/*
 * What `npm run history` reads of a party and what it prints. The read side is what the message
 * log's items keep; the printed side is one line per JSON object with `--json`, for tools.
 */

/** One message the party's log holds, with what its item keeps beside the message. */
export const LoggedMessage = z.object({
  seq: z.int().check(z.gte(1)),
  /** Epoch milliseconds when the seq was handed out. */
  allocated_at: z.number(),
  /** Epoch seconds after which DynamoDB's TTL may remove the item. */
  expires_at: z.number(),
  /** The event or request that caused the message's event; null in items logged before it was kept. */
  causation_id: z.nullable(z.string()),
  message: PartyMessage,
});
export type LoggedMessage = z.infer<typeof LoggedMessage>;

/** Every message the log still holds of a party, in seq order, and the last seq it handed out. */
export const HeldLog = z.object({ last_seq: NonNegativeInt, entries: z.array(LoggedMessage) });
export type HeldLog = z.infer<typeof HeldLog>;

/** One event of the party, from its message log or, beyond the log's reach, from its state alone. */
export const HistoryEvent = z.object({
  kind: z.literal('event'),
  source: z.enum(['log', 'state']),
  /** The message's seq; null for what only the state remembers. */
  seq: z.nullable(z.int()),
  time: z.nullable(Timestamp),
  /** The event type as on the bus (`party.input.added`), as the redrive and the logs name it. */
  type: z.string(),
  agent: z.nullable(z.string()),
  outcome: z.string(),
  /**
   * For `party.input.added`, what the input was understood to say (its stored `understood`), so that
   * a plan's fact can be traced to the input that stated it; null for every other event.
   */
  understood: z.nullable(InputUnderstanding),
  event_id: z.nullable(z.string()),
  correlation_id: z.nullable(z.string()),
  causation_id: z.nullable(z.string()),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

const STATE_SUBJECTS = ['party', 'facts', 'plan', 'budget', 'agent', 'input', 'removed_input'] as const;

/** One fact of the party's current state: what the plan stands on now. */
export const HistoryNow = z.object({
  kind: z.literal('now'),
  subject: z.enum(STATE_SUBJECTS),
  /** The agent's name or the input's id; null for the party, the plan and the budget. */
  id: z.nullable(z.string()),
  /**
   * An input's `added_at`, a removed input's removal (while the log holds its message), an agent
   * run's end or start, the party's last change; null when not known or not one moment.
   */
  time: z.nullable(Timestamp),
  inputs_version: z.nullable(NonNegativeInt),
  /**
   * An input's text; for a removed input, from its `input_added` message while the log holds it,
   * else null (not known: the state keeps only the removed input's id).
   */
  content: z.nullable(z.string()),
  /** What an input (or a removed one, known as its text is) was understood to say; null otherwise. */
  understood: z.nullable(InputUnderstanding),
  /** For the `facts` subject: the party's facts merged from its inputs, as the agents read them. */
  facts: z.nullable(PartyFacts),
  detail: z.string(),
});
export type HistoryNow = z.infer<typeof HistoryNow>;

/** How far back the history reaches, and until when the party is kept. */
export const HistoryReach = z.object({
  kind: z.literal('reach'),
  held: NonNegativeInt,
  oldest_seq: z.nullable(z.int()),
  oldest_time: z.nullable(Timestamp),
  newest_seq: z.nullable(z.int()),
  newest_time: z.nullable(Timestamp),
  /** The last seq the log handed out: above the newest held, messages still being written (or lost). */
  last_seq: NonNegativeInt,
  /** Seqs below the oldest held, no longer in the log. */
  missing_before: NonNegativeInt,
  /** Seqs between the oldest held and the last handed out that the log does not hold. */
  holes: z.array(z.int()),
  /** When DynamoDB's TTL may remove the party (its state item's expiry); null when the state is gone. */
  party_expires_at: z.nullable(Timestamp),
  statement: z.string(),
});
export type HistoryReach = z.infer<typeof HistoryReach>;

export const HistoryLine = z.discriminatedUnion('kind', [HistoryEvent, HistoryNow, HistoryReach]);
export type HistoryLine = z.infer<typeof HistoryLine>;
