import type { PartyCatalog } from '#shared/catalog/catalog.ts';
import type { PartyFacts } from '#shared/pipeline/facts.ts';
import { money } from './scoring.ts';

/**
 * Typical split of a party budget; the rest (about 7%) is left for favors and surprises. Agents
 * compare prices with their share of the stated maximum, since each prices its own part only.
 */
export const BUDGET_SHARES = {
  venue: 0.3,
  catering: 0.35,
  cake: 0.08,
  vendors: 0.2,
} as const;

export type BudgetArea = keyof typeof BUDGET_SHARES;

export interface Allowance {
  /** This area's share of the stated maximum, or null when it cannot be compared with prices. */
  readonly amount: number | null;
  readonly assumption: string | null;
}

export function allowanceFor(
  facts: PartyFacts,
  catalog: Pick<PartyCatalog, 'currency'>,
  area: BudgetArea,
): Allowance {
  const budget = facts.budget;
  if (!budget) return { amount: null, assumption: null };
  // Converting would need exchange rates, which a pure function cannot fetch; saying so beats guessing.
  if (budget.currency.toUpperCase() !== catalog.currency.toUpperCase()) {
    return {
      amount: null,
      assumption: `The budget is in ${budget.currency} and catalog prices are in ${catalog.currency}; prices were not compared with it.`,
    };
  }
  const amount = Math.round(budget.max * BUDGET_SHARES[area]);
  return {
    amount,
    assumption: `Prices are compared with ${Math.round(BUDGET_SHARES[area] * 100)}% of the ${money(budget.max, catalog.currency)} budget (${money(amount, catalog.currency)}).`,
  };
}
