import type { Budget, PartyState } from '#shared/schemas/party.ts';
import type { MoneyRange } from '#shared/schemas/primitives.ts';

const COST_AGENTS = ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const;

function estimatedCost(result: Record<string, unknown>): MoneyRange | null {
  const cost = result.estimated_cost;
  if (typeof cost !== 'object' || cost === null) return null;
  const { min, max } = cost as Record<string, unknown>;
  return typeof min === 'number' && typeof max === 'number' ? { min, max } : null;
}

/** Totals the cost ranges that completed agents reported; the previous total gives the delta. */
export function computeBudget(state: PartyState): Budget {
  const breakdown: Record<string, MoneyRange> = {};
  const basedOn: string[] = [];
  for (const agent of COST_AGENTS) {
    const record = state.active_agents[agent];
    if (record?.status !== 'completed') continue;
    const cost = estimatedCost(record.result);
    if (!cost) continue;
    breakdown[agent.replace('_agent', '')] = cost;
    basedOn.push(agent);
  }
  const ranges = Object.values(breakdown);
  const total = {
    min: ranges.reduce((sum, range) => sum + range.min, 0),
    max: ranges.reduce((sum, range) => sum + range.max, 0),
  };
  const previous = state.budget?.total_budget ?? null;
  return {
    total_budget: total,
    breakdown,
    based_on_agents: basedOn,
    previous_total: previous,
    delta: previous ? { min: total.min - previous.min, max: total.max - previous.max } : null,
    inputs_version: state.inputs_version,
  };
}
