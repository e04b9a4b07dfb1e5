import type { PartyFacts } from '#shared/contracts/understanding.ts';
import { comparableBudget, formatMoney, incomparableBudget } from '#shared/domain/currency.ts';
import type { PartyCatalog } from '#shared/domain/suppliers/catalog.ts';
import { capitalize } from './text.ts';

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
  /** This area's share of the stated maximum in catalog currency, or null when there is none to compare. */
  readonly amount: number | null;
  /** The whole budget in catalog currency (10% more when approximate); null without a maximum. */
  readonly limit: number | null;
  /** A ceiling: nothing over it is recommended while anything under it is available. */
  readonly hard: boolean;
  /** How texts name the budget: "the €800 budget (about $872)". */
  readonly label: string | null;
  readonly assumption: string | null;
  /** For the host to see: a budget in a currency that cannot be compared. */
  readonly warning: string | null;
}

const NONE: Allowance = {
  amount: null,
  limit: null,
  hard: false,
  label: null,
  assumption: null,
  warning: null,
};

export function allowanceFor(
  facts: PartyFacts,
  catalog: Pick<PartyCatalog, 'currency'>,
  area: BudgetArea,
): Allowance {
  const stated = facts.budget;
  if (!stated) return NONE;
  const currency = catalog.currency;
  const budget = comparableBudget(stated, currency);
  if (!budget) return { ...NONE, warning: incomparableBudget(stated, currency) };
  const conversion = budget.conversion === null ? '' : ` ${budget.conversion}`;
  if (budget.max === null) {
    return {
      ...NONE,
      label: budget.label,
      assumption: `${capitalize(budget.label)} sets no upper limit, so prices are not capped.${conversion}`,
    };
  }
  const share = BUDGET_SHARES[area];
  const amount = Math.round(budget.max * share);
  return {
    amount,
    limit: budget.limit,
    hard: budget.hard,
    label: budget.label,
    assumption: `Prices are compared with ${formatMoney(amount, currency)}, ${Math.round(share * 100)}% of ${budget.label}.${conversion}`,
    warning: null,
  };
}

export interface Priced {
  readonly name: string;
  /** The lowest price. */
  readonly price: number;
  /** The highest, when the price is a range ("$250–$700"). */
  readonly upTo?: number;
}

/**
 * Under a hard limit, only what fits it, as long as anything does; otherwise everything (and the
 * warning from `overBudgetWarning` says what is over).
 */
export function withinHardLimit<T>(
  items: readonly T[],
  price: (item: T) => number,
  allowance: Allowance,
): T[] {
  const { limit } = allowance;
  if (!allowance.hard || limit === null) return [...items];
  const fitting = items.filter((item) => price(item) <= limit);
  return fitting.length > 0 ? fitting : [...items];
}

const namesOf = (items: readonly Priced[], price: (item: Priced) => string): string => {
  const names = items.map((item) => `${item.name} (${price(item)})`);
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};

/**
 * A warning naming what is recommended although it alone costs more than the whole budget, or can
 * (the top of its price range is over it).
 */
export function overBudgetWarning(
  allowance: Allowance,
  items: readonly Priced[],
  currency: string,
): string | null {
  const { limit, label } = allowance;
  if (limit === null || label === null) return null;
  const over = items.filter((item) => item.price > limit);
  const mayBeOver = items.filter((item) => item.price <= limit && (item.upTo ?? item.price) > limit);
  const sentences: string[] = [];
  if (over.length > 0) {
    const list = namesOf(over, (item) => formatMoney(item.price, currency));
    const verb = over.length === 1 ? 'costs' : 'each cost';
    sentences.push(
      allowance.hard
        ? `${list} alone ${verb} more than ${label}: booking ${over.length === 1 ? 'it' : 'any of them'} would break the limit. Nothing cheaper of the kind is in the catalog.`
        : `${list} alone ${verb} more than ${label}.`,
    );
  }
  if (mayBeOver.length > 0) {
    const list = namesOf(
      mayBeOver,
      (item) => `${formatMoney(item.price, currency)}–${formatMoney(item.upTo ?? item.price, currency)}`,
    );
    sentences.push(
      `${list} can cost more than ${label} on ${mayBeOver.length === 1 ? 'its' : 'their'} own: ask for a quote within it.`,
    );
  }
  return sentences.length > 0 ? sentences.join(' ') : null;
}
