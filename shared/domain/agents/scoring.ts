import type { CostRange } from './results.ts';

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A ranking signal; `value` is null when the party's facts say nothing about it. */
export interface Signal {
  readonly weight: number;
  readonly value: number | null;
}

// An unknown signal counts as neutral rather than dropping out, so that an option is not ranked
// first merely because little is known about the party.
const NEUTRAL = 0.5;

export function blend(signals: readonly Signal[]): number {
  const total = signals.reduce((sum, signal) => sum + signal.weight, 0);
  if (total === 0) return NEUTRAL;
  const weighted = signals.reduce((sum, signal) => sum + signal.weight * (signal.value ?? NEUTRAL), 0);
  return clamp01(weighted / total);
}

export interface Ranked<T> {
  readonly item: T;
  readonly score: number;
}

/** Best first; equal scores fall back to the id so that the order never depends on input order. */
export function byScoreThenId(
  a: { readonly score: number; readonly id: string },
  b: { readonly score: number; readonly id: string },
): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function rank<T extends { readonly id: string }>(
  items: readonly T[],
  score: (item: T) => number,
): Ranked<T>[] {
  // Sorted on the exact scores, rounded only for display: rounding first would turn near-ties into
  // ties and hand them to the id order.
  return items
    .map((item) => ({ item, id: item.id, score: score(item) }))
    .sort(byScoreThenId)
    .map(({ item, score: value }) => ({ item, score: round2(value) }));
}

/** 1 within the allowance, falling off as the price exceeds it; null without an allowance. */
export function priceFit(price: number, allowance: number | null): number | null {
  if (allowance === null) return null;
  if (price <= allowance) return 1;
  return clamp01(allowance / price);
}

/** Without a budget price only nudges: the cheapest option scores 1, the dearest 0.75. */
export function relativePriceFit(price: number, prices: readonly number[]): number {
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return high > low ? 1 - (0.25 * (price - low)) / (high - low) : 1;
}

/** Against the allowance when there is one, else against the other options' prices. */
export function priceSignal(price: number, allowance: number | null, prices: readonly number[]): number {
  return priceFit(price, allowance) ?? relativePriceFit(price, prices);
}

/** 3 stars and below count as 0, 5 stars as 1: ratings in a curated catalog cluster high. */
export function ratingFit(rating: number): number {
  return clamp01((rating - 3) / 2);
}

/** The cheapest to the dearest of some prices, or null when there is none. */
export function spread(prices: readonly number[]): CostRange | null {
  if (prices.length === 0) return null;
  return { min: Math.round(Math.min(...prices)), max: Math.round(Math.max(...prices)) };
}

export function sumRanges(ranges: readonly CostRange[]): CostRange | null {
  if (ranges.length === 0) return null;
  return {
    min: ranges.reduce((sum, range) => sum + range.min, 0),
    max: ranges.reduce((sum, range) => sum + range.max, 0),
  };
}

/** Confidence from a base and the signals that were known, capped below certainty. */
export function confidenceFrom(base: number, known: readonly (readonly [boolean, number])[]): number {
  const gained = known.reduce((sum, [present, weight]) => sum + (present ? weight : 0), 0);
  return round2(Math.min(0.95, base + gained));
}
