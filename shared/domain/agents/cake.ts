import type { DietaryNeed, PartyFacts } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import { type Bakery, CAKE_SIZE_SERVINGS } from '#shared/domain/suppliers/schema.ts';
import { type Allowance, allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { dietaryFit, dietaryScore, screenDietary } from './dietary.ts';
import { elsewhereWarning, namesPlace, placeFit } from './location.ts';
import type { BakeryRecommendation, CakeResult, CakeSizeRecommendation, DietaryFit } from './results.ts';
import { blend, byScoreThenId, confidenceFrom, priceSignal, ratingFit, round2, spread } from './scoring.ts';
import { capitalize, distinct, labelOverlap } from './text.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SHOWN = 3;
/** Assumed when nobody has said how many are coming: a typical children's party. */
const DEFAULT_GUESTS = 20;

/** A slice for everyone plus a tenth more, since some guests always come back for seconds. */
export function servingsFor(guests: number): number {
  return guests + Math.ceil(guests / 10);
}

export function sizeFor(servings: number): CakeSizeRecommendation {
  if (servings <= CAKE_SIZE_SERVINGS.small) return 'small';
  if (servings <= CAKE_SIZE_SERVINGS.medium) return 'medium';
  if (servings <= CAKE_SIZE_SERVINGS.large) return 'large';
  return 'tiered';
}

function priceOf(bakery: Bakery, size: CakeSizeRecommendation, servings: number): number {
  return size === 'tiered'
    ? Math.round(servings * bakery.tiered_price_per_serving)
    : bakery.price_range[size];
}

function rawThemeMatch(view: ThemeView | null, bakery: Bakery): number | null {
  if (!view) return null;
  if (view.theme && bakery.theme_specialties.includes(view.id)) return 1;
  const style = labelOverlap(view.styleTags, bakery.styles);
  return (bakery.custom_designs ? 0.5 : 0.15) + 0.3 * style;
}

/** Short lead times make a bakery easier to book; without a date it is all the agent can weigh. */
function leadFit(days: number): number {
  if (days <= 3) return 1;
  if (days <= 7) return 0.7;
  return 0.4;
}

function describeStyle(view: ThemeView | null): string {
  if (!view) return 'classic buttercream layer cake';
  if (view.theme) return view.theme.cake_style;
  return `custom ${view.name} design cake`;
}

/** 1 for a bakery in the stated neighbourhood, 0.8 for one that delivers there, 0 otherwise. */
function locationFit(location: string | null, bakery: Bakery): number | null {
  const based = placeFit(location, [bakery.neighbourhood]);
  if (based !== 0) return based;
  return namesPlace(location, bakery.service_areas) ? 0.8 : 0;
}

/** What the cake agent works out from the facts before it looks at any bakery. */
interface CakeBrief {
  readonly facts: PartyFacts;
  readonly currency: string;
  readonly view: ThemeView | null;
  readonly allowance: Allowance;
  readonly servings: number;
  readonly size: CakeSizeRecommendation;
}

interface ScoredBakery {
  readonly id: string;
  readonly bakery: Bakery;
  readonly missing: DietaryNeed[];
  readonly theme: number | null;
  readonly price: number;
  readonly location: number | null;
  readonly score: number;
}

function cakeBrief(context: AgentContext, catalog: CatalogOf<'bakeries' | 'themes'>): CakeBrief {
  const { facts } = context;
  const servings = servingsFor(facts.guest_count ?? DEFAULT_GUESTS);
  return {
    facts,
    currency: catalog.currency,
    view: resolveTheme(context, catalog),
    allowance: allowanceFor(facts, catalog, 'cake'),
    servings,
    size: sizeFor(servings),
  };
}

/** The bakeries that can bake the cake, best first, and how many a dietary need ruled out. */
function scoreBakeries(
  brief: CakeBrief,
  bakeries: readonly Bakery[],
): { scored: ScoredBakery[]; excluded: number } {
  const { facts, view, allowance, servings, size } = brief;
  const needs = facts.dietary;
  const large = bakeries.filter((bakery) => bakery.max_servings >= servings);
  // Dietary needs first (an allergy is not negotiable), then a hard budget limit among what is left.
  const screen = screenDietary(large, needs, (bakery) => bakery.dietary_options);
  const candidates = withinHardLimit(
    screen.candidates,
    ({ item }) => priceOf(item, size, servings),
    allowance,
  );
  const prices = candidates.map(({ item }) => priceOf(item, size, servings));
  const scored = candidates.map(({ item: bakery, missing }) => {
    const theme = rawThemeMatch(view, bakery);
    const price = priceOf(bakery, size, servings);
    const location = locationFit(facts.location, bakery);
    const score = blend([
      { weight: 0.3, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
      { weight: 0.25, value: priceSignal(price, allowance.amount, prices) },
      { weight: 0.2, value: ratingFit(bakery.rating) },
      { weight: 0.15, value: dietaryScore(missing, needs) },
      { weight: 0.1, value: leadFit(bakery.lead_time_days) },
      { weight: 0.1, value: location },
    ]);
    return { id: bakery.id, bakery, missing, theme, price, location, score };
  });
  scored.sort(byScoreThenId);
  return { scored, excluded: screen.excluded };
}

function bakeryReasons(brief: CakeBrief, { bakery, missing, price, location }: ScoredBakery): string[] {
  const { facts, view, allowance, currency, servings } = brief;
  const needs = facts.dietary;
  const reasons: string[] = [];
  if (view?.theme && bakery.theme_specialties.includes(view.id)) reasons.push(`Has made ${view.name} cakes`);
  else if (bakery.custom_designs) reasons.push('Designs custom cakes');
  if (needs.length > 0) {
    const met = needs.filter((need) => !missing.includes(need));
    if (met.length > 0) reasons.push(`Can make it ${met.join(', ')}`);
    if (missing.length > 0) reasons.push(`Cannot make it ${missing.join(', ')}`);
  }
  if (location === 1) reasons.push(`Based in ${bakery.neighbourhood}`);
  else if (location !== null && location > 0) reasons.push(`Delivers to ${facts.location}`);
  reasons.push(`About ${formatMoney(price, currency)} for ${servings} servings`);
  if (allowance.amount !== null && price > allowance.amount) {
    reasons.push(`Above the cake share of the budget (${formatMoney(allowance.amount, currency)})`);
  }
  reasons.push(`Order ${bakery.lead_time_days} days ahead`, `Rated ${bakery.rating}/5`);
  return reasons;
}

function recommendBakery(brief: CakeBrief, scored: ScoredBakery): BakeryRecommendation {
  const { bakery, missing, theme, price, score } = scored;
  return {
    id: bakery.id,
    name: bakery.name,
    specialties: [...bakery.specialties],
    custom_designs: bakery.custom_designs,
    dietary_options: [...bakery.dietary_options],
    price_range: { ...bakery.price_range },
    tiered_price_per_serving: bakery.tiered_price_per_serving,
    rating: bakery.rating,
    lead_time_days: bakery.lead_time_days,
    theme_match_score: round2(theme ?? 0),
    meets_dietary: missing.length === 0,
    missing_dietary: [...missing],
    estimated_price: price,
    match_score: round2(score),
    reasons: bakeryReasons(brief, scored),
  };
}

function cakeWarnings(
  brief: CakeBrief,
  scored: readonly ScoredBakery[],
  recommended: readonly BakeryRecommendation[],
  fit: DietaryFit,
): string[] {
  const { facts, allowance, currency } = brief;
  const warnings = [allowance.warning].filter((text) => text !== null);
  if (!fit.fully_met && scored.length > 0) {
    warnings.push(
      `No bakery in the catalog can make a cake that is ${facts.dietary.join(', ')}: ${scored[0]?.bakery.name} cannot make it ${fit.unmet.join(', ')}.`,
    );
  }
  const elsewhere = elsewhereWarning(
    facts.location,
    scored.map(({ location }) => location),
    'bakes in or delivers to',
  );
  if (elsewhere) warnings.push(elsewhere);
  const over = overBudgetWarning(
    allowance,
    recommended.map((bakery) => ({ name: bakery.name, price: bakery.estimated_price })),
    currency,
  );
  if (over) warnings.push(over);
  return distinct(warnings);
}

function cakeAssumptions({ facts, allowance, view }: CakeBrief): string[] {
  const assumptions = [allowance.assumption, themeAssumption(view)].filter((text) => text !== null);
  if (facts.guest_count === null)
    assumptions.push(`Sized for ${DEFAULT_GUESTS} guests until a guest count is given.`);
  return assumptions;
}

function decorationsFor({ facts, view }: CakeBrief): string[] {
  const decorations = view?.theme ? [...view.theme.cake_decorations] : ['piped rosettes', 'name plaque'];
  if (facts.colors.length > 0) decorations.push(`frosting in ${facts.colors.join(' and ')}`);
  return decorations;
}

function cakeConfidence(brief: CakeBrief, top: BakeryRecommendation | undefined, fit: DietaryFit): number {
  const { facts, view, allowance } = brief;
  if (!top) return 0.1;
  return confidenceFrom(0.3, [
    [facts.guest_count !== null, 0.2],
    [view !== null, 0.2 * (view?.weight ?? 0)],
    [allowance.amount !== null, 0.1],
    [facts.dietary.length > 0 && fit.fully_met, 0.1],
  ]);
}

export function cakeAgent(
  context: AgentContext,
  catalog: CatalogOf<'bakeries' | 'themes'>,
): AgentOutput<CakeResult> {
  const brief = cakeBrief(context, catalog);
  const { view, servings, size, currency } = brief;
  const { scored, excluded } = scoreBakeries(brief, catalog.bakeries());
  const recommended = scored.slice(0, SHOWN).map((entry) => recommendBakery(brief, entry));
  const fit = dietaryFit(brief.facts.dietary, scored[0], excluded);
  const [top] = recommended;
  const summary = top
    ? `${capitalize(describeStyle(view))}, ${size}, for ${servings} servings; top pick: ${top.name} (${formatMoney(top.estimated_price, currency)}).`
    : `No catalog bakery can make ${servings} servings.`;
  return {
    result: {
      recommended_bakeries: recommended,
      cake_style: describeStyle(view),
      theme: view?.id ?? null,
      decorations: decorationsFor(brief),
      servings,
      size_recommendation: size,
      dietary_fit: fit,
      estimated_cost: spread(recommended.map((bakery) => bakery.estimated_price)),
      warnings: cakeWarnings(brief, scored, recommended, fit),
      assumptions: cakeAssumptions(brief),
      summary,
    },
    confidence: cakeConfidence(brief, top, fit),
  };
}
