import type { InputFacts } from '#shared/pipeline/facts.ts';
import { findAge } from './age.ts';
import type { Signals } from './classify.ts';
import { findDate } from './dates.ts';
import { findDietary } from './dietary.ts';
import { findGuests } from './guests.ts';
import { findKeywords } from './keywords.ts';
import { findLocation } from './location.ts';
import { findColors, findStyles } from './looks.ts';
import { chooseBudget, findMoney } from './money.ts';
import { findOccasion } from './occasions.ts';
import { mask } from './text.ts';
import { findThemes, spaceSenses } from './themes.ts';
import { namesOf } from './vocabulary.ts';

/** Occasions that are not also themes: "a wedding theme" names no theme called "wedding". */
const NOT_THEMES = ['birthday', 'wedding', 'anniversary', 'graduation', 'retirement', 'engagement', 'shower'];

export interface Extraction {
  readonly facts: InputFacts;
  readonly signals: Signals;
}

/**
 * Reads the facts of one input. Numbers are read in a fixed order, each reader masking what it
 * took: dates and times, then money, then the age, then the guest count, then the place.
 */
export function extractFacts(text: string, original: string): Extraction {
  const dated = findDate(text, original);
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

  const facts: InputFacts = {
    guest_count: guests.guestCount,
    budget: chooseBudget(money, guests.guestCount),
    date: dated.date,
    age: aged.age,
    occasion: findOccasion(text) ?? (aged.birthday ? 'birthday' : null),
    location: place.location,
    dietary: namesOf(findDietary(text)),
    colors: namesOf(colors),
    styles: namesOf(styles),
    themes: namesOf(themes),
  };
  const signals: Signals = {
    keywords: findKeywords(text),
    looks: [...colors, ...styles],
    venueSpace: spaceSenses(text).venue,
    venueLocation: place.location !== null && place.isVenue,
  };
  return { facts, signals };
}
