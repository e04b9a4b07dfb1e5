import * as z from 'zod/mini';
import { eventSchema } from './event-envelope.ts';
import { Budget, PartyInput, PartyPlan } from './party.ts';
import { AgentName, Confidence, InputId, JsonObject, NonNegativeInt } from './primitives.ts';

/** Carried by every event derived from party inputs, so that consumers can drop stale work. */
const inputsVersion = { inputs_version: NonNegativeInt };

export const InputAdded = eventSchema(
  'party.input.added',
  z.extend(PartyInput, { metadata: z.optional(z.nullable(JsonObject)), ...inputsVersion }),
);

export const InputRemoved = eventSchema(
  'party.input.removed',
  z.object({
    input_id: InputId,
    removed_by: z.string(),
    reason: z.enum(['user_action', 'duplicate', 'invalid']),
    ...inputsVersion,
  }),
);

/**
 * Why the analyzer asks for the budget agent. Only a changed stated budget makes the budget agent
 * recalculate; both reach the planner, which answers an added input that no agent has to run for
 * ("hi there", a repeated fact) with a plan for the current inputs.
 */
export const BUDGET_REQUEST_REASONS = {
  statedBudgetChanged: 'stated_budget_changed',
  inputsChanged: 'inputs_changed',
} as const;

export const AgentShouldExecute = eventSchema(
  'party.agent.should_execute',
  z.object({
    agent_name: AgentName,
    execution_type: z.enum(['start', 'rerun', 'recalculate']),
    input_ids: z.array(InputId),
    /** 1 runs first; theme is 1 because venue, cake and vendor depend on it. */
    priority: z.int().check(z.gte(1), z.lte(5)),
    reason: z.nullable(z.string()),
    ...inputsVersion,
  }),
);

export const AgentStarted = eventSchema(
  'party.agent.started',
  z.object({
    agent_name: AgentName,
    execution_id: z.string(),
    input_count: NonNegativeInt,
    message: z.nullable(z.string()),
    ...inputsVersion,
  }),
);

export const AgentCompleted = eventSchema(
  'party.agent.completed',
  z.object({
    agent_name: AgentName,
    execution_id: z.string(),
    result: JsonObject,
    confidence: Confidence,
    execution_time_ms: z.number().check(z.gte(0)),
    ...inputsVersion,
  }),
);

export const AgentFailed = eventSchema(
  'party.agent.failed',
  z.object({
    agent_name: AgentName,
    execution_id: z.string(),
    error: z.string(),
    error_type: z.enum(['timeout', 'validation', 'external_api', 'internal']),
    retry_count: NonNegativeInt,
    ...inputsVersion,
  }),
);

export const AgentDataRemoved = eventSchema(
  'party.agent.data_removed',
  z.object({
    agent_name: AgentName,
    reason: z.string(),
    removed_input_id: z.nullable(InputId),
    ...inputsVersion,
  }),
);

export const BudgetUpdated = eventSchema('party.budget.updated', Budget);

export const PlanUpdated = eventSchema('party.plan.updated', PartyPlan);

export const EVENT_SCHEMAS = [
  InputAdded,
  InputRemoved,
  AgentShouldExecute,
  AgentStarted,
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  BudgetUpdated,
  PlanUpdated,
] as const;

export const PartyEvent = z.discriminatedUnion('type', [...EVENT_SCHEMAS]);
export type PartyEvent = z.infer<typeof PartyEvent>;
export type PartyEventType = PartyEvent['type'];
export type EventOfType<T extends PartyEventType> = Extract<PartyEvent, { type: T }>;
export type PayloadOf<T extends PartyEventType> = EventOfType<T>['payload'];

export const EVENT_TYPES = EVENT_SCHEMAS.map((schema) => schema.shape.type.def.values[0]) as PartyEventType[];

/** Routing between the analyzer and the agents; browsers never see these. */
export const INTERNAL_EVENT_TYPES: readonly PartyEventType[] = ['party.agent.should_execute'];
export const BROADCAST_EVENT_TYPES = EVENT_TYPES.filter((type) => !INTERNAL_EVENT_TYPES.includes(type));
