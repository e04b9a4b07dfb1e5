import type { CatalogOf } from '#shared/catalog/catalog.ts';
import type { Vendor, VendorCategory } from '#shared/catalog/schema.ts';
import { allowanceFor } from './budget.ts';
import type { AgeGroup, VendorRecommendation, VendorResult } from './results.ts';
import {
  blend,
  byScoreThenId,
  confidenceFrom,
  money,
  priceSignal,
  ratingFit,
  round2,
  sumRanges,
} from './scoring.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';

// What a party of each age group cannot do without comes first; the rest are extras. With no age
// known only what every party uses is essential.
const PRIORITIES: Record<
  AgeGroup,
  { essential: readonly VendorCategory[]; optional: readonly VendorCategory[] }
> = {
  kids: { essential: ['entertainment', 'balloons', 'decor'], optional: ['photography', 'rentals', 'music'] },
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

export function ageGroupOf(age: number | null): AgeGroup {
  if (age === null) return 'unknown';
  if (age < 13) return 'kids';
  if (age < 18) return 'teens';
  return 'adults';
}

/** A themed act needs its theme; generic ones suit any. */
function themeFit(view: ThemeView | null, vendor: Vendor): number | null {
  if (vendor.suited_themes.length === 0) return view ? 0.6 : null;
  return view && vendor.suited_themes.includes(view.id) ? 1 : null;
}

function suits(view: ThemeView | null, age: number | null, vendor: Vendor): boolean {
  const ageOk = age === null || (age >= vendor.suited_ages.min && age <= vendor.suited_ages.max);
  const themeOk =
    vendor.suited_themes.length === 0 || (view !== null && vendor.suited_themes.includes(view.id));
  return ageOk && themeOk;
}

/** Specialists beat all-rounders: a magician for ages 4–10 suits a 5-year-old better than anyone's act. */
function ageFit(age: number | null, vendor: Vendor): number | null {
  if (age === null) return null;
  const span = vendor.suited_ages.max - vendor.suited_ages.min;
  return 1 - Math.min(1, span / 100) * 0.5;
}

function describeAges(vendor: Vendor): string {
  const { min, max } = vendor.suited_ages;
  if (min === 0 && max >= 99) return 'Suits all ages';
  return max >= 99 ? `Suits ages ${min}+` : `Suits ages ${min}–${max}`;
}

export function vendorAgent(
  context: AgentContext,
  catalog: CatalogOf<'vendors' | 'themes'>,
): AgentOutput<VendorResult> {
  const { facts } = context;
  const currency = catalog.currency;
  const view = resolveTheme(context, catalog);
  const group = ageGroupOf(facts.age);
  const { essential, optional } = PRIORITIES[group];
  const allowance = allowanceFor(facts, catalog, 'vendors');
  // The vendor share is spread over the essential categories; extras are judged by the same yardstick.
  const perVendor = allowance.amount === null ? null : allowance.amount / essential.length;

  const suitable = catalog.vendors().filter((vendor) => suits(view, facts.age, vendor));
  const midpointOf = (vendor: Vendor) => (vendor.price_min + vendor.price_max) / 2;
  const scored = suitable
    .map((vendor) => {
      const theme = themeFit(view, vendor);
      const score = blend([
        { weight: 0.3, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
        { weight: 0.25, value: ageFit(facts.age, vendor) },
        { weight: 0.25, value: ratingFit(vendor.rating) },
        {
          weight: 0.2,
          value: priceSignal(
            midpointOf(vendor),
            perVendor,
            suitable.filter((other) => other.category === vendor.category).map(midpointOf),
          ),
        },
      ]);
      return { id: vendor.id, vendor, score };
    })
    .sort(byScoreThenId);

  const byCategory: Record<string, string[]> = {};
  const recommended: VendorRecommendation[] = [];
  for (const category of [...essential, ...optional]) {
    const inCategory = scored.filter(({ vendor }) => vendor.category === category);
    const [best] = inCategory;
    if (!best) continue;
    byCategory[category] = inCategory.map(({ vendor }) => vendor.id);
    const { vendor, score } = best;
    const reasons: string[] = [];
    if (view && vendor.suited_themes.includes(view.id)) reasons.push(`Suited to ${view.name} parties`);
    reasons.push(describeAges(vendor));
    reasons.push(`${money(vendor.price_min, currency)}–${money(vendor.price_max, currency)}`);
    if (perVendor !== null && vendor.price_min > perVendor) {
      reasons.push(`Above an even split of the vendor budget (${money(perVendor, currency)} each)`);
    }
    reasons.push(`Rated ${vendor.rating}/5`);
    recommended.push({
      id: vendor.id,
      name: vendor.name,
      category: vendor.category,
      price_min: vendor.price_min,
      price_max: vendor.price_max,
      rating: vendor.rating,
      description: vendor.description,
      priority: essential.includes(category) ? 'essential' : 'optional',
      match_score: round2(score),
      reasons,
    });
  }

  const costOf = (priority: VendorRecommendation['priority']) =>
    sumRanges(
      recommended
        .filter((vendor) => vendor.priority === priority)
        .map((vendor) => ({ min: vendor.price_min, max: vendor.price_max })),
    );
  const assumptions = [allowance.assumption, themeAssumption(view)].filter((text) => text !== null);
  if (group === 'unknown') assumptions.push('Age unknown: vendors for every age are shown.');
  const essentials = recommended.filter((vendor) => vendor.priority === 'essential');
  const summary =
    recommended.length > 0
      ? `${essentials.map((vendor) => vendor.name).join(', ')} as essentials, ${recommended.length - essentials.length} optional extra(s).`
      : 'No catalog vendor suits this party.';
  const confidence =
    recommended.length > 0
      ? confidenceFrom(0.3, [
          [facts.age !== null, 0.25],
          [view !== null, 0.2 * (view?.weight ?? 0)],
          [allowance.amount !== null, 0.1],
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
      assumptions,
      summary,
    },
    confidence,
  };
}
