import type { Category, InputFacts } from '#shared/contracts/understanding.ts';
import { findAge } from './age.ts';
import { findAudience } from './audience.ts';
import type { Signals } from './classify.ts';
import { findDate } from './dates.ts';
import { findDietary } from './dietary.ts';
import { findFoods } from './foods.ts';
import { findGuests } from './guests.ts';
import { findKeywords } from './keywords.ts';
import { findLocation } from './location.ts';
import { findColors, findStyles } from './looks.ts';
import { chooseBudget, findMoney } from './money.ts';
import { negated } from './negation.ts';
import { findOccasion } from './occasions.ts';
import { findRequests, findVendorCategories } from './requests.ts';
import { mask } from './text.ts';
import { findThemes, spaceSenses } from './themes.ts';
import { findVenues, venueKindOf } from './venues.ts';
import { type Mention, namesOf } from './vocabulary.ts';

/** Occasions that are not also themes: "a wedding theme" names no theme called "wedding". */
const NOT_THEMES = ['birthday', 'wedding', 'anniversary', 'graduation', 'retirement', 'engagement', 'shower'];

export interface Extraction {
  readonly facts: InputFacts;
  readonly signals: Signals;
}

interface Tagged extends Mention {
  readonly category: Category;
}

const tag = (category: Category, found: readonly Mention[]): Tagged[] =>
  found.map((mention) => ({ ...mention, category }));

/**
 * Reads the facts of one input (already lower-cased and typo-corrected; `original` is the text as
 * typed, with the same corrections, for place names). Numbers are read in a fixed order, each reader
 * masking what it took: dates and times, then money, then the age, then the guest count, then the
 * place. Themes, styles, colours, foods, suppliers (kinds, or the category: "no balloons") and kinds
 * of venue ("not at home after all") that a negation rules out go to `excluded` only.
 */
export function extractFacts(text: string, original: string, addedAt: string): Extraction {
  const dated = findDate(text, addedAt);
  const afterDates = mask(text, dated.spans);
  const money = findMoney(afterDates);
  const afterMoney = mask(afterDates, money);
  const aged = findAge(afterMoney);
  const afterAge = mask(afterMoney, aged.spans);
  const guests = findGuests(afterAge);
  const place = findLocation(mask(afterAge, guests.spans), original);

  const colors = findColors(text);
  const styles = findStyles(text);
  const themes = findThemes(text, [...namesOf(colors), ...namesOf(styles), ...NOT_THEMES]);
  const requests = findRequests(text);
  const foods = findFoods(text);
  const venues = findVenues(text);
  const said = [
    ...tag('theme', themes),
    ...tag('theme', styles),
    ...tag('theme', colors),
    ...tag('vendor', requests),
    ...tag('vendor', findVendorCategories(text, requests)),
    ...tag('catering', foods),
    ...tag('venue', venues),
  ].sort((a, b) => a.start - b.start);
  const ruledOut = negated(text, said);
  const excluded = new Set(ruledOut.map(({ name }) => name));
  const stated = <T extends Mention>(found: readonly T[]) => found.filter(({ name }) => !excluded.has(name));

  const occasion = findOccasion(text) ?? (aged.birthday ? 'birthday' : null);
  const facts: InputFacts = {
    guest_count: guests.guestCount,
    budget: chooseBudget(money, guests.guestCount),
    date: dated.date,
    time: dated.time,
    age: aged.age,
    audience: findAudience(text, aged.age, occasion),
    occasion,
    location: place.location,
    venue_kind: venueKindOf(stated(venues)),
    dietary: namesOf(findDietary(text)),
    colors: namesOf(stated(colors)),
    styles: namesOf(stated(styles)),
    themes: namesOf(stated(themes)),
    foods: namesOf(stated(foods)),
    requests: namesOf(stated(requests)),
    excluded: [...excluded],
  };
  const signals: Signals = {
    keywords: findKeywords(text),
    looks: stated([...colors, ...styles]),
    venueSpace: spaceSenses(text).venue,
    venueLocation: place.location !== null && place.isVenue,
    ruledOut: ruledOut.map(({ category }) => category),
  };
  return { facts, signals };
}
