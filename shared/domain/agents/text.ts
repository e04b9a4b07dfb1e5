// Matching works on words rather than raw strings so that "Dinosaurs!", "a dinosaur party" and
// "dinosaur" meet; filler words would otherwise make "the sea" and "the jungle" look alike.

const FILLER = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'in',
  'my',
  'near',
  'of',
  'on',
  'or',
  'our',
  'party',
  'the',
  'theme',
  'themed',
  'to',
  'with',
]);

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** The meaningful words of a phrase, lower case and singular. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(singular).filter((word) => !FILLER.has(word));
}

/**
 * How well a stated phrase names a candidate: 1 for the same words, 0.9 when the statement
 * contains the candidate ("jungle safari adventure" names "jungle"), 0.7 when the candidate
 * contains the statement ("sea" within "under the sea"), else 0.
 */
export function phraseMatch(stated: string, candidate: string): number {
  const said = words(stated);
  const name = words(candidate);
  if (said.length === 0 || name.length === 0) return 0;
  if (said.join(' ') === name.join(' ')) return 1;
  if (name.every((word) => said.includes(word))) return 0.9;
  if (said.every((word) => name.includes(word))) return 0.7;
  return 0;
}

/** The best match of a statement against any of a candidate's names. */
export function bestPhraseMatch(stated: string, names: readonly string[]): number {
  return names.reduce((best, name) => Math.max(best, phraseMatch(stated, name)), 0);
}

/** Share of the wanted labels that share a word with some offered label ("pink" meets "blush pink"). */
export function labelOverlap(wanted: readonly string[], offered: readonly string[]): number {
  if (wanted.length === 0) return 0;
  const offeredWords = new Set(offered.flatMap(words));
  const met = wanted.filter((label) => words(label).some((word) => offeredWords.has(word)));
  return met.length / wanted.length;
}

/** The words of a phrase as one key: "face painters", "face_painter" and "face painter" meet. */
export function phraseKey(text: string): string {
  return words(text).join(' ');
}

/**
 * Whether every word of a phrase (a `phraseKey`) is among a label's: "pink" is within "blush pink",
 * "balloon" within "balloon arch". `normalize` makes more words meet (a stem: "painting", "painter").
 */
export function phraseWithin(
  phrase: string,
  label: string,
  normalize: (word: string) => string = (word) => word,
): boolean {
  const said = new Set(words(label).map(normalize));
  const out = phrase.split(' ').map(normalize);
  return out.length > 0 && out.every((word) => said.has(word));
}

/** Whether an occasion phrase ("Emma's 5th birthday") mentions any of the listed occasions. */
export function mentionsAny(phrase: string, listed: readonly string[]): boolean {
  const said = words(phrase);
  return listed.some((item) => {
    const name = words(item);
    return name.length > 0 && name.every((word) => said.includes(word));
  });
}

/** The text with its first letter in upper case: a label that starts a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The texts without repeats, first occurrence first: a result says each warning once. */
export function distinct(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

/** A count with its noun in the right number: "1 venue", "13 venues", "2 optional extras". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
