import type { DietaryNeed } from '#shared/contracts/understanding.ts';
import type { DietaryFit } from './results.ts';

// A vegan offer also meets the needs that veganism implies, so a vegan bakery is not passed over
// for a party that asked for dairy-free.
const IMPLIED_BY_VEGAN: readonly DietaryNeed[] = ['vegetarian', 'dairy-free', 'egg-free'];

function meets(offered: readonly DietaryNeed[], need: DietaryNeed): boolean {
  return offered.includes(need) || (offered.includes('vegan') && IMPLIED_BY_VEGAN.includes(need));
}

export function missingNeeds(offered: readonly DietaryNeed[], needs: readonly DietaryNeed[]): DietaryNeed[] {
  return needs.filter((need) => !meets(offered, need));
}

export interface DietaryCandidate<T> {
  readonly item: T;
  readonly missing: DietaryNeed[];
}

export interface DietaryScreen<T> {
  readonly candidates: DietaryCandidate<T>[];
  readonly excluded: number;
}

/**
 * Options that meet every need when any do; otherwise all of them, each with what it misses, so
 * the party still gets an answer and sees the gap rather than an empty list.
 */
export function screenDietary<T>(
  items: readonly T[],
  needs: readonly DietaryNeed[],
  offered: (item: T) => readonly DietaryNeed[],
): DietaryScreen<T> {
  const all = items.map((item) => ({ item, missing: missingNeeds(offered(item), needs) }));
  const complete = all.filter((candidate) => candidate.missing.length === 0);
  if (complete.length > 0) return { candidates: complete, excluded: all.length - complete.length };
  return { candidates: all, excluded: 0 };
}

/** 1 when nothing is missing, less for each missing need; null when the party stated none. */
export function dietaryScore(missing: readonly DietaryNeed[], needs: readonly DietaryNeed[]): number | null {
  if (needs.length === 0) return null;
  return 1 - missing.length / needs.length;
}

export function dietaryFit(
  needs: readonly DietaryNeed[],
  first: { readonly missing: readonly DietaryNeed[] } | undefined,
  excluded: number,
): DietaryFit {
  const unmet = first ? [...first.missing] : [...needs];
  return { requested: [...needs], fully_met: unmet.length === 0, unmet, excluded_count: excluded };
}
