import type { Budget, PartyState } from '#shared/schemas/party.ts';
import type { MoneyRange, StatedBudget } from '#shared/schemas/primitives.ts';

/** Agents whose results carry an estimated cost; the budget is computed from exactly these. */
export const COST_AGENTS = ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const;
const CATEGORY: Record<(typeof COST_AGENTS)[number], string> = {
  venue_agent: 'venue',
  cake_agent: 'cake',
  catering_agent: 'catering',
  vendor_agent: 'vendors',
};

/** What to cut first when over budget, per category: the largest savings with the least loss. */
const CUTS: Record<string, string> = {
  venue: 'Choose a free park or community venue, or a weekday slot',
  catering: 'Serve a buffet or a lunch menu instead of plated dinner, or trim the guest list',
  vendors: 'Keep one entertainer and do balloons or decorations yourself',
  cake: 'Pair a small decorated cake with a sheet cake or cupcakes',
};

function estimatedCost(result: Record<string, unknown>): MoneyRange | null {
  const cost = result.estimated_cost;
  if (typeof cost !== 'object' || cost === null) return null;
  const { min, max } = cost as Record<string, unknown>;
  return typeof min === 'number' && typeof max === 'number' ? { min, max } : null;
}

function compare(total: MoneyRange, stated: StatedBudget | null): Pick<Budget, 'status' | 'difference'> {
  if (!stated) return { status: 'unknown', difference: null };
  if (total.min > stated.max) return { status: 'over', difference: Math.round(total.min - stated.max) };
  if (total.max > stated.max) return { status: 'within', difference: Math.round(total.max - stated.max) };
  return { status: 'under', difference: Math.round(total.max - stated.max) };
}

/**
 * Totals the cost ranges that the agents estimated, per category and overall, and compares them with
 * the stated budget: over when even the cheapest choices exceed it, within when only the dearer ones
 * do, under when everything fits; with what to cut, largest category first.
 */
export function computeBudget(state: PartyState, stated: StatedBudget | null): Budget {
  const breakdown: Record<string, MoneyRange> = {};
  const basedOn: string[] = [];
  for (const agent of COST_AGENTS) {
    const record = state.active_agents[agent];
    const cost = record?.status === 'completed' ? estimatedCost(record.result) : null;
    if (!cost) continue;
    breakdown[CATEGORY[agent]] = cost;
    basedOn.push(agent);
  }
  const ranges = Object.values(breakdown);
  const total = {
    min: Math.round(ranges.reduce((sum, range) => sum + range.min, 0)),
    max: Math.round(ranges.reduce((sum, range) => sum + range.max, 0)),
  };
  const previous = state.budget?.total_budget ?? null;
  const comparison = compare(total, stated);
  const byCost = Object.entries(breakdown).sort(([, a], [, b]) => b.max - a.max);
  const overBy = comparison.difference ?? 0;
  return {
    total_budget: total,
    breakdown,
    based_on_agents: basedOn,
    previous_total: previous,
    delta: previous ? { min: total.min - previous.min, max: total.max - previous.max } : null,
    stated_budget: stated,
    ...comparison,
    recommendations:
      comparison.status === 'over'
        ? [
            `Estimated costs exceed the ${stated?.currency ?? 'USD'} ${stated?.max} budget by at least ${overBy}`,
          ]
        : comparison.status === 'within'
          ? ['The budget covers the cheaper options; the dearer ones would exceed it']
          : comparison.status === 'under'
            ? ['Everything recommended fits the budget']
            : ['State a budget to compare the estimates with'],
    cost_saving_tips:
      comparison.status === 'under' ? [] : byCost.flatMap(([category]) => CUTS[category] ?? []).slice(0, 3),
    inputs_version: state.inputs_version,
  };
}

/** A budget without its history (previous total and delta), which depends on what was stored before. */
export function withoutHistory(budget: Budget): Budget {
  const { previous_total: _previous, delta: _delta, ...rest } = budget;
  return rest;
}

/** A budget that differs only in its history is the same budget. */
export function sameBudget(a: Budget | null, b: Budget): boolean {
  return a !== null && JSON.stringify(withoutHistory(a)) === JSON.stringify(withoutHistory(b));
}
