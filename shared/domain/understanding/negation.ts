import type { Mention } from './vocabulary.ts';

/**
 * What an input rules out: a theme, style, colour, food, supplier or kind of venue right after a negation ("no unicorns",
 * "not too formal", "nothing princess", "no clowns please", "without a DJ") or after "instead of" /
 * "rather than" ("pirates instead of dinosaurs": the dinosaurs are replaced, so ruled out). A list
 * joined by "or" shares the negation ("no clowns or magicians"); one joined by "and" or a comma does
 * not, since "no clowns, a magician please" asks for the magician. Taking a thing back ("cancel the
 * DJ", "drop the band", "forget the magician") rules it out too, so it cancels an earlier request.
 */

// Longer phrases first: at one position the first alternative that matches is taken, so "not" must
// not shadow "not a fan of" (whose "a fan" would end the negation before the thing).
const NEGATION = new RegExp(
  `\\b(?:${[
    'not\\s+a\\s+(?:big\\s+)?fan\\s+of',
    "(?:not|do\\s+not|don'?t|doesn'?t|won'?t)\\s+(?:want|like|need|doing|do|having|going\\s+with|into)",
    'anything\\s+but',
    'instead\\s+of',
    'rather\\s+than',
    'in\\s+place\\s+of',
    // Taking back an earlier request ("cancel the DJ", "never mind the band"); "don't forget the
    // DJ" asks for one.
    'cancel',
    'remove',
    'drop',
    'scrap',
    'ditch',
    'never\\s+mind',
    "(?<!\\b(?:don'?t|not)\\s+)forget(?:\\s+about)?",
    'no',
    'not',
    'nothing',
    'without',
    'never',
    'avoid',
    'skip',
    'hate[sd]?',
    'dislikes?',
  ].join('|')})\\b`,
  'g',
);
/** Words between the negation and the thing: "not TOO formal", "no MORE unicorns", "skip THE clown". */
const FILLER =
  /^(?:\s+(?:too|very|so|overly|really|super|any|a|an|the|more|much|of|kind\s+of|sort\s+of|anything|with|that))*\s+/;
const OR = /^\s*(?:or|nor|\/)\s*(?:(?:any|a|an|the)\s+)?/;

/** The mentions a negation rules out, given every mention of the input. */
export function negated<T extends Mention>(text: string, found: readonly T[]): T[] {
  const byStart = new Map<number, T>();
  for (const mention of found) if (!byStart.has(mention.start)) byStart.set(mention.start, mention);
  const ruledOut: T[] = [];
  for (const match of text.matchAll(NEGATION)) {
    const end = match.index + match[0].length;
    let next = byStart.get(end + (FILLER.exec(text.slice(end))?.[0].length ?? 0));
    while (next !== undefined) {
      ruledOut.push(next);
      const joiner = OR.exec(text.slice(next.end));
      next = joiner === null ? undefined : byStart.get(next.end + joiner[0].length);
    }
  }
  return ruledOut;
}
