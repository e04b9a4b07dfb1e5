import * as z from 'zod/mini';
import './zod.ts';

/** Generated ids look like `fp2026A1B2C3D4E5`; any url-safe id of sensible length is accepted. */
export const PartyId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be 4-64 letters, digits, _ or -'));
export const InputId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'));
export const Timestamp = z.iso.datetime({ offset: true });
/** Correlation and causation ids carry request ids or event ids, whichever started the chain. */
export const TraceId = z.string().check(z.minLength(1), z.maxLength(128));
export const Confidence = z.number().check(z.gte(0), z.lte(1));
export const NonNegativeInt = z.int().check(z.gte(0));

export const PIPELINE_AGENTS = [
  'theme_agent',
  'venue_agent',
  'cake_agent',
  'catering_agent',
  'vendor_agent',
] as const;
export const AGENT_NAMES = [...PIPELINE_AGENTS, 'budget_agent'] as const;
export const AgentName = z.enum(AGENT_NAMES);
export type AgentName = z.infer<typeof AgentName>;
export type PipelineAgent = (typeof PIPELINE_AGENTS)[number];

/** Agents whose results carry an estimated cost; the budget is computed from exactly these. */
export const COST_AGENTS = ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const;

export const SOURCE_TYPES = ['text', 'image', 'url', 'upload'] as const;
export const SourceType = z.enum(SOURCE_TYPES);

/** A money range in whole currency units, as the original budget breakdown uses. */
export const MoneyRange = z.object({
  min: z.number().check(z.gte(0)),
  max: z.number().check(z.gte(0)),
  note: z.optional(z.nullable(z.string())),
});
export type MoneyRange = z.infer<typeof MoneyRange>;

/** JSON-safe values only, so that a result always survives DynamoDB and the WebSocket unchanged. */
export const JsonObject = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof JsonObject>;

/**
 * How a budget was stated. `amount`: "budget $1,500" (max 1500). `ceiling`: "up to $900", "can't go
 * over $900" (a hard limit, max 900). `approximate`: "around $1,500". `range`: "$1000-2000" (min and
 * max). `floor`: "at least $500" (min 500, no max).
 */
export const BUDGET_KINDS = ['amount', 'ceiling', 'approximate', 'range', 'floor'] as const;
export const BudgetKind = z.enum(BUDGET_KINDS);
export type BudgetKind = z.infer<typeof BudgetKind>;

/** A stated budget in whole units of its currency (ISO 4217 code); only a floor has no max. */
export const StatedBudget = z.object({
  min: z.nullable(z.number().check(z.gte(0))),
  max: z.nullable(z.number().check(z.gte(0))),
  currency: z.string(),
  kind: BudgetKind,
});
export type StatedBudget = z.infer<typeof StatedBudget>;
