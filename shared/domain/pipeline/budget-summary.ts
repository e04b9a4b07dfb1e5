import type { Budget, PartyState } from '#shared/contracts/party.ts';
import { COST_AGENTS, type MoneyRange, type StatedBudget } from '#shared/contracts/primitives.ts';
import { capitalize } from '#shared/domain/agents/text.ts';
import {
  comparableBudget,
  ESTIMATE_CURRENCY,
  formatMoney,
  incomparableBudget,
} from '#shared/domain/currency.ts';

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

/**
 * The messages are sentences without their full stop: the plan joins them with ". " and ends the
 * line itself. The conversion and the "cannot be compared" text end with one (agents append them to
 * a sentence of their own), so it is taken off here, or the plan would read "(1 CAD = 0.73 USD)..".
 */
const unstopped = (sentence: string) => sentence.replace(/\.+$/, '');

interface Comparison extends Pick<Budget, 'status' | 'difference'> {
  /** What the host reads first: the conversion used, if any, then how the estimate compares. */
  readonly messages: string[];
}

/**
 * Compares the total (in catalog currency) with the stated budget, converted at the reference rate
 * when stated in another currency. Over when even the cheapest choices exceed the limit, within when
 * only the dearer ones do, under when everything fits. The limit is the maximum; an approximate
 * budget ("around $1,500") tolerates 10% more; a floor ("at least $500") has no maximum, so nothing
 * is over it. `difference` is against the stated maximum (converted), in catalog currency.
 */
export function compareWithBudget(total: MoneyRange, stated: StatedBudget | null): Comparison {
  if (!stated) {
    return {
      status: 'unknown',
      difference: null,
      messages: ['State a budget to compare the estimates with'],
    };
  }
  const budget = comparableBudget(stated, ESTIMATE_CURRENCY);
  if (!budget) {
    return {
      status: 'unknown',
      difference: null,
      messages: [unstopped(incomparableBudget(stated, ESTIMATE_CURRENCY))],
    };
  }
  if (total.max === 0) {
    // Nothing priced yet, or only what is free (a party at home): "everything fits" would say nothing.
    const priced = `Nothing recommended costs anything yet; estimates will be compared with ${budget.label} as they come`;
    return {
      status: 'unknown',
      difference: null,
      messages: [...(budget.conversion ? [unstopped(budget.conversion)] : []), priced],
    };
  }
  const money = (amount: number) => formatMoney(amount, ESTIMATE_CURRENCY);
  const head = budget.conversion === null ? [] : [unstopped(budget.conversion)];
  const estimate = `${money(total.min)}–${money(total.max)}`;
  if (budget.max === null || budget.limit === null) {
    return {
      status: 'under',
      difference: null,
      messages: [
        ...head,
        `The estimate (${estimate}) has no upper limit to exceed: ${budget.label} sets a minimum only`,
      ],
    };
  }
  const { max, limit } = budget;
  const tolerance = limit > max ? ` (allowing ${money(limit - max)} over an approximate budget)` : '';
  if (total.min > limit) {
    const over = money(total.min - max);
    return {
      status: 'over',
      difference: Math.round(total.min - max),
      messages: [
        ...head,
        budget.hard
          ? `Over budget: even the cheapest options (${money(total.min)}) break ${budget.label} by ${over}; something has to go`
          : `Estimated costs exceed ${budget.label} by at least ${over}${tolerance}`,
      ],
    };
  }
  if (total.max > limit) {
    return {
      status: 'within',
      difference: Math.round(total.max - max),
      messages: [
        ...head,
        budget.hard
          ? `Only the cheaper options fit ${budget.label}; the dearer ones (up to ${money(total.max)}) would break it`
          : `${capitalize(budget.label)} covers the cheaper options; the dearer ones would exceed it${tolerance}`,
      ],
    };
  }
  return {
    status: 'under',
    difference: Math.round(total.max - max),
    messages: [...head, `Everything recommended (${estimate}) fits ${budget.label}${tolerance}`],
  };
}

/**
 * "Everything fits" with only the venue priced would read as "we're fine on money": say what the
 * comparison does not count yet.
 */
function notPricedYet(basedOn: readonly string[], status: Budget['status']): string[] {
  if (status === 'unknown' || basedOn.length === 0) return [];
  const missing = COST_AGENTS.filter((agent) => !basedOn.includes(agent)).map((agent) => CATEGORY[agent]);
  if (missing.length === 0) return [];
  const counted = COST_AGENTS.filter((agent) => basedOn.includes(agent)).map((agent) => CATEGORY[agent]);
  return [`Counted so far: ${counted.join(', ')}; not priced yet: ${missing.join(', ')}`];
}

/**
 * Totals the cost ranges that the agents estimated, per category and overall, and compares them with
 * the stated budget (see `compareWithBudget`), with what to cut, largest category first. Totals and
 * differences are in the catalog's currency; a conversion is said in `recommendations[0]`.
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
  const { messages, ...comparison } = compareWithBudget(total, stated);
  // A category that costs nothing (a party at home) has nothing to cut.
  const byCost = Object.entries(breakdown)
    .filter(([, range]) => range.max > 0)
    .sort(([, a], [, b]) => b.max - a.max);
  return {
    total_budget: total,
    breakdown,
    based_on_agents: basedOn,
    previous_total: previous,
    delta: previous ? { min: total.min - previous.min, max: total.max - previous.max } : null,
    stated_budget: stated,
    ...comparison,
    recommendations: [...messages, ...notPricedYet(basedOn, comparison.status)],
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
