import type { PipelineAgent } from '#shared/contracts/primitives.ts';

/**
 * The original priorities: theme first (venue, cake and vendor build on it, see basis.ts), then
 * venue and cake, then catering and vendors.
 */
export const AGENT_PRIORITY: Record<PipelineAgent, number> = {
  theme_agent: 1,
  venue_agent: 2,
  cake_agent: 2,
  catering_agent: 3,
  vendor_agent: 3,
};

/** The budget totals what the agents found, so it is asked for after all of them. */
export const BUDGET_PRIORITY = Math.max(...Object.values(AGENT_PRIORITY)) + 1;

/** Agents whose results the plan needs before it counts as complete. */
export const REQUIRED_AGENTS: readonly PipelineAgent[] = ['theme_agent', 'venue_agent'];
