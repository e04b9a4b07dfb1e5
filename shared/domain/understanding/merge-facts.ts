import { type InputFacts, NO_FACTS, type PartyFacts } from '#shared/contracts/understanding.ts';
import { audienceOfAge } from './audience.ts';

/** Stated once for the party: a later statement replaces an earlier one. */
const SINGLE = [
  'guest_count',
  'budget',
  'date',
  'time',
  'age',
  'audience',
  'occasion',
  'location',
  'venue_kind',
] as const;
/** Lists that an exclusion removes from ("no unicorns") and a later mention restores. */
const EXCLUDABLE = ['colors', 'styles', 'themes', 'foods', 'requests'] as const;

function union<T>(lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

/** What is ruled out at the end: the last word on each item, oldest input first, was an exclusion. */
function inForce(facts: readonly InputFacts[]): Set<string> {
  const excluded = new Set<string>();
  for (const input of facts) {
    for (const key of EXCLUDABLE) for (const item of input[key]) excluded.delete(item);
    // Asking for a balloon arch or a balloon artist takes back an earlier "no balloons".
    if (input.requests.some((kind) => kind.startsWith('balloon'))) excluded.delete('balloons');
    for (const item of input.excluded) excluded.add(item);
  }
  return excluded;
}

/**
 * The party's facts from its inputs, oldest first: a later input's stated value replaces an earlier
 * one ("75 guests", then "actually 90 guests"), one that says nothing keeps it; lists are merged in
 * first-seen order without repeats, minus what is still excluded; themes put the latest input's
 * first (the primary theme), earlier ones follow as alternates. Date and time are replaced
 * independently, so "at 5pm instead" keeps the date.
 */
export function mergeFacts(facts: readonly InputFacts[]): PartyFacts {
  const excluded = inForce(facts);
  const allowed = <T extends string>(items: readonly T[]) => items.filter((item) => !excluded.has(item));
  const merged: PartyFacts = {
    ...NO_FACTS,
    dietary: union(facts.map((input) => input.dietary)),
    colors: allowed(union(facts.map((input) => input.colors))),
    styles: allowed(union(facts.map((input) => input.styles))),
    themes: allowed(union([...facts].reverse().map((input) => input.themes))),
    foods: allowed(union(facts.map((input) => input.foods))),
    requests: allowed(union(facts.map((input) => input.requests))),
    excluded: union(facts.map((input) => input.excluded)).filter((item) => excluded.has(item)),
  };
  for (const input of facts) {
    for (const key of SINGLE) {
      if (input[key] !== null) Object.assign(merged, { [key]: input[key] });
    }
    // Age and audience both say whom the party is for: "actually it's a retirement party" (adults)
    // after "my son's 7th" replaces the age too, or the agents would plan for both at once.
    if (input.audience !== null && input.age === null && merged.age !== null) {
      if (audienceOfAge(merged.age) !== input.audience) Object.assign(merged, { age: null });
    }
    // "not at home after all" takes back an earlier "at home" without naming another place.
    if (merged.venue_kind !== null && input.excluded.includes(merged.venue_kind)) {
      Object.assign(merged, { venue_kind: null });
    }
  }
  return merged;
}
