import type { PartyPlan, PartyState } from '#shared/schemas/party.ts';
import { PIPELINE_AGENTS } from '#shared/schemas/primitives.ts';
import { REQUIRED_AGENTS } from './dependencies.ts';

const CATEGORY: Record<(typeof PIPELINE_AGENTS)[number], string> = {
  theme_agent: 'Theme',
  venue_agent: 'Venue',
  cake_agent: 'Cake',
  catering_agent: 'Catering',
  vendor_agent: 'Vendors',
};

/** Merges the agents' results and the budget into the one plan that the browser shows. */
export function computePlan(state: PartyState): PartyPlan {
  const completed = PIPELINE_AGENTS.filter((agent) => state.active_agents[agent]?.status === 'completed');
  const missing = PIPELINE_AGENTS.filter((agent) => !completed.includes(agent));
  const requiredDone = REQUIRED_AGENTS.filter((agent) => completed.includes(agent)).length;
  return {
    completion_percent: Math.round((requiredDone / REQUIRED_AGENTS.length) * 100),
    recommendations: completed.map((agent) => ({
      category: CATEGORY[agent],
      priority: REQUIRED_AGENTS.includes(agent) ? 'high' : 'medium',
      description: String(state.active_agents[agent]?.result.summary ?? `${CATEGORY[agent]} is ready`),
    })),
    next_steps: missing.map((agent) => `Add ${CATEGORY[agent].toLowerCase()} preferences`).slice(0, 5),
    active_agents: completed,
    missing_agents: missing,
    checklist_summary: {
      total_tasks: PIPELINE_AGENTS.length,
      completed_tasks: completed.length,
      pending_tasks: missing.length,
    },
    budget_summary: state.budget,
    inputs_version: state.inputs_version,
  };
}
