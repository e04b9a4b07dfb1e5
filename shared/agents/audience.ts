import type { AgeGroup } from './results.ts';
import { mentionsAny } from './text.ts';

// Occasions that are adults' parties whatever else is known: nobody wants a bounce house, a
// children's sing-along or a play space at an engagement party.
const ADULT_OCCASIONS = [
  'wedding',
  'engagement',
  'anniversary',
  'bachelor',
  'bachelorette',
  'hen',
  'stag',
  'bridal shower',
  'rehearsal dinner',
  'corporate',
  'office',
  'work',
  'company',
  'retirement',
  'gala',
  'cocktail',
  'reunion',
  'divorce',
];

export const KIDS_UNDER = 13;
export const ADULTS_FROM = 18;

/** Whether the stated occasion is an adults' one (wedding, engagement, office party...). */
export function adultOccasion(occasion: string | null): boolean {
  return occasion !== null && mentionsAny(occasion, ADULT_OCCASIONS);
}

/** Who the party is for: the occasion decides for adults' occasions, otherwise the age. */
export function audienceOf(age: number | null, occasion: string | null): AgeGroup {
  if (adultOccasion(occasion)) return 'adults';
  if (age === null) return 'unknown';
  if (age < KIDS_UNDER) return 'kids';
  if (age < ADULTS_FROM) return 'teens';
  return 'adults';
}

/**
 * Whether something for ages `min`–`max` suits a party of this audience: an adults' party gets
 * nothing made only for children, a child's party only what suits the child's age.
 */
export function suitsAges(
  range: { readonly min: number; readonly max: number },
  age: number | null,
  group: AgeGroup,
): boolean {
  const fitsAge = age === null || (age >= range.min && age <= range.max);
  if (group === 'adults') return range.max >= ADULTS_FROM && (age === null || age >= range.min);
  if (group === 'teens') return range.max >= KIDS_UNDER && fitsAge;
  if (group === 'kids') return range.min < KIDS_UNDER && fitsAge;
  return true;
}
