import type { PartyFacts } from '#shared/contracts/understanding.ts';
import {
  ADULT_OCCASIONS,
  ADULTS_FROM,
  ADULTS_WORDS,
  KIDS_UNDER,
  KIDS_WORDS,
  TEENS_WORDS,
} from '#shared/domain/audience-words.ts';
import type { AgeGroup } from './results.ts';
import { mentionsAny } from './text.ts';

/** Whether the stated occasion is an adults' one (wedding, engagement, office party...). */
function adultOccasion(occasion: string | null): boolean {
  return occasion !== null && mentionsAny(occasion, ADULT_OCCASIONS);
}

/** The facts that say who the party is for. */
export type AudienceFacts = Pick<PartyFacts, 'age' | 'audience' | 'occasion'>;

/**
 * Who the party is for: the age when known ("my 6 year old"), else the stated audience ("a party for
 * 20 kids", "adults only"), else the occasion. An adults' occasion (an engagement, a wedding, an office
 * party) decides before either, though: a child mentioned at one ("kids welcome", "our 5 year old
 * will be there") is a guest, not whom the party is for, and must not bring bounce houses to it.
 */
export function audienceOf(facts: AudienceFacts): AgeGroup {
  if (adultOccasion(facts.occasion)) return 'adults';
  const { age } = facts;
  if (age !== null) {
    if (age < KIDS_UNDER) return 'kids';
    if (age < ADULTS_FROM) return 'teens';
    return 'adults';
  }
  if (facts.audience !== null) return facts.audience;
  const { occasion } = facts;
  if (occasion === null) return 'unknown';
  if (mentionsAny(occasion, KIDS_WORDS)) return 'kids';
  if (mentionsAny(occasion, TEENS_WORDS)) return 'teens';
  if (mentionsAny(occasion, ADULTS_WORDS)) return 'adults';
  return 'unknown';
}

/** The ages an age group spans, for ranking by fit when only the group is known. */
export function agesOf(group: AgeGroup): { readonly min: number; readonly max: number } | null {
  if (group === 'kids') return { min: 0, max: KIDS_UNDER - 1 };
  if (group === 'teens') return { min: KIDS_UNDER, max: ADULTS_FROM - 1 };
  if (group === 'adults') return { min: ADULTS_FROM, max: 99 };
  return null;
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
