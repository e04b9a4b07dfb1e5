import type { AgentName, PipelineAgent } from '#shared/schemas/primitives.ts';

/** The original dependency graph: lower priority runs first; a change re-runs what it affects. */
export const AGENT_PRIORITY: Record<PipelineAgent, number> = {
  theme_agent: 1,
  venue_agent: 2,
  cake_agent: 2,
  catering_agent: 3,
  vendor_agent: 3,
};

export const AFFECTS: Record<PipelineAgent, readonly AgentName[]> = {
  theme_agent: ['cake_agent', 'venue_agent', 'vendor_agent'],
  venue_agent: ['catering_agent', 'budget_agent'],
  cake_agent: ['budget_agent'],
  catering_agent: ['budget_agent'],
  vendor_agent: ['budget_agent'],
};

/** Agents whose results the plan needs before it counts as complete. */
export const REQUIRED_AGENTS: readonly PipelineAgent[] = ['theme_agent', 'venue_agent'];
