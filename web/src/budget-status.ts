import type { Budget } from '#shared/contracts/party.ts';

export type BudgetTone = 'good' | 'caution' | 'bad' | 'neutral';

export interface BudgetVerdict {
  readonly tone: BudgetTone;
  readonly text: string;
}

/** Nothing has a price yet: no agent's cost went into the estimate, so its $0 total means nothing. */
export function nothingPriced(budget: Budget): boolean {
  return budget.based_on_agents.length === 0 || Object.keys(budget.breakdown).length === 0;
}

/**
 * How the estimate compares with the stated budget, in words and a tone. `within` means the cheaper
 * options fit and the dearer ones do not: a caution, never a success. `difference` is in the catalog's
 * currency (US dollars), which `money` formats.
 */
export function budgetVerdict(budget: Budget, money: (amount: number) => string): BudgetVerdict {
  const stated = budget.stated_budget ?? null;
  if (nothingPriced(budget))
    return { tone: 'neutral', text: stated ? 'Nothing priced yet' : 'No costs estimated yet' };
  const difference = budget.difference ?? null;
  switch (budget.status) {
    case 'under':
      return { tone: 'good', text: 'Under budget' };
    case 'within':
      return {
        tone: 'caution',
        text: `Cheaper options fit your budget; dearer ones would go over${
          difference !== null && difference > 0 ? ` (by up to ${money(difference)})` : ''
        }`,
      };
    case 'over':
      return {
        tone: 'bad',
        text:
          difference !== null && difference > 0
            ? `Over budget by at least ${money(difference)}`
            : 'Over budget',
      };
    default:
      return {
        tone: 'neutral',
        text: stated ? 'Cannot compare the estimate with your budget' : 'No budget stated yet',
      };
  }
}
