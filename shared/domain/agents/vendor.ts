import type { PartyFacts, VendorKind } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import type { Vendor, VendorCategory } from '#shared/domain/suppliers/schema.ts';
import { allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { agesOf, audienceOf, suitsAges } from './audience.ts';
import { elsewhereWarning, placeFit } from './location.ts';
import type { AgeGroup, VendorRecommendation, VendorResult } from './results.ts';
import {
  blend,
  byScoreThenId,
  confidenceFrom,
  priceSignal,
  ratingFit,
  round2,
  sumRanges,
} from './scoring.ts';
import { distinct, phraseKey, phraseWithin, plural } from './text.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';

// What a party of each age group cannot do without comes first; the rest are extras. With no age
// known only what every party uses is essential. When the host asks for vendors by name, those are
// the essentials and these categories are all extras: the host has said what they want.
const PRIORITIES: Record<
  AgeGroup,
  { essential: readonly VendorCategory[]; optional: readonly VendorCategory[] }
> = {
  // A child's party needs fun, not flowers: decor is an extra there.
  kids: {
    essential: ['entertainment', 'balloons'],
    optional: ['decor', 'photography', 'rentals', 'music'],
  },
  teens: { essential: ['music', 'decor', 'photography'], optional: ['entertainment', 'balloons', 'rentals'] },
  adults: {
    essential: ['music', 'photography', 'decor'],
    optional: ['entertainment', 'balloons', 'rentals'],
  },
  unknown: {
    essential: ['decor', 'photography'],
    optional: ['entertainment', 'music', 'balloons', 'rentals'],
  },
};

/** Children's party staples: at an older party they come only when asked for by name. */
const KIDS_STAPLES: readonly VendorKind[] = ['face_painter', 'bounce_house', 'clown', 'balloon_artist'];

/** Grown-up touches: at a child's party they come after the children's kind, unless asked for. */
const GROWN_UP_TOUCHES: readonly VendorKind[] = ['florist'];

/** How a host says each kind, for texts. */
const KIND_NAMES: Record<VendorKind, string> = {
  dj: 'DJ',
  band: 'live band',
  photographer: 'photographer',
  videographer: 'videographer',
  florist: 'florist',
  magician: 'magician',
  face_painter: 'face painter',
  bounce_house: 'bounce house',
  balloon_arch: 'balloon arch',
  photo_booth: 'photo booth',
  balloon_artist: 'balloon artist',
  clown: 'clown',
};

/** A themed act needs its theme; generic ones suit any. */
function themeFit(view: ThemeView | null, vendor: Vendor): number | null {
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
function isExcluded(vendor: Vendor, excluded: readonly string[]): boolean {
  return excluded.some(
    (phrase) =>
      within(phrase, vendor.category) ||
      (vendor.kind !== null && within(phrase, vendor.kind)) ||
      within(phrase, vendor.name),
  );
}

/** A requested kind the party also ruled out, by name or by its category ("no balloons"). */
function kindExcluded(kind: VendorKind, excluded: readonly string[], catalog: readonly Vendor[]): boolean {
  const categories = [
    ...new Set(catalog.filter((vendor) => vendor.kind === kind).map((vendor) => vendor.category)),
  ];
  return excluded.some(
    (phrase) => within(phrase, kind) || categories.some((category) => within(phrase, category)),
  );
}

function suits(view: ThemeView | null, facts: PartyFacts, group: AgeGroup, vendor: Vendor): boolean {
  const themeOk =
    vendor.suited_themes.length === 0 || (view !== null && vendor.suited_themes.includes(view.id));
  return suitsAges(vendor.suited_ages, facts.age, group) && themeOk;
}

/** Specialists beat all-rounders: a magician for ages 4–10 suits a 5-year-old better than anyone's act. */
function ageFit(age: number | null, group: AgeGroup, vendor: Vendor): number | null {
  const span = Math.min(1, (vendor.suited_ages.max - vendor.suited_ages.min) / 100);
  // Whom the party is for is unknown: who suits the most ages is the safest guess, never a kids' DJ
  // for what may be a 40th.
  if (age === null && agesOf(group) === null) return span;
  return 1 - span * 0.5;
}

function describeAges(vendor: Vendor): string {
  const { min, max } = vendor.suited_ages;
  if (min === 0 && max >= 99) return 'Suits all ages';
  return max >= 99 ? `Suits ages ${min}+` : `Suits ages ${min}–${max}`;
}

function groupName(group: AgeGroup): string {
  if (group === 'kids') return "a children's party";
  if (group === 'teens') return "a teenager's party";
  if (group === 'adults') return "an adults' party";
  return 'this party';
}

/**
 * Every vendor kind the host asked for by name ("we'd love a live band") is an essential line item,
 * chosen to suit the occasion and ages: an engagement party asking for a band gets a band for
 * adults, never a children's act. A kind the party ruled out never appears; a requested kind the
 * catalog lacks, or has nothing suitable of, is a warning.
 */
export function vendorAgent(
  context: AgentContext,
  catalog: CatalogOf<'vendors' | 'themes'>,
): AgentOutput<VendorResult> {
  const { facts } = context;
  const currency = catalog.currency;
  const view = resolveTheme(context, catalog);
  const group = audienceOf(facts);
  const excluded = [...new Set(facts.excluded.map(phraseKey).filter((phrase) => phrase !== ''))];
  const requests = [...new Set(facts.requests)].filter(
    (kind) => !kindExcluded(kind, excluded, catalog.vendors()),
  );
  const { essential, optional } = PRIORITIES[group];
  const allowance = allowanceFor(facts, catalog, 'vendors');
  const essentialCount = requests.length > 0 ? requests.length : essential.length;
  // The vendor share is spread over the essentials; extras are judged by the same yardstick.
  const perVendor = allowance.amount === null ? null : allowance.amount / essentialCount;

  const offered = catalog.vendors().filter((vendor) => !isExcluded(vendor, excluded));
  const suitable = offered.filter((vendor) => suits(view, facts, group, vendor));
  const midpointOf = (vendor: Vendor) => (vendor.price_min + vendor.price_max) / 2;
  // A vendor's price is judged among its peers: those of its kind, else those of its category.
  const byKind = new Map<VendorKind, Vendor[]>();
  const byCategoryOf = new Map<VendorCategory, Vendor[]>();
  for (const vendor of suitable) {
    if (vendor.kind !== null) {
      const ofKind = byKind.get(vendor.kind);
      if (ofKind) ofKind.push(vendor);
      else byKind.set(vendor.kind, [vendor]);
    }
    const ofCategory = byCategoryOf.get(vendor.category);
    if (ofCategory) ofCategory.push(vendor);
    else byCategoryOf.set(vendor.category, [vendor]);
  }
  const scored = suitable
    .map((vendor) => {
      const theme = themeFit(view, vendor);
      const location = placeFit(facts.location, vendor.service_areas);
      const peers =
        (vendor.kind !== null ? byKind.get(vendor.kind) : byCategoryOf.get(vendor.category)) ?? [];
      const score = blend([
        { weight: 0.3, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
        { weight: 0.25, value: ageFit(facts.age, group, vendor) },
        { weight: 0.25, value: ratingFit(vendor.rating) },
        { weight: 0.2, value: priceSignal(midpointOf(vendor), perVendor, peers.map(midpointOf)) },
        { weight: 0.15, value: location },
      ]);
      return { id: vendor.id, vendor, location, score };
    })
    .sort(byScoreThenId);

  const warnings = [allowance.warning].filter((text) => text !== null);
  const byCategory: Record<string, string[]> = {};
  const recommended: VendorRecommendation[] = [];
  const recommend = (
    vendor: Vendor,
    score: number,
    priority: VendorRecommendation['priority'],
    requested: boolean,
  ) => {
    const reasons: string[] = [];
    if (requested && vendor.kind !== null) reasons.push(`A ${KIND_NAMES[vendor.kind]}, as asked`);
    if (view && vendor.suited_themes.includes(view.id)) reasons.push(`Suited to ${view.name} parties`);
    reasons.push(describeAges(vendor));
    if (placeFit(facts.location, vendor.service_areas) === 1) reasons.push(`Serves ${facts.location}`);
    reasons.push(`${formatMoney(vendor.price_min, currency)}–${formatMoney(vendor.price_max, currency)}`);
    if (perVendor !== null && vendor.price_min > perVendor) {
      reasons.push(`Above an even split of the vendor budget (${formatMoney(perVendor, currency)} each)`);
    }
    reasons.push(`Rated ${vendor.rating}/5`);
    recommended.push({
      id: vendor.id,
      name: vendor.name,
      category: vendor.category,
      kind: vendor.kind,
      requested,
      price_min: vendor.price_min,
      price_max: vendor.price_max,
      rating: vendor.rating,
      description: vendor.description,
      priority,
      match_score: round2(score),
      reasons,
    });
  };

  for (const kind of requests) {
    const ofKind = withinHardLimit(
      scored.filter(({ vendor }) => vendor.kind === kind),
      ({ vendor }) => vendor.price_min,
      allowance,
    );
    const [best] = ofKind;
    if (best) {
      recommend(best.vendor, best.score, 'essential', true);
      continue;
    }
    const inCatalog = catalog.vendors().some((vendor) => vendor.kind === kind);
    warnings.push(
      inCatalog
        ? `A ${KIND_NAMES[kind]} was asked for, but no ${KIND_NAMES[kind]} in the catalog suits ${groupName(group)}; look for one locally.`
        : `A ${KIND_NAMES[kind]} was asked for, but the catalog has none; look for one locally.`,
    );
  }

  const covered = new Set(recommended.map((vendor) => vendor.category));
  const unasked = scored.filter(
    ({ vendor }) =>
      group === 'kids' || group === 'unknown' || vendor.kind === null || !KIDS_STAPLES.includes(vendor.kind),
  );
  for (const category of [...essential, ...optional]) {
    const ofCategory = unasked.filter(({ vendor }) => vendor.category === category);
    const grownUp = ({ vendor }: (typeof ofCategory)[number]) =>
      group === 'kids' && vendor.kind !== null && GROWN_UP_TOUCHES.includes(vendor.kind);
    const inCategory = withinHardLimit(
      [...ofCategory.filter((entry) => !grownUp(entry)), ...ofCategory.filter(grownUp)],
      ({ vendor }) => vendor.price_min,
      allowance,
    );
    if (inCategory.length > 0) byCategory[category] = inCategory.map(({ vendor }) => vendor.id);
    const [best] = inCategory;
    if (!best || covered.has(category)) continue;
    const priority = requests.length === 0 && essential.includes(category) ? 'essential' : 'optional';
    recommend(best.vendor, best.score, priority, false);
  }

  const costOf = (priority: VendorRecommendation['priority']) =>
    sumRanges(
      recommended
        .filter((vendor) => vendor.priority === priority)
        .map((vendor) => ({ min: vendor.price_min, max: vendor.price_max })),
    );
  const assumptions = [allowance.assumption, themeAssumption(view)].filter((text) => text !== null);
  if (group === 'unknown') assumptions.push('Age unknown: vendors for every age are shown.');
  const elsewhere = elsewhereWarning(
    facts.location,
    scored.map(({ location }) => location),
    'serves',
  );
  if (elsewhere) warnings.push(elsewhere);
  const over = overBudgetWarning(
    allowance,
    recommended.map((vendor) => ({ name: vendor.name, price: vendor.price_min, upTo: vendor.price_max })),
    currency,
  );
  if (over) warnings.push(over);
  const essentials = recommended.filter((vendor) => vendor.priority === 'essential');
  const summary =
    recommended.length > 0
      ? `${essentials.length > 0 ? essentials.map((vendor) => vendor.name).join(', ') : 'Nothing'} as essentials, ${plural(recommended.length - essentials.length, 'optional extra')}.`
      : 'No catalog vendor suits this party.';
  const confidence =
    recommended.length > 0
      ? confidenceFrom(0.3, [
          [group !== 'unknown', 0.25],
          [view !== null, 0.2 * (view?.weight ?? 0)],
          [allowance.amount !== null, 0.1],
          [requests.length > 0, 0.1],
        ])
      : 0.1;
  return {
    result: {
      recommended_vendors: recommended,
      by_category: byCategory,
      theme: view?.id ?? null,
      age_group: group,
      estimated_cost: costOf('essential'),
      optional_cost: costOf('optional'),
      warnings: distinct(warnings),
      assumptions: distinct(assumptions),
      summary,
    },
    confidence,
  };
}
