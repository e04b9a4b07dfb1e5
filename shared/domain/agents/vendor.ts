import type { PartyFacts, VendorKind } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import type { Vendor, VendorCategory } from '#shared/domain/suppliers/schema.ts';
import { type Allowance, allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { audienceOf } from './audience.ts';
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
import { distinct, phraseKey, plural } from './text.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';
import { ageFit, isExcluded, kindExcluded, suits, themeFit } from './vendor-fit.ts';

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

/** What the vendor agent works out from the facts before it looks at any vendor. */
interface VendorBrief {
  readonly facts: PartyFacts;
  readonly currency: string;
  readonly view: ThemeView | null;
  readonly group: AgeGroup;
  /** What the party ruled out, as phrase keys. */
  readonly excluded: readonly string[];
  /** The kinds asked for by name, less those also ruled out. */
  readonly requests: readonly VendorKind[];
  readonly essential: readonly VendorCategory[];
  readonly optional: readonly VendorCategory[];
  readonly allowance: Allowance;
  /** The vendor share spread over the essentials; extras are judged by the same yardstick. */
  readonly perVendor: number | null;
}

interface ScoredVendor {
  readonly id: string;
  readonly vendor: Vendor;
  readonly location: number | null;
  readonly score: number;
}

function vendorBrief(context: AgentContext, catalog: CatalogOf<'vendors' | 'themes'>): VendorBrief {
  const { facts } = context;
  const group = audienceOf(facts);
  const excluded = [...new Set(facts.excluded.map(phraseKey).filter((phrase) => phrase !== ''))];
  const requests = [...new Set(facts.requests)].filter(
    (kind) => !kindExcluded(kind, excluded, catalog.vendors()),
  );
  const { essential, optional } = PRIORITIES[group];
  const allowance = allowanceFor(facts, catalog, 'vendors');
  const essentialCount = requests.length > 0 ? requests.length : essential.length;
  return {
    facts,
    currency: catalog.currency,
    view: resolveTheme(context, catalog),
    group,
    excluded,
    requests,
    essential,
    optional,
    allowance,
    perVendor: allowance.amount === null ? null : allowance.amount / essentialCount,
  };
}

const midpointOf = (vendor: Vendor) => (vendor.price_min + vendor.price_max) / 2;

/** A vendor's price is judged among its peers: those of its kind, else those of its category. */
function peerGroups(vendors: readonly Vendor[]): (vendor: Vendor) => readonly Vendor[] {
  const byKind = new Map<VendorKind, Vendor[]>();
  const byCategory = new Map<VendorCategory, Vendor[]>();
  for (const vendor of vendors) {
    if (vendor.kind !== null) {
      const ofKind = byKind.get(vendor.kind);
      if (ofKind) ofKind.push(vendor);
      else byKind.set(vendor.kind, [vendor]);
    }
    const ofCategory = byCategory.get(vendor.category);
    if (ofCategory) ofCategory.push(vendor);
    else byCategory.set(vendor.category, [vendor]);
  }
  return (vendor) => (vendor.kind !== null ? byKind.get(vendor.kind) : byCategory.get(vendor.category)) ?? [];
}

/** The vendors that suit the party and were not ruled out, best first. */
function scoreVendors(brief: VendorBrief, vendors: readonly Vendor[]): ScoredVendor[] {
  const { facts, view, group } = brief;
  const offered = vendors.filter((vendor) => !isExcluded(vendor, brief.excluded));
  const suitable = offered.filter((vendor) => suits(view, facts, group, vendor));
  const peersOf = peerGroups(suitable);
  return suitable
    .map((vendor) => {
      const theme = themeFit(view, vendor);
      const location = placeFit(facts.location, vendor.service_areas);
      const score = blend([
        { weight: 0.3, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
        { weight: 0.25, value: ageFit(facts.age, group, vendor) },
        { weight: 0.25, value: ratingFit(vendor.rating) },
        {
          weight: 0.2,
          value: priceSignal(midpointOf(vendor), brief.perVendor, peersOf(vendor).map(midpointOf)),
        },
        { weight: 0.15, value: location },
      ]);
      return { id: vendor.id, vendor, location, score };
    })
    .sort(byScoreThenId);
}

function vendorReasons(brief: VendorBrief, vendor: Vendor, requested: boolean): string[] {
  const { facts, view, currency, perVendor } = brief;
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
  return reasons;
}

function recommendVendor(
  brief: VendorBrief,
  { vendor, score }: ScoredVendor,
  priority: VendorRecommendation['priority'],
  requested: boolean,
): VendorRecommendation {
  return {
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
    reasons: vendorReasons(brief, vendor, requested),
  };
}

/** The best vendor of each kind asked for, and a warning for each kind with none that suits. */
function pickRequested(
  brief: VendorBrief,
  scored: readonly ScoredVendor[],
  catalogVendors: readonly Vendor[],
): { picks: VendorRecommendation[]; warnings: string[] } {
  const picks: VendorRecommendation[] = [];
  const warnings: string[] = [];
  for (const kind of brief.requests) {
    const [best] = withinHardLimit(
      scored.filter(({ vendor }) => vendor.kind === kind),
      ({ vendor }) => vendor.price_min,
      brief.allowance,
    );
    if (best) {
      picks.push(recommendVendor(brief, best, 'essential', true));
      continue;
    }
    const inCatalog = catalogVendors.some((vendor) => vendor.kind === kind);
    warnings.push(
      inCatalog
        ? `A ${KIND_NAMES[kind]} was asked for, but no ${KIND_NAMES[kind]} in the catalog suits ${groupName(brief.group)}; look for one locally.`
        : `A ${KIND_NAMES[kind]} was asked for, but the catalog has none; look for one locally.`,
    );
  }
  return { picks, warnings };
}

/**
 * The vendors of each category the party's age group calls for, best first, and the best of each
 * category that no requested vendor covers already.
 */
function pickByCategory(
  brief: VendorBrief,
  scored: readonly ScoredVendor[],
  covered: ReadonlySet<string>,
): { picks: VendorRecommendation[]; byCategory: Record<string, string[]> } {
  const { group, requests, essential, optional } = brief;
  const byCategory: Record<string, string[]> = {};
  const picks: VendorRecommendation[] = [];
  const unasked = scored.filter(
    ({ vendor }) =>
      group === 'kids' || group === 'unknown' || vendor.kind === null || !KIDS_STAPLES.includes(vendor.kind),
  );
  const grownUp = ({ vendor }: ScoredVendor) =>
    group === 'kids' && vendor.kind !== null && GROWN_UP_TOUCHES.includes(vendor.kind);
  for (const category of [...essential, ...optional]) {
    const ofCategory = unasked.filter(({ vendor }) => vendor.category === category);
    const inCategory = withinHardLimit(
      [...ofCategory.filter((entry) => !grownUp(entry)), ...ofCategory.filter(grownUp)],
      ({ vendor }) => vendor.price_min,
      brief.allowance,
    );
    if (inCategory.length > 0) byCategory[category] = inCategory.map(({ vendor }) => vendor.id);
    const [best] = inCategory;
    if (!best || covered.has(category)) continue;
    const priority = requests.length === 0 && essential.includes(category) ? 'essential' : 'optional';
    picks.push(recommendVendor(brief, best, priority, false));
  }
  return { picks, byCategory };
}

function costOf(recommended: readonly VendorRecommendation[], priority: VendorRecommendation['priority']) {
  return sumRanges(
    recommended
      .filter((vendor) => vendor.priority === priority)
      .map((vendor) => ({ min: vendor.price_min, max: vendor.price_max })),
  );
}

function vendorWarnings(
  brief: VendorBrief,
  scored: readonly ScoredVendor[],
  recommended: readonly VendorRecommendation[],
  unmetRequests: readonly string[],
): string[] {
  const { facts, allowance, currency } = brief;
  const warnings = [allowance.warning].filter((text) => text !== null);
  warnings.push(...unmetRequests);
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
  return distinct(warnings);
}

function vendorAssumptions({ allowance, view, group }: VendorBrief): string[] {
  const assumptions = [allowance.assumption, themeAssumption(view)].filter((text) => text !== null);
  if (group === 'unknown') assumptions.push('Age unknown: vendors for every age are shown.');
  return distinct(assumptions);
}

function vendorSummary(recommended: readonly VendorRecommendation[]): string {
  if (recommended.length === 0) return 'No catalog vendor suits this party.';
  const essentials = recommended.filter((vendor) => vendor.priority === 'essential');
  const named = essentials.length > 0 ? essentials.map((vendor) => vendor.name).join(', ') : 'Nothing';
  return `${named} as essentials, ${plural(recommended.length - essentials.length, 'optional extra')}.`;
}

function vendorConfidence(brief: VendorBrief, recommended: readonly VendorRecommendation[]): number {
  const { group, view, allowance, requests } = brief;
  if (recommended.length === 0) return 0.1;
  return confidenceFrom(0.3, [
    [group !== 'unknown', 0.25],
    [view !== null, 0.2 * (view?.weight ?? 0)],
    [allowance.amount !== null, 0.1],
    [requests.length > 0, 0.1],
  ]);
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
  const brief = vendorBrief(context, catalog);
  const scored = scoreVendors(brief, catalog.vendors());
  const requested = pickRequested(brief, scored, catalog.vendors());
  const covered = new Set(requested.picks.map((vendor) => vendor.category));
  const categories = pickByCategory(brief, scored, covered);
  const recommended = [...requested.picks, ...categories.picks];
  return {
    result: {
      recommended_vendors: recommended,
      by_category: categories.byCategory,
      theme: brief.view?.id ?? null,
      age_group: brief.group,
      estimated_cost: costOf(recommended, 'essential'),
      optional_cost: costOf(recommended, 'optional'),
      warnings: vendorWarnings(brief, scored, recommended, requested.warnings),
      assumptions: vendorAssumptions(brief),
      summary: vendorSummary(recommended),
    },
    confidence: vendorConfidence(brief, recommended),
  };
}
