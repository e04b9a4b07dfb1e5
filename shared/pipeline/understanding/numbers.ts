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

const NUMBER_WORD = `(?:${alternation([...UNITS.slice(1), ...TENS, ...Object.keys(SCALES)])})\\b`;
const VAGUE: Readonly<Record<string, number>> = { few: 3, couple: 2 };
const NUMBER_WORDS =
  '(?:(?:(?:a|an)[\\s-]+)?(?:few|couple)(?:[\\s-]+of)?[\\s-]+(?:dozen|hundred|thousand)\\b' +
  `|(?:a|an)[\\s-]+(?:dozen|hundred|thousand)\\b|${NUMBER_WORD})` +
  `(?:[\\s-]+(?:and[\\s-]+)?${NUMBER_WORD})*`;

/** A count in words only ("fifteen hundred", "a few dozen"); no capturing groups. */
export const COUNT_IN_WORDS = NUMBER_WORDS;

/** A count in digits ("75", "1,200") or words ("twenty-five", "a dozen"); no capturing groups. */
export const COUNT = `(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+|${NUMBER_WORDS})`;

/** An ordinal in digits ("5th") or words ("fifth", "twenty-first"); no capturing groups. */
export const ORDINAL =
  `(?:\\d{1,3}(?:st|nd|rd|th)\\b|(?:(?:${alternation(TENS)})[\\s-]+)?` +
  `(?:${alternation([...ORDINAL_UNITS.slice(1), ...ORDINAL_TENS])})\\b)`;

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
    const unit = UNITS.indexOf(word);
    const tens = TENS.indexOf(word);
    const scale = SCALES[word];
    if (unit >= 0) current += unit;
    else if (tens >= 0) current += (tens + 2) * 10;
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
    const tens = TENS.indexOf(word);
    const unit = ORDINAL_UNITS.indexOf(word);
    const tenth = ORDINAL_TENS.indexOf(word);
    if (tens >= 0) value += (tens + 2) * 10;
    else if (unit >= 0) value += unit;
    else if (tenth >= 0) value += (tenth + 2) * 10;
    else return null;
  }
  return value;
}
