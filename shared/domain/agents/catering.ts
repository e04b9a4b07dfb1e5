import type { DietaryNeed, PartyFacts } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import { type Caterer, COURSES } from '#shared/domain/suppliers/schema.ts';
import { allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { audienceOf } from './audience.ts';
import { dietaryFit, dietaryScore, missingNeeds, screenDietary } from './dietary.ts';
import { elsewhereWarning, placeFit } from './location.ts';
import type { AgeGroup, CatererRecommendation, CateringResult, MenuEntry } from './results.ts';
import { blend, byScoreThenId, confidenceFrom, priceSignal, ratingFit, round2 } from './scoring.ts';
import { distinct, mentionsAny } from './text.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SHOWN = 3;
const MENU_ITEMS = 10;
/** Assumed when nobody has said how many are coming, so that the budget still gets a figure. */
const DEFAULT_GUESTS = 20;
// Occasions where guests expect to be served at the table rather than queue at a buffet.
const FORMAL_OCCASIONS = ['wedding', 'anniversary', 'engagement', 'corporate', 'retirement', 'gala'];

/**
 * What each food the understanding names looks like in a caterer's cuisine or on its menu. A food not
 * listed here is matched by its own words.
 */
const FOOD_WORDS: Readonly<Record<string, RegExp>> = {
  pizza: /\bpizzas?\b/i,
  tacos: /\btacos?\b|\bburritos?\b/i,
  bbq: /\bbarbe(?:cue|que)\b|\bbbq\b|\bsmoked\b/i,
  sushi: /\bsushi\b/i,
  indian: /\bindian\b/i,
  mexican: /\bmexican\b/i,
  italian: /\bitalian\b/i,
  chinese: /\bchinese\b/i,
  mediterranean: /\bmediterranean\b|\bmiddle eastern\b/i,
  burgers: /\bburgers?\b|\bsliders?\b/i,
  sandwiches: /\bsandwich(?:es)?\b/i,
  'finger food': /\bskewers?\b|\bsliders?\b|\bsamosas?\b|\bspring rolls?\b|\bmini\b|\bbites?\b/i,
  brunch: /\bbrunch\b|\bbreakfast\b|\bpancakes?\b|\bwaffles?\b/i,
};

const NOTHING = /$^/;

function foodPattern(food: string): RegExp {
  if (Object.hasOwn(FOOD_WORDS, food)) return FOOD_WORDS[food] as RegExp;
  const plain = food.replace(/[^a-z ]/g, '').trim();
  return plain === '' ? NOTHING : new RegExp(`\\b${plain}\\b`, 'i');
}

/** 2 when the caterer's cuisine is this food (its `foodPattern`), 1 when a dish on its menu is, else 0. */
function foodFit(caterer: Caterer, pattern: RegExp): number {
  if (caterer.cuisine.some((cuisine) => pattern.test(cuisine))) return 2;
  return caterer.menu.some((item) => pattern.test(item.name)) ? 1 : 0;
}

/**
 * A caterer the party ruled out by food ("no pizza"): its cuisine is that food, or every main it
 * serves is.
 */
function ruledOutByFood(caterer: Caterer, excluded: readonly RegExp[]): boolean {
  const mains = caterer.menu.filter((item) => item.course === 'main');
  return excluded.some(
    (pattern) =>
      caterer.cuisine.some((cuisine) => pattern.test(cuisine)) ||
      (mains.length > 0 && mains.every((item) => pattern.test(item.name))),
  );
}

/** A children's party (by age, else the stated audience or occasion) favours a kid-friendly menu. */
function ageFit(group: AgeGroup, caterer: Caterer): number | null {
  if (group !== 'kids') return null;
  return caterer.kid_friendly ? 1 : 0.3;
}

/** A menu written for children (the catalog's "kids menu" cuisine) is no dinner for an adults' party. */
const forChildrenOnly = (caterer: Caterer): boolean => caterer.cuisine.includes('kids menu');

function serviceFit(occasion: string | null, caterer: Caterer): number | null {
  if (!occasion || !mentionsAny(occasion, FORMAL_OCCASIONS)) return null;
  return caterer.service_styles.some((style) => style === 'plated' || style === 'family_style') ? 1 : 0.4;
}

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

function fitsHeadcount(facts: PartyFacts, caterer: Caterer): boolean {
  const guests = facts.guest_count;
  return guests === null || (guests >= caterer.minimum_guests && guests <= caterer.maximum_guests);
}

export function cateringAgent(
  context: AgentContext,
  catalog: CatalogOf<'caterers'>,
): AgentOutput<CateringResult> {
  const { facts } = context;
  const currency = catalog.currency;
  const needs = facts.dietary;
  const headcount = facts.guest_count ?? DEFAULT_GUESTS;
  const allowance = allowanceFor(facts, catalog, 'catering');
  const perHeadAllowance = allowance.amount === null ? null : allowance.amount / headcount;

  // Foods asked for, unless also ruled out; any excluded word that names a known food rules it out.
  const excludedFoods = facts.excluded.filter((word) => Object.hasOwn(FOOD_WORDS, word));
  const foods = facts.foods.filter((food) => !excludedFoods.includes(food));
  // Each food's pattern once per run, not once per caterer and dish.
  const excludedPatterns = excludedFoods.map(foodPattern);
  const foodPatterns = new Map(foods.map((food) => [food, foodPattern(food)]));
  const fitOf = (caterer: Caterer, food: string) => foodFit(caterer, foodPatterns.get(food) ?? NOTHING);
  const group = audienceOf(facts);
  const sized = catalog
    .caterers()
    .filter((caterer) => fitsHeadcount(facts, caterer) && !ruledOutByFood(caterer, excludedPatterns))
    .filter((caterer) => group !== 'adults' || !forChildrenOnly(caterer));
  const billedFor = (caterer: Caterer) => Math.max(headcount, caterer.minimum_guests);
  const leastCost = (caterer: Caterer) => caterer.cost_per_head.min * billedFor(caterer);
  // Dietary needs first (an allergy is not negotiable), then a hard budget limit among what is left.
  const screen = screenDietary(sized, needs, (caterer) => caterer.dietary_options);
  const candidates = withinHardLimit(screen.candidates, ({ item }) => leastCost(item), allowance);
  const midpointOf = (caterer: Caterer) => (caterer.cost_per_head.min + caterer.cost_per_head.max) / 2;
  const prices = candidates.map(({ item }) => midpointOf(item));
  const scored = candidates.map(({ item: caterer, missing }) => {
    // 1 for a caterer that serves the stated location, 0 for one that does not.
    const location = placeFit(facts.location, caterer.service_areas);
    const score = blend([
      { weight: 0.3, value: priceSignal(midpointOf(caterer), perHeadAllowance, prices) },
      // Only an assumed headcount can fall below a minimum: a stated one filters such caterers out.
      { weight: 0.1, value: Math.min(1, headcount / caterer.minimum_guests) },
      { weight: 0.2, value: ratingFit(caterer.rating) },
      { weight: 0.2, value: dietaryScore(missing, needs) },
      { weight: 0.15, value: ageFit(group, caterer) },
      { weight: 0.15, value: serviceFit(facts.occasion, caterer) },
      { weight: 0.15, value: location },
    ]);
    const fits = foods.map((food) => ({ food, fit: fitOf(caterer, food) }));
    const served = fits.filter(({ fit }) => fit > 0).map(({ food }) => food);
    const foodScore = fits.reduce((sum, { fit }) => sum + fit, 0);
    return { id: caterer.id, caterer, missing, location, served, foodScore, score };
  });
  // The foods asked for come first ("we want pizza": a pizza caterer before one with pizza on its
  // menu, and either before one without), then the rest by score.
  scored.sort((a, b) => b.foodScore - a.foodScore || byScoreThenId(a, b));

  const recommended: CatererRecommendation[] = scored
    .slice(0, SHOWN)
    .map(({ caterer, missing, location, served, score }) => {
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
        reasons,
      };
    });

  const first = scored[0]?.caterer;
  const billed = first ? Math.max(headcount, first.minimum_guests) : 0;
  const fit = dietaryFit(needs, scored[0], screen.excluded);
  const assumptions = [allowance.assumption].filter((text) => text !== null);
  if (facts.guest_count === null)
    assumptions.push(`Costed for ${DEFAULT_GUESTS} guests until a guest count is given.`);
  const warnings = [allowance.warning].filter((text) => text !== null);
  if (!fit.fully_met && first) {
    warnings.push(
      `No caterer in the catalog can accommodate every need (${needs.join(', ')}): ${first.name} cannot accommodate ${fit.unmet.join(', ')}.`,
    );
  }
  for (const food of foods) {
    if (scored.some(({ served }) => served.includes(food))) continue;
    const inCatalog = catalog.caterers().some((caterer) => fitOf(caterer, food) > 0);
    warnings.push(
      inCatalog
        ? `No caterer that suits this party (its size, dietary needs or budget) offers ${food}; these serve other food.`
        : `No caterer in the catalog offers ${food}; these serve other food.`,
    );
  }
  const elsewhere = elsewhereWarning(
    facts.location,
    scored.map(({ location }) => location),
    'caters in',
  );
  if (elsewhere) warnings.push(elsewhere);
  const over = overBudgetWarning(
    allowance,
    scored.slice(0, SHOWN).map(({ caterer }) => ({ name: caterer.name, price: leastCost(caterer) })),
    currency,
  );
  if (over) warnings.push(over);
  const summary = first
    ? `${first.name} for ${billed} guests at ${formatMoney(first.cost_per_head.min, currency)}–${formatMoney(first.cost_per_head.max, currency)} a head.`
    : `No catalog caterer serves ${headcount} guests.`;
  const confidence = first
    ? confidenceFrom(0.3, [
        [facts.guest_count !== null, 0.25],
        [allowance.amount !== null, 0.15],
        [needs.length > 0 && fit.fully_met, 0.1],
        [facts.age !== null || facts.audience !== null || facts.occasion !== null, 0.1],
      ])
    : 0.1;
  return {
    result: {
      recommended_caterers: recommended,
      menu: first ? menuOf(first, needs, excludedPatterns) : [],
      cost_per_head: first ? { ...first.cost_per_head } : null,
      guest_count: facts.guest_count,
      billed_guests: billed,
      estimated_cost: first
        ? { min: first.cost_per_head.min * billed, max: first.cost_per_head.max * billed }
        : null,
      dietary_fit: fit,
      warnings: distinct(warnings),
      assumptions: distinct(assumptions),
      summary,
    },
    confidence,
  };
}
