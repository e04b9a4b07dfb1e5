import type { DietaryNeed, PartyFacts } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import { type Caterer, COURSES } from '#shared/domain/suppliers/schema.ts';
import { type Allowance, allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { audienceOf } from './audience.ts';
import {
  ageFit,
  FOOD_WORDS,
  fitsHeadcount,
  foodFit,
  foodPattern,
  forChildrenOnly,
  NOTHING,
  ruledOutByFood,
  serviceFit,
} from './catering-fit.ts';
import { dietaryFit, dietaryScore, missingNeeds, screenDietary } from './dietary.ts';
import { elsewhereWarning, placeFit } from './location.ts';
import type { AgeGroup, CatererRecommendation, CateringResult, DietaryFit, MenuEntry } from './results.ts';
import { blend, byScoreThenId, confidenceFrom, priceSignal, ratingFit, round2 } from './scoring.ts';
import { distinct } from './text.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SHOWN = 3;
const MENU_ITEMS = 10;
/** Assumed when nobody has said how many are coming, so that the budget still gets a figure. */
const DEFAULT_GUESTS = 20;

/**
 * Dishes that meet every stated need and are no excluded food, starters first; catalog order within
 * a course.
 */
function menuOf(
  caterer: Caterer,
  needs: readonly DietaryNeed[],
  excludedFoods: readonly RegExp[],
): MenuEntry[] {
  return caterer.menu
    .filter((item) => missingNeeds(item.dietary, needs).length === 0)
    .filter((item) => !excludedFoods.some((pattern) => pattern.test(item.name)))
    .map((item, index) => ({ item, index }))
    .sort((a, b) => COURSES.indexOf(a.item.course) - COURSES.indexOf(b.item.course) || a.index - b.index)
    .slice(0, MENU_ITEMS)
    .map(({ item }) => ({
      name: item.name,
      course: item.course,
      dietary: [...item.dietary],
      caterer_id: caterer.id,
    }));
}

/** What the catering agent works out from the facts before it looks at any caterer. */
interface CateringBrief {
  readonly facts: PartyFacts;
  readonly currency: string;
  readonly allowance: Allowance;
  readonly headcount: number;
  readonly perHeadAllowance: number | null;
  readonly group: AgeGroup;
  /** Foods asked for, unless also ruled out. */
  readonly foods: readonly string[];
  /** Each food's pattern once per run, not once per caterer and dish. */
  readonly foodPatterns: ReadonlyMap<string, RegExp>;
  readonly excludedPatterns: readonly RegExp[];
}

interface ScoredCaterer {
  readonly id: string;
  readonly caterer: Caterer;
  readonly missing: DietaryNeed[];
  readonly location: number | null;
  /** The foods asked for that it serves. */
  readonly served: string[];
  readonly foodScore: number;
  readonly score: number;
}

function cateringBrief(facts: PartyFacts, catalog: CatalogOf<'caterers'>): CateringBrief {
  const headcount = facts.guest_count ?? DEFAULT_GUESTS;
  const allowance = allowanceFor(facts, catalog, 'catering');
  // Any excluded word that names a known food rules it out.
  const excludedFoods = facts.excluded.filter((word) => Object.hasOwn(FOOD_WORDS, word));
  const foods = facts.foods.filter((food) => !excludedFoods.includes(food));
  return {
    facts,
    currency: catalog.currency,
    allowance,
    headcount,
    perHeadAllowance: allowance.amount === null ? null : allowance.amount / headcount,
    group: audienceOf(facts),
    foods,
    foodPatterns: new Map(foods.map((food) => [food, foodPattern(food)])),
    excludedPatterns: excludedFoods.map(foodPattern),
  };
}

function fitOf(brief: CateringBrief, caterer: Caterer, food: string): number {
  return foodFit(caterer, brief.foodPatterns.get(food) ?? NOTHING);
}

function billedFor(brief: CateringBrief, caterer: Caterer): number {
  return Math.max(brief.headcount, caterer.minimum_guests);
}

function leastCost(brief: CateringBrief, caterer: Caterer): number {
  return caterer.cost_per_head.min * billedFor(brief, caterer);
}

const midpointOf = (caterer: Caterer) => (caterer.cost_per_head.min + caterer.cost_per_head.max) / 2;

/** The caterers that can serve the party, best first, and how many a dietary need ruled out. */
function scoreCaterers(
  brief: CateringBrief,
  caterers: readonly Caterer[],
): { scored: ScoredCaterer[]; excluded: number } {
  const { facts, allowance, headcount, group, foods } = brief;
  const needs = facts.dietary;
  const sized = caterers
    .filter((caterer) => fitsHeadcount(facts, caterer) && !ruledOutByFood(caterer, brief.excludedPatterns))
    .filter((caterer) => group !== 'adults' || !forChildrenOnly(caterer));
  // Dietary needs first (an allergy is not negotiable), then a hard budget limit among what is left.
  const screen = screenDietary(sized, needs, (caterer) => caterer.dietary_options);
  const candidates = withinHardLimit(screen.candidates, ({ item }) => leastCost(brief, item), allowance);
  const prices = candidates.map(({ item }) => midpointOf(item));
  const scored = candidates.map(({ item: caterer, missing }) => {
    // 1 for a caterer that serves the stated location, 0 for one that does not.
    const location = placeFit(facts.location, caterer.service_areas);
    const score = blend([
      { weight: 0.3, value: priceSignal(midpointOf(caterer), brief.perHeadAllowance, prices) },
      // Only an assumed headcount can fall below a minimum: a stated one filters such caterers out.
      { weight: 0.1, value: Math.min(1, headcount / caterer.minimum_guests) },
      { weight: 0.2, value: ratingFit(caterer.rating) },
      { weight: 0.2, value: dietaryScore(missing, needs) },
      { weight: 0.15, value: ageFit(group, caterer) },
      { weight: 0.15, value: serviceFit(facts.occasion, caterer) },
      { weight: 0.15, value: location },
    ]);
    const fits = foods.map((food) => ({ food, fit: fitOf(brief, caterer, food) }));
    const served = fits.filter(({ fit }) => fit > 0).map(({ food }) => food);
    const foodScore = fits.reduce((sum, { fit }) => sum + fit, 0);
    return { id: caterer.id, caterer, missing, location, served, foodScore, score };
  });
  // The foods asked for come first ("we want pizza": a pizza caterer before one with pizza on its
  // menu, and either before one without), then the rest by score.
  scored.sort((a, b) => b.foodScore - a.foodScore || byScoreThenId(a, b));
  return { scored, excluded: screen.excluded };
}

function catererReasons(
  brief: CateringBrief,
  { caterer, missing, location, served }: ScoredCaterer,
): string[] {
  const { facts, currency, perHeadAllowance, group, headcount } = brief;
  const needs = facts.dietary;
  const reasons = [
    `${caterer.cuisine.join(' and ')}, ${caterer.service_styles.join(' or ').replaceAll('_', ' ')}`,
  ];
  if (served.length > 0) reasons.push(`Serves ${served.join(' and ')}, as asked`);
  if (needs.length > 0) {
    const met = needs.filter((need) => !missing.includes(need));
    if (met.length > 0) reasons.push(`Accommodates ${met.join(', ')}`);
    if (missing.length > 0) reasons.push(`Cannot accommodate ${missing.join(', ')}`);
  }
  reasons.push(
    `${formatMoney(caterer.cost_per_head.min, currency)}–${formatMoney(caterer.cost_per_head.max, currency)} per guest`,
  );
  if (perHeadAllowance !== null && caterer.cost_per_head.min > perHeadAllowance) {
    reasons.push(
      `Above the catering share of the budget (${formatMoney(perHeadAllowance, currency)} per guest)`,
    );
  }
  if (location === 1) reasons.push(`Serves ${facts.location}`);
  if (caterer.kid_friendly && group === 'kids') reasons.push('Kid-friendly menu');
  if (headcount < caterer.minimum_guests) reasons.push(`Bills at least ${caterer.minimum_guests} guests`);
  reasons.push(`Rated ${caterer.rating}/5`);
  return reasons;
}

function recommendCaterer(brief: CateringBrief, scored: ScoredCaterer): CatererRecommendation {
  const { caterer, missing, score } = scored;
  return {
    id: caterer.id,
    name: caterer.name,
    cuisine: [...caterer.cuisine],
    service_styles: [...caterer.service_styles],
    cost_per_head: { ...caterer.cost_per_head },
    dietary_options: [...caterer.dietary_options],
    minimum_guests: caterer.minimum_guests,
    rating: caterer.rating,
    meets_dietary: missing.length === 0,
    missing_dietary: [...missing],
    match_score: round2(score),
    reasons: catererReasons(brief, scored),
  };
}

/** A food asked for that no recommended caterer serves: whether the catalog has it at all. */
function unservedFoodWarnings(
  brief: CateringBrief,
  scored: readonly ScoredCaterer[],
  caterers: readonly Caterer[],
): string[] {
  return brief.foods
    .filter((food) => !scored.some(({ served }) => served.includes(food)))
    .map((food) =>
      caterers.some((caterer) => fitOf(brief, caterer, food) > 0)
        ? `No caterer that suits this party (its size, dietary needs or budget) offers ${food}; these serve other food.`
        : `No caterer in the catalog offers ${food}; these serve other food.`,
    );
}

function cateringWarnings(
  brief: CateringBrief,
  scored: readonly ScoredCaterer[],
  caterers: readonly Caterer[],
  fit: DietaryFit,
): string[] {
  const { facts, allowance, currency } = brief;
  const first = scored[0]?.caterer;
  const warnings = [allowance.warning].filter((text) => text !== null);
  if (!fit.fully_met && first) {
    warnings.push(
      `No caterer in the catalog can accommodate every need (${facts.dietary.join(', ')}): ${first.name} cannot accommodate ${fit.unmet.join(', ')}.`,
    );
  }
  warnings.push(...unservedFoodWarnings(brief, scored, caterers));
  const elsewhere = elsewhereWarning(
    facts.location,
    scored.map(({ location }) => location),
    'caters in',
  );
  if (elsewhere) warnings.push(elsewhere);
  const over = overBudgetWarning(
    allowance,
    scored.slice(0, SHOWN).map(({ caterer }) => ({ name: caterer.name, price: leastCost(brief, caterer) })),
    currency,
  );
  if (over) warnings.push(over);
  return distinct(warnings);
}

function cateringConfidence(
  { facts, allowance }: CateringBrief,
  first: Caterer | undefined,
  fit: DietaryFit,
): number {
  if (!first) return 0.1;
  return confidenceFrom(0.3, [
    [facts.guest_count !== null, 0.25],
    [allowance.amount !== null, 0.15],
    [facts.dietary.length > 0 && fit.fully_met, 0.1],
    [facts.age !== null || facts.audience !== null || facts.occasion !== null, 0.1],
  ]);
}

export function cateringAgent(
  context: AgentContext,
  catalog: CatalogOf<'caterers'>,
): AgentOutput<CateringResult> {
  const brief = cateringBrief(context.facts, catalog);
  const { facts, currency, headcount, allowance } = brief;
  const { scored, excluded } = scoreCaterers(brief, catalog.caterers());
  const first = scored[0]?.caterer;
  const billed = first ? billedFor(brief, first) : 0;
  const fit = dietaryFit(facts.dietary, scored[0], excluded);
  const assumptions = [allowance.assumption].filter((text) => text !== null);
  if (facts.guest_count === null)
    assumptions.push(`Costed for ${DEFAULT_GUESTS} guests until a guest count is given.`);
  const summary = first
    ? `${first.name} for ${billed} guests at ${formatMoney(first.cost_per_head.min, currency)}–${formatMoney(first.cost_per_head.max, currency)} a head.`
    : `No catalog caterer serves ${headcount} guests.`;
  return {
    result: {
      recommended_caterers: scored.slice(0, SHOWN).map((entry) => recommendCaterer(brief, entry)),
      menu: first ? menuOf(first, facts.dietary, brief.excludedPatterns) : [],
      cost_per_head: first ? { ...first.cost_per_head } : null,
      guest_count: facts.guest_count,
      billed_guests: billed,
      estimated_cost: first
        ? { min: first.cost_per_head.min * billed, max: first.cost_per_head.max * billed }
        : null,
      dietary_fit: fit,
      warnings: cateringWarnings(brief, scored, catalog.caterers(), fit),
      assumptions: distinct(assumptions),
      summary,
    },
    confidence: cateringConfidence(brief, first, fit),
  };
}
