import { REAL_WORDS } from './real-words.ts';
import { TYPO_TARGETS } from './typo-words.ts';

/**
 * Typo correction before any extractor runs: "birthdya" → "birthday", "30 peolpe" → "30 people",
 * "dinosuar theme" → "dinosaur theme".
 *
 * A small bounded Damerau-Levenshtein over the known vocabulary rather than fuse.js: fuse's Bitap
 * score counts a transposition (the commonest typo) as two errors, so "peolpe" scores worse (0.33)
 * than the real word "warden" does against "garden" (0.17) and no threshold separates typos from
 * real words; it would also add 19 KB to every function that understands inputs.
 *
 * Rules, so that real words are left alone: only words of 5+ letters, never one the extractors
 * already know or a common English word (REAL_WORDS), never a plural or other inflection of a
 * target, the first letter must match (it is rarely the mistyped one), one edit up to 7 letters and
 * two from 8, and the nearest target must be unique.
 */

const TARGETS = new Set(TYPO_TARGETS);
const BY_INITIAL = new Map<string, string[]>();
for (const target of TYPO_TARGETS) {
  const list = BY_INITIAL.get(target[0] ?? '') ?? [];
  list.push(target);
  BY_INITIAL.set(target[0] ?? '', list);
}

/** Edits within `limit`, or `limit + 1` as soon as the distance must exceed it. */
function damerauLevenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

function isInflectionOfTarget(word: string): boolean {
  const stems = [word.replace(/(?:s|es|ed|ing|er|ers|ly)$/, ''), word.replace(/ie[sd]$/, 'y')];
  return stems.some((stem) => stem !== word && TARGETS.has(stem));
}

/** The target a word is a typo of, or null when it is no typo (or an ambiguous one). */
function correction(word: string): string | null {
  if (word.length < 5 || TARGETS.has(word) || REAL_WORDS.has(word) || isInflectionOfTarget(word)) {
    return null;
  }
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = limit + 1;
  let tie = false;
  for (const target of BY_INITIAL.get(word[0] ?? '') ?? []) {
    const distance = damerauLevenshtein(word, target, limit);
    if (distance < bestDistance) [best, bestDistance, tie] = [target, distance, false];
    else if (distance === bestDistance && distance <= limit) tie = true;
  }
  return tie ? null : best;
}

const WORD = /(?<![\p{L}\d])[a-z]{5,}(?![\p{L}\d])/gu;

export interface Corrected {
  /** The normalized text with typos corrected. */
  readonly text: string;
  /** The original with the same corrections, so that spans of `text` still cut it. */
  readonly original: string;
}

/**
 * Corrects typos in both the normalized text and the original. A correction whose length differs
 * from the typo ("dinsaur" → "dinosaur") is made too: every later span refers to the corrected
 * texts, which stay aligned with each other.
 */
export function correctTypos(text: string, original: string): Corrected {
  let outText = '';
  let outOriginal = '';
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    // A plural typo ("dinosuars") is corrected through its singular; a target is no typo ("coworkers").
    const direct = correction(match[0]);
    const plural = direct === null && match[0].endsWith('s') && !TARGETS.has(match[0]);
    const fixed = plural ? correction(match[0].slice(0, -1)) : direct;
    if (fixed === null) continue;
    const replacement = plural ? `${fixed}s` : fixed;
    outText += text.slice(last, match.index) + replacement;
    outOriginal += original.slice(last, match.index) + replacement;
    last = match.index + match[0].length;
  }
  return { text: outText + text.slice(last), original: outOriginal + original.slice(last) };
}
