import type { PartyFacts, VendorKind } from '#shared/contracts/understanding.ts';
import type { Vendor } from '#shared/domain/suppliers/schema.ts';
import { agesOf, suitsAges } from './audience.ts';
import type { AgeGroup } from './results.ts';
import { phraseWithin } from './text.ts';
import type { ThemeView } from './theme-context.ts';

/** A themed act needs its theme; generic ones suit any. */
export function themeFit(view: ThemeView | null, vendor: Vendor): number | null {
  if (vendor.suited_themes.length === 0) return view ? 0.6 : null;
  return view && vendor.suited_themes.includes(view.id) ? 1 : null;
}

/** A word without the ending that makes a doer or a doing of it: "face painting" meets "face painter". */
function stem(word: string): string {
  return word.length > 5 ? word.replace(/(ing|er|ist)$/, '') : word;
}

/** Whether every word of the excluded phrase is among the label's ("balloon" is within "balloon arch"). */
function within(phrase: string, label: string): boolean {
  return phraseWithin(phrase, label, stem);
}

/**
 * A vendor the party ruled out: by its kind ("no clowns"), its category ("no balloons" rules out
 * every balloon vendor: arches and balloon artists alike) or a word of its name ("nothing princess").
 */
export function isExcluded(vendor: Vendor, excluded: readonly string[]): boolean {
  return excluded.some(
    (phrase) =>
      within(phrase, vendor.category) ||
      (vendor.kind !== null && within(phrase, vendor.kind)) ||
      within(phrase, vendor.name),
  );
}

/** A requested kind the party also ruled out, by name or by its category ("no balloons"). */
export function kindExcluded(
  kind: VendorKind,
  excluded: readonly string[],
  catalog: readonly Vendor[],
): boolean {
  const categories = [
    ...new Set(catalog.filter((vendor) => vendor.kind === kind).map((vendor) => vendor.category)),
  ];
  return excluded.some(
    (phrase) => within(phrase, kind) || categories.some((category) => within(phrase, category)),
  );
}

export function suits(view: ThemeView | null, facts: PartyFacts, group: AgeGroup, vendor: Vendor): boolean {
  const themeOk =
    vendor.suited_themes.length === 0 || (view !== null && vendor.suited_themes.includes(view.id));
  return suitsAges(vendor.suited_ages, facts.age, group) && themeOk;
}

/** Specialists beat all-rounders: a magician for ages 4–10 suits a 5-year-old better than anyone's act. */
export function ageFit(age: number | null, group: AgeGroup, vendor: Vendor): number | null {
  const span = Math.min(1, (vendor.suited_ages.max - vendor.suited_ages.min) / 100);
  // Whom the party is for is unknown: who suits the most ages is the safest guess, never a kids' DJ
  // for what may be a 40th.
  if (age === null && agesOf(group) === null) return span;
  return 1 - span * 0.5;
}
