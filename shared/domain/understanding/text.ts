/**
 * Text helpers shared by the extractors. Every extractor works on a lower-cased copy of the input
 * that keeps each character at its original index, so a span found in it can be cut from the
 * original text (to keep "Riverside Park" capitalised) and can be masked so that a later extractor
 * never reads the same number twice ("5th birthday for 20 kids, budget $500").
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Neither a word character, a digit nor white space, so no pattern ever matches across it. */
export const MASK = '\u25ae';

const FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Lower case with typographic quotes and dashes folded, one UTF-16 unit per original unit. */
export function normalize(content: string): string {
  let out = '';
  for (const unit of content.split('')) {
    const folded = FOLDS[unit] ?? unit.toLowerCase();
    // A few letters lower-case to two units ("İ"); keeping them as they are preserves the indices.
    out += folded.length === 1 ? folded : unit;
  }
  return out;
}

export function mask(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const units = text.split('');
  for (const { start, end } of spans) units.fill(MASK, start, end);
  return units.join('');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation that tries longer sources first, so "outer space" is preferred to "space". */
export function alternation(sources: readonly string[]): string {
  return [...sources].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
}

/**
 * A literal phrase as a pattern: words may be joined by spaces or hyphens ("nut free", "nut-free"),
 * and an apostrophe is optional ("new years eve").
 */
export function phrase(text: string): string {
  return text
    .split(/[\s-]+/)
    .map((word) => escapeRegExp(word).replace(/'/g, "'?"))
    .join('[\\s-]+');
}

/** A phrase whose last word may also be plural: "balloon" matches "balloons", "party" "parties". */
export function inflected(text: string): string {
  const words = text.split(/[\s-]+/);
  const last = words.pop() ?? '';
  const head = words.length > 0 ? `${phrase(words.join(' '))}[\\s-]+` : '';
  return `${head}${plural(last)}`;
}

function plural(word: string): string {
  const escaped = escapeRegExp(word);
  if (/[^aeiou]y$/.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`;
  if (/(?:s|x|z|ch|sh|o)$/.test(word)) return `${escaped}(?:es|s)?`;
  return `${escaped}s?`;
}

/** A whole-word pattern for the given sources; `\b` is enough because all sources are word-bounded. */
export function wordsPattern(sources: readonly string[], flags = 'g'): RegExp {
  return new RegExp(`\\b(?:${alternation(sources)})\\b`, flags);
}

/** Small words that may follow a number without making it a count of something else. */
const CLAUSE_WORDS = new Set(
  (
    'a about and are around at budget but by each for from i if in including is max maybe ' +
    'near next on or please plus so the this to tops total we will with would'
  ).split(' '),
);

/**
 * Whether the text at `index` ends what a number said: the end, punctuation, or a small word. A
 * number followed by any other word ("3 hours", "200 balloons") counts something else.
 */
export function endsClause(text: string, index: number): boolean {
  const next = /^\s*([a-z]+)/.exec(text.slice(index));
  return next?.[1] === undefined || CLAUSE_WORDS.has(next[1]);
}

/** The original text of a span, trimmed of spaces and trailing punctuation. */
export function cut(original: string, span: Span): string {
  return original
    .slice(span.start, span.end)
    .trim()
    .replace(/[\s,.;:!?]+$/, '');
}
