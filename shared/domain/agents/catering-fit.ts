import type { PartyFacts } from '#shared/contracts/understanding.ts';
import type { Caterer } from '#shared/domain/suppliers/schema.ts';
import type { AgeGroup } from './results.ts';
import { mentionsAny } from './text.ts';

// Occasions where guests expect to be served at the table rather than queue at a buffet.
const FORMAL_OCCASIONS = ['wedding', 'anniversary', 'engagement', 'corporate', 'retirement', 'gala'];

/**
 * What each food the understanding names looks like in a caterer's cuisine or on its menu. A food not
 * listed here is matched by its own words.
 */
export const FOOD_WORDS: Readonly<Record<string, RegExp>> = {
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

export const NOTHING = /$^/;

export function foodPattern(food: string): RegExp {
  if (Object.hasOwn(FOOD_WORDS, food)) return FOOD_WORDS[food] as RegExp;
  const plain = food.replace(/[^a-z ]/g, '').trim();
  return plain === '' ? NOTHING : new RegExp(`\\b${plain}\\b`, 'i');
}

/** 2 when the caterer's cuisine is this food (its `foodPattern`), 1 when a dish on its menu is, else 0. */
export function foodFit(caterer: Caterer, pattern: RegExp): number {
  if (caterer.cuisine.some((cuisine) => pattern.test(cuisine))) return 2;
  return caterer.menu.some((item) => pattern.test(item.name)) ? 1 : 0;
}

/**
 * A caterer the party ruled out by food ("no pizza"): its cuisine is that food, or every main it
 * serves is.
 */
export function ruledOutByFood(caterer: Caterer, excluded: readonly RegExp[]): boolean {
  const mains = caterer.menu.filter((item) => item.course === 'main');
  return excluded.some(
    (pattern) =>
      caterer.cuisine.some((cuisine) => pattern.test(cuisine)) ||
      (mains.length > 0 && mains.every((item) => pattern.test(item.name))),
  );
}

/** A children's party (by age, else the stated audience or occasion) favours a kid-friendly menu. */
export function ageFit(group: AgeGroup, caterer: Caterer): number | null {
  if (group !== 'kids') return null;
  return caterer.kid_friendly ? 1 : 0.3;
}

/** A menu written for children (the catalog's "kids menu" cuisine) is no dinner for an adults' party. */
export const forChildrenOnly = (caterer: Caterer): boolean => caterer.cuisine.includes('kids menu');

export function serviceFit(occasion: string | null, caterer: Caterer): number | null {
  if (!occasion || !mentionsAny(occasion, FORMAL_OCCASIONS)) return null;
  return caterer.service_styles.some((style) => style === 'plated' || style === 'family_style') ? 1 : 0.4;
}

export function fitsHeadcount(facts: PartyFacts, caterer: Caterer): boolean {
  const guests = facts.guest_count;
  return guests === null || (guests >= caterer.minimum_guests && guests <= caterer.maximum_guests);
}
