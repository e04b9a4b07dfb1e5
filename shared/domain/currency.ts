import type { BudgetKind, StatedBudget } from '#shared/contracts/primitives.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';

// Money is only compared with money in the same currency. A budget stated in another currency is
// converted with the fixed reference rates below, and every text that relies on a conversion says
// so, with the rate's date. The rates are not live: a pure, deterministic pipeline cannot fetch
// them, and a plan must not change overnight because a market moved. They are reference values
// updated by hand (change `RATES_AS_OF` with them); an estimate is a few percent off at worst.

/** The currency of every estimated cost: the catalog's. */
export const ESTIMATE_CURRENCY = STATIC_CATALOG_SOURCE.currency;

/** The day the reference rates below were last checked; every conversion names it. */
export const RATES_AS_OF = '2026-12-01';

/** US dollars per one unit of each currency (ISO 4217), fixed reference rates as of `RATES_AS_OF`. */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.09,
  GBP: 1.27,
  CAD: 0.73,
  AUD: 0.66,
  NZD: 0.6,
  CHF: 1.13,
  JPY: 0.0067,
  CNY: 0.138,
  HKD: 0.128,
  SGD: 0.74,
  INR: 0.012,
  KRW: 0.00073,
  MXN: 0.055,
  BRL: 0.18,
  ZAR: 0.054,
  SEK: 0.095,
  NOK: 0.093,
  DKK: 0.146,
  PLN: 0.25,
  ILS: 0.27,
  AED: 0.272,
};

/**
 * How far an "around $1,500" budget may be exceeded before the estimate counts as over it: 10%.
 * Every other kind is compared with its maximum as stated.
 */
const APPROXIMATE_TOLERANCE = 0.1;

const SYMBOLS: Readonly<Record<string, string>> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  INR: '₹',
  AUD: 'A$',
  CAD: 'C$',
  NZD: 'NZ$',
};

/** "$1,500", "€800", "A$2,000", "1,500 SEK"; built by hand so that output never depends on ICU data. */
export function formatMoney(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = rounded < 0 ? '-' : '';
  const symbol = SYMBOLS[code];
  return symbol === undefined ? `${sign}${digits} ${code}` : `${sign}${symbol}${digits}`;
}

/** An amount in another currency, or null when either currency has no reference rate. */
function convert(amount: number, from: string, to: string): number | null {
  const source = from.toUpperCase();
  const target = to.toUpperCase();
  if (source === target) return amount;
  const fromRate = USD_PER_UNIT[source];
  const toRate = USD_PER_UNIT[target];
  if (fromRate === undefined || toRate === undefined) return null;
  return (amount * fromRate) / toRate;
}

/** A stated budget expressed in the currency of the prices it is compared with. */
interface ComparableBudget {
  readonly kind: BudgetKind;
  readonly currency: string;
  readonly min: number | null;
  /** Null only for a floor ("at least $500"): nothing is over such a budget. */
  readonly max: number | null;
  /** The most an estimate may reach and still fit: the max, 10% more when approximate, null for a floor. */
  readonly limit: number | null;
  /** A ceiling ("can't go over $900") is a hard limit; going over it is not an option. */
  readonly hard: boolean;
  /** "€800 is about $872 at the 2026-12-01 reference rate", or null when no conversion was needed. */
  readonly conversion: string | null;
  /** The budget as a sentence names it: "the €800 budget (about $872)", "the hard limit of $900". */
  readonly label: string;
}

function statedAmount(stated: StatedBudget, currency: string, round: (n: number) => number): string {
  const min = stated.min === null ? null : formatMoney(round(stated.min), currency);
  const max = stated.max === null ? null : formatMoney(round(stated.max), currency);
  if (stated.kind === 'floor' || max === null) return `at least ${min ?? formatMoney(0, currency)}`;
  if (stated.kind === 'range' && min !== null) return `${min}–${max}`;
  if (stated.kind === 'approximate') return `around ${max}`;
  if (stated.kind === 'ceiling') return `at most ${max}`;
  return max;
}

/** "at most $900", "€800", "A$1,000–A$2,000", "at least $500": the budget in its own currency. */
function describeStated(stated: StatedBudget): string {
  return statedAmount(stated, stated.currency, (n) => n);
}

function labelOf(kind: BudgetKind, own: string, converted: string | null): string {
  const about = converted === null ? '' : ` (about ${converted})`;
  if (kind === 'ceiling') return `the hard limit of ${own.replace(/^at most /, '')}${about}`;
  if (kind === 'floor' || kind === 'approximate') return `the budget of ${own}${about}`;
  return `the ${own} budget${about}`;
}

/**
 * The stated budget in `currency` (the catalog's), converted at the reference rate when stated in
 * another; null when its currency has no reference rate, so that it cannot be compared at all.
 */
export function comparableBudget(stated: StatedBudget, currency: string): ComparableBudget | null {
  const target = currency.toUpperCase();
  const source = stated.currency.toUpperCase();
  const rate = convert(1, source, target);
  if (rate === null) return null;
  const converted = source !== target;
  const min = stated.min === null ? null : Math.round(stated.min * rate);
  const max = stated.kind === 'floor' || stated.max === null ? null : Math.round(stated.max * rate);
  const limit =
    max === null ? null : stated.kind === 'approximate' ? Math.round(max * (1 + APPROXIMATE_TOLERANCE)) : max;
  const own = describeStated(stated);
  const inTarget = converted ? statedAmount(stated, target, (n) => n * rate) : null;
  const conversion = converted
    ? `${own.replace(/^(at least|at most|around) /, '')} is about ${inTarget?.replace(/^(at least|at most|around) /, '')} at the ${RATES_AS_OF} reference rate (1 ${source} = ${Number(rate.toPrecision(3))} ${target}).`
    : null;
  return {
    kind: stated.kind,
    currency: target,
    min,
    max,
    limit,
    hard: stated.kind === 'ceiling',
    conversion,
    label: labelOf(
      stated.kind,
      own,
      converted ? (inTarget?.replace(/^(at least|at most|around) /, '') ?? null) : null,
    ),
  };
}

/** Says plainly that a budget cannot be compared with prices in `currency`. */
export function incomparableBudget(stated: StatedBudget, currency: string): string {
  return `The budget is in ${stated.currency.toUpperCase()}, which has no reference rate here, so it cannot be compared with prices in ${currency.toUpperCase()}; state it in ${currency.toUpperCase()} or a common currency to compare.`;
}
