import * as z from 'zod/mini';
import { ERROR_CODES } from './error-codes.ts';
import { Budget, PartyInput, PartyPlan, PartyState } from './party.ts';
import {
  AgentName,
  Confidence,
  InputId,
  JsonObject,
  NonNegativeInt,
  PartyId,
  Timestamp,
} from './primitives.ts';

/**
 * Messages keep the original bridge's shape: every one carries `type`, `agent`, `status`, `result`,
 * `message`, `error`, `timestamp` and `payload`, with the unused ones null, so a frontend written for
 * the original keeps working. Party messages add `party_id`, `event_id` and a per-party `seq` that rises
 * by one with no gaps, which is what resume is built on.
 */
const unused = {
  agent: z.null(),
  status: z.null(),
  result: z.null(),
  error: z.null(),
  payload: z.null(),
};

/** The fields a message type does not use, null as the original bridge sent them. */
export const UNUSED_FIELDS = Object.fromEntries(Object.keys(unused).map((field) => [field, null])) as {
  readonly [Field in keyof typeof unused]: null;
};

function partyMessage<const T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  const base = z.object({
    ...unused,
    type: z.literal(type),
    party_id: PartyId,
    seq: z.int().check(z.gte(1)),
    event_id: z.uuid(),
    correlation_id: z.string(),
    timestamp: Timestamp,
    message: z.string(),
  });
  return z.extend(base, shape);
}

export const InputAddedMessage = partyMessage('input_added', {
  payload: z.object({ ...PartyInput.shape, inputs_version: NonNegativeInt }),
});

export const InputRemovedMessage = partyMessage('input_removed', {
  payload: z.object({
    input_id: InputId,
    removed_by: z.string(),
    reason: z.string(),
    inputs_version: NonNegativeInt,
  }),
});

export const AgentStartedMessage = partyMessage('agent_started', {
  agent: AgentName,
  status: z.literal('running'),
  payload: z.object({ execution_id: z.string(), inputs_version: NonNegativeInt }),
});

export const AgentCompletedMessage = partyMessage('agent_completed', {
  agent: AgentName,
  status: z.literal('completed'),
  result: JsonObject,
  payload: z.object({
    execution_id: z.string(),
    confidence: Confidence,
    execution_time_ms: z.number(),
    inputs_version: NonNegativeInt,
  }),
});

export const AgentFailedMessage = partyMessage('agent_failed', {
  agent: AgentName,
  status: z.literal('failed'),
  error: z.string(),
  payload: z.object({ execution_id: z.string(), error_type: z.string(), inputs_version: NonNegativeInt }),
});

export const AgentDataRemovedMessage = partyMessage('agent_data_removed', {
  agent: AgentName,
  payload: z.object({
    reason: z.string(),
    removed_input_id: z.nullable(InputId),
    inputs_version: NonNegativeInt,
  }),
});

export const BudgetUpdatedMessage = partyMessage('budget_updated', { payload: Budget });

export const PlanUpdatedMessage = partyMessage('plan_updated', { payload: PartyPlan });

/** Where a client fetches the whole party when a message is too big for the socket or the log is gone. */
export const partyStatusPath = (partyId: string) => `/api/v1/event-driven/status/${partyId}`;

export const REFRESH_REASONS = ['message_too_large', 'snapshot_too_large'] as const;

/**
 * Stands in for a message too big for one WebSocket frame: it takes that message's `seq` (so the
 * sequence stays gapless and resume still works) and tells the client to fetch the status route. A
 * stand-in for a snapshot carries no event, hence the nullable `event_id` and `correlation_id`.
 */
export const RefreshRequiredMessage = partyMessage('refresh_required', {
  event_id: z.nullable(z.uuid()),
  correlation_id: z.nullable(z.string()),
  payload: z.object({
    reason: z.enum(REFRESH_REASONS),
    replaces_type: z.string(),
    bytes: NonNegativeInt,
    status_path: z.string(),
  }),
});

export const PARTY_MESSAGE_SCHEMAS = [
  InputAddedMessage,
  InputRemovedMessage,
  AgentStartedMessage,
  AgentCompletedMessage,
  AgentFailedMessage,
  AgentDataRemovedMessage,
  BudgetUpdatedMessage,
  PlanUpdatedMessage,
  RefreshRequiredMessage,
] as const;

export const PartyMessage = z.discriminatedUnion('type', [...PARTY_MESSAGE_SCHEMAS]);
export type PartyMessage = z.infer<typeof PartyMessage>;
export type PartyMessageType = PartyMessage['type'];

/** Replies to one socket; they are not part of the party's sequence, so they carry no `seq`. */
function controlMessage<const T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  const base = z.object({
    ...unused,
    type: z.literal(type),
    timestamp: Timestamp,
    message: z.nullable(z.string()),
  });
  return z.extend(base, shape);
}

export const ConnectionMessage = controlMessage('connection', {
  status: z.literal('connected'),
  party_id: PartyId,
  last_seq: NonNegativeInt,
});

export const PongMessage = controlMessage('pong', {});

export { ERROR_CODES };
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorMessage = controlMessage('error', {
  error: ErrorCode,
  message: z.string(),
  payload: z.nullable(JsonObject),
});

/** Sent instead of a replay when the message log no longer reaches back to the requested `seq`. */
export const SnapshotMessage = controlMessage('snapshot', {
  party_id: PartyId,
  payload: z.object({ state: PartyState, last_seq: NonNegativeInt }),
});

export const CONTROL_MESSAGE_SCHEMAS = [
  ConnectionMessage,
  PongMessage,
  ErrorMessage,
  SnapshotMessage,
] as const;

export const ServerMessage = z.discriminatedUnion('type', [
  ...PARTY_MESSAGE_SCHEMAS,
  ...CONTROL_MESSAGE_SCHEMAS,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/**
 * What a browser may send; API Gateway routes on `action`. Strict: a field no action has is refused
 * with an error rather than ignored, so a client that misspells one learns it from the reply.
 */
export const PingAction = z.strictObject({ action: z.literal('ping') });
export const ResumeAction = z.strictObject({ action: z.literal('resume'), since: NonNegativeInt });
export const ClientAction = z.discriminatedUnion('action', [PingAction, ResumeAction]);
export type ClientAction = z.infer<typeof ClientAction>;
