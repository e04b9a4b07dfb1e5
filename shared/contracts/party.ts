import * as z from 'zod/mini';
import {
  AgentName,
  Confidence,
  InputId,
  JsonObject,
  MoneyRange,
  NonNegativeInt,
  PartyId,
  SourceType,
  StatedBudget,
  Timestamp,
} from './primitives.ts';
import { InputUnderstanding } from './understanding.ts';

export const PARTY_STATUSES = ['initializing', 'planning', 'completed', 'error'] as const;
export const PartyStatus = z.enum(PARTY_STATUSES);
export type PartyStatus = z.infer<typeof PartyStatus>;

export const PartyInput = z.object({
  input_id: InputId,
  content: z.string(),
  source_type: SourceType,
  tags: z.array(z.string()),
  added_by: z.string(),
  added_at: Timestamp,
  /**
   * What the input was understood to say, once, when it entered the system (relative dates against
   * `added_at`). The pipeline reads this instead of the text, and the page shows it to the host.
   */
  understood: InputUnderstanding,
});
export type PartyInput = z.infer<typeof PartyInput>;

export const AGENT_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const AgentRunStatus = z.enum(AGENT_RUN_STATUSES);

export const AgentResult = z.object({
  agent_name: AgentName,
  status: AgentRunStatus,
  execution_id: z.string(),
  result: JsonObject,
  confidence: Confidence,
  execution_time_ms: z.number().check(z.gte(0)),
  /** The inputs version the run saw; a run from older inputs never replaces a newer one. */
  inputs_version: NonNegativeInt,
  /** Fingerprint of the facts (and theme result) the run used; the analyzer re-runs when it no longer fits. */
  basis: z.optional(z.string()),
  /** Inputs version of the theme result the run built on (-1: none); among equal inputs the newer wins. */
  dependency_version: z.optional(z.int()),
  started_at: z.nullable(Timestamp),
  completed_at: z.nullable(Timestamp),
  error: z.nullable(z.string()),
});
export type AgentResult = z.infer<typeof AgentResult>;

export const Budget = z.object({
  total_budget: MoneyRange,
  breakdown: z.record(z.string(), MoneyRange),
  based_on_agents: z.array(z.string()),
  previous_total: z.optional(z.nullable(MoneyRange)),
  /** Change of the total since the previous budget; negative when it fell. */
  delta: z.optional(z.nullable(z.object({ min: z.number(), max: z.number() }))),
  stated_budget: z.optional(z.nullable(StatedBudget)),
  /** How the estimate compares with the stated budget; `difference` is max estimate minus budget. */
  status: z.optional(z.enum(['within', 'over', 'under', 'unknown'])),
  difference: z.optional(z.nullable(z.number())),
  recommendations: z.optional(z.array(z.string())),
  cost_saving_tips: z.optional(z.array(z.string())),
  inputs_version: NonNegativeInt,
});
export type Budget = z.infer<typeof Budget>;

export const RECOMMENDATION_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const PlanRecommendation = z.object({
  category: z.string(),
  priority: z.enum(RECOMMENDATION_PRIORITIES),
  description: z.string(),
});

export const ChecklistSummary = z.object({
  total_tasks: NonNegativeInt,
  completed_tasks: NonNegativeInt,
  pending_tasks: NonNegativeInt,
});

export const PartyPlan = z.object({
  completion_percent: z.int().check(z.gte(0), z.lte(100)),
  recommendations: z.array(PlanRecommendation),
  next_steps: z.array(z.string()),
  active_agents: z.array(z.string()),
  missing_agents: z.array(z.string()),
  checklist_summary: ChecklistSummary,
  budget_summary: z.nullable(Budget),
  inputs_version: NonNegativeInt,
  /**
   * One more with every plan written for the party. Broadcasts of two plans can reach a socket in
   * either order; a client keeps the plan with the highest.
   */
  plan_version: z.optional(NonNegativeInt),
  /**
   * The `added_at` of the newest input that every agent it concerns had answered when a plan was
   * computed: inputs up to it are answered. The planner times each input to its answer from it.
   */
  answered_up_to: z.optional(Timestamp),
});
export type PartyPlan = z.infer<typeof PartyPlan>;

/** The whole state of one party, as stored and as the status route returns it. */
export const PartyState = z.object({
  party_id: PartyId,
  status: PartyStatus,
  inputs: z.array(PartyInput),
  active_agents: z.partialRecord(AgentName, AgentResult),
  budget: z.nullable(Budget),
  final_plan: z.nullable(PartyPlan),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** Bumped by every write; each write is conditional on the version it read. */
  version: NonNegativeInt,
  /** Bumped only when the set of inputs changes; agent results record the one they were computed from. */
  inputs_version: NonNegativeInt,
  /**
   * The latest removed inputs and the inputs version their removal made: a retried removal is
   * answered (and announced) again instead of 404, and an unknown input still gets its 404.
   */
  removed_inputs: z.optional(z.record(InputId, NonNegativeInt)),
});
export type PartyState = z.infer<typeof PartyState>;

export const PartyStats = z.object({
  total_parties: NonNegativeInt,
  total_inputs: NonNegativeInt,
  total_agent_results: NonNegativeInt,
  status_counts: z.partialRecord(PartyStatus, NonNegativeInt),
});
export type PartyStats = z.infer<typeof PartyStats>;
