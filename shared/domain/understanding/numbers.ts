import { alternation } from './text.ts';

/**
 * Cardinal and ordinal number words, so "twenty kids" and "fifth birthday" read like digits. "A few"
 * and "a couple" count only before a dozen, a hundred or a thousand ("a few dozen guests" is 36: few
 * is taken as 3, the middle of what people mean by it); alone they are too vague to be a number.
 */

const UNITS = (
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen ' +
  'fifteen sixteen seventeen eighteen nineteen'
).split(' ');
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: Readonly<Record<string, number>> = { dozen: 12, hundred: 100, thousand: 1000 };

const ORDINAL_UNITS = (
  'zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh ' +
  'twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'
).split(' ');
const ORDINAL_TENS = 'twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth'.split(
  ' ',
);

/** Word → value lookups for parseCount and parseOrdinal. */
const byIndex = (words: readonly string[]) => new Map(words.map((word, index) => [word, index]));
const UNIT_VALUES = byIndex(UNITS);
const TENS_VALUES = new Map(TENS.map((word, index) => [word, (index + 2) * 10]));
const ORDINAL_UNIT_VALUES = byIndex(ORDINAL_UNITS);
const ORDINAL_TENS_VALUES = new Map(ORDINAL_TENS.map((word, index) => [word, (index + 2) * 10]));

const NUMBER_WORD = `(?:${alternation([...UNITS.slice(1), ...TENS, ...Object.keys(SCALES)])})\\b`;
const VAGUE: Readonly<Record<string, number>> = { few: 3, couple: 2 };
/** A count in words only ("fifteen hundred", "a few dozen"); no capturing groups. */
export const COUNT_IN_WORDS =
  '(?:(?:(?:a|an)[\\s-]+)?(?:few|couple)(?:[\\s-]+of)?[\\s-]+(?:dozen|hundred|thousand)\\b' +
  `|(?:a|an)[\\s-]+(?:dozen|hundred|thousand)\\b|${NUMBER_WORD})` +
  `(?:[\\s-]+(?:and[\\s-]+)?${NUMBER_WORD})*`;

/** A count in digits ("75", "1,200") or words ("twenty-five", "a dozen"); no capturing groups. */
export const COUNT = `(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+|${COUNT_IN_WORDS})`;

/** An ordinal in digits ("5th") or words ("fifth", "twenty-first"); no capturing groups. */
export const ORDINAL =
  `(?:\\d{1,3}(?:st|nd|rd|th)\\b|(?:(?:${alternation(TENS)})[\\s-]+)?` +
  `(?:${alternation([...ORDINAL_UNITS.slice(1), ...ORDINAL_TENS])})\\b)`;

/** Nouns after an ordinal that make it an anniversary, a grade or a place ("the 5th grade"). */
const ORDINAL_NOUNS = [
  'wedding',
  'anniversary',
  'grade',
  'place',
  'time',
  'year',
  'annual',
  'century',
  'floor',
  'street',
];

/**
 * A lookahead refusing an ordinal followed by one of ORDINAL_NOUNS or `extras` (pattern sources);
 * no capturing groups.
 */
export function notBeforeOrdinalNoun(extras: readonly string[]): string {
  return `(?![\\s-]+(?:${[...ORDINAL_NOUNS, ...extras].join('|')}))`;
}

/** The value of a COUNT match, or null when the words do not make a number. */
export function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (/^[\d,]+$/.test(trimmed)) return Number.parseInt(trimmed.replace(/,/g, ''), 10);
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of trimmed.split(/[\s-]+/)) {
    if (word === 'and' || word === 'of') continue;
    if (word === 'a' || word === 'an') {
      current = 1;
      continue;
    }
    const vague = VAGUE[word];
    if (vague !== undefined) {
      current = vague;
      continue;
    }
    const unit = UNIT_VALUES.get(word) ?? TENS_VALUES.get(word);
    const scale = SCALES[word];
    if (unit !== undefined) current += unit;
    else if (scale === 1000) {
      total += (current || 1) * scale;
      current = 0;
    } else if (scale !== undefined) current = (current || 1) * scale;
    else return null;
    seen = true;
  }
  return seen ? total + current : null;
}

/** The value of an ORDINAL match. */
export function parseOrdinal(text: string): number | null {
  const digits = /^(\d+)/.exec(text.trim());
  if (digits?.[1] !== undefined) return Number.parseInt(digits[1], 10);
  let value = 0;
  for (const word of text.trim().split(/[\s-]+/)) {
    const part = TENS_VALUES.get(word) ?? ORDINAL_UNIT_VALUES.get(word) ?? ORDINAL_TENS_VALUES.get(word);
    if (part === undefined) return null;
    value += part;
  }
  return value;
}
