import { alternation, type Span } from './text.ts';

/**
 * Finding named things (dietary needs, colours, styles, themes) in order of first mention, each
 * under one canonical name, with the spans where they were said.
 */

export interface Term<Name extends string = string> {
  readonly name: Name;
  /** Regular-expression sources, already lower case and word-bounded by the caller. */
  readonly sources: readonly string[];
}

export interface Mention<Name extends string = string> extends Span {
  readonly name: Name;
}

export interface Vocabulary<Name extends string = string> {
  readonly pattern: RegExp;
  readonly lookup: (matched: string) => Name | undefined;
}

export function vocabulary<Name extends string>(terms: readonly Term<Name>[]): Vocabulary<Name> {
  const compiled = terms.map((term) => ({
    name: term.name,
    whole: new RegExp(`^(?:${term.sources.join('|')})$`),
  }));
  return {
    pattern: new RegExp(`\\b(?:${alternation(terms.flatMap((term) => term.sources))})\\b`, 'g'),
    lookup: (matched) => compiled.find(({ whole }) => whole.test(matched))?.name,
  };
}

/** Every mention, left to right; overlapping names are resolved by the longest alternative first. */
export function mentions<Name extends string>(text: string, words: Vocabulary<Name>): Mention<Name>[] {
  const found: Mention<Name>[] = [];
  for (const match of text.matchAll(words.pattern)) {
    const name = words.lookup(match[0]);
    if (name !== undefined) found.push({ name, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The distinct names, first-seen order. */
export function namesOf<Name extends string>(found: readonly Mention<Name>[]): Name[] {
  return [...new Set(found.map(({ name }) => name))];
}
