import { type InputFacts, NO_FACTS, type PartyFacts } from '#shared/pipeline/facts.ts';

const SINGLE = ['guest_count', 'budget', 'date', 'age', 'occasion', 'location'] as const;

function union<T>(lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

/**
 * The party's facts from its inputs, oldest first: a later input's stated value replaces an earlier
 * one ("75 guests", then "actually 90 guests"), one that says nothing keeps it, and lists are merged
 * in first-seen order without repeats.
 */
export function mergeFacts(facts: readonly InputFacts[]): PartyFacts {
  const merged: PartyFacts = {
    ...NO_FACTS,
    dietary: union(facts.map((input) => input.dietary)),
    colors: union(facts.map((input) => input.colors)),
    styles: union(facts.map((input) => input.styles)),
    themes: union(facts.map((input) => input.themes)),
  };
  for (const input of facts) {
    for (const key of SINGLE) {
      if (input[key] !== null) Object.assign(merged, { [key]: input[key] });
    }
  }
  return merged;
}
