import type { Audience } from '#shared/contracts/understanding.ts';
import { ADULTS_FROM, KIDS_UNDER } from '#shared/domain/audience-words.ts';

/**
 * Who the party is for, conservatively (null when unsure). In order: an explicit "adults only" /
 * "no kids"; an adults' occasion (a child at an engagement party is a guest, not whom it is for);
 * the age, when one is stated; teens ("teenagers", "prom"); children ("20 kids", "toddlers", "the
 * little ones"); grown-up guests ("for my coworkers", "12 adults"). Downstream an age still decides.
 */

const ADULTS_ONLY =
  /\b(?:adults?[\s-]+only|grown[\s-]?ups?[\s-]+only|(?:kid|child)[\s-]?free|no\s+(?:kids|children|little\s+ones)|(?:18|21)\s*\+|over\s+21)(?!\w)/;
const ADULT_OCCASION =
  /^(?:wedding|engagement|anniversary|bachelor(?:ette)?|bridal shower|rehearsal dinner|retirement|corporate event|fundraiser)$/;
const TEENS = /\b(?:teens?|teenagers?|teenage|high[\s-]?school(?:ers?)?|prom|[bm]itzvah)\b/;
const KIDS =
  /\b(?:kids?|kiddos?|children|child|childrens|toddlers?|preschool(?:ers?)?|kindergarten(?:ers?)?|little\s+ones?|tweens?)\b/;
const ADULTS = /\b(?:adults?|grown[\s-]?ups?|co[\s-]?workers?|colleagues?|employees?|ladies|gentlemen)\b/;

/** Whom a party for someone of this age is for. */
export function audienceOfAge(age: number): Audience {
  return age < KIDS_UNDER ? 'kids' : age < ADULTS_FROM ? 'teens' : 'adults';
}

export function findAudience(text: string, age: number | null, occasion: string | null): Audience | null {
  if (ADULTS_ONLY.test(text) || ADULT_OCCASION.test(occasion ?? '')) return 'adults';
  if (age !== null) return audienceOfAge(age);
  if (TEENS.test(text)) return 'teens';
  if (KIDS.test(text)) return 'kids';
  return ADULTS.test(text) ? 'adults' : null;
}
