import { COUNT } from './numbers.ts';
import { cut, type Span } from './text.ts';

/**
 * Dates. A calendar date with a year becomes ISO YYYY-MM-DD. Numeric dates are read month first
 * (6/14/2027, the US convention that matches the USD default) unless the first part cannot be a
 * month (14/06/2027 is 14 June). A date without a year ("June 14"), a relative one ("next
 * Saturday") or a season is kept as the phrase the person typed: turning it into a calendar date
 * would need today's date, and the same input must always give the same facts.
 */

const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|' +
  'oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const FULL_MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december)';
const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const SHORT_WEEKDAY = '(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\\.?(?![a-z])';
const PART_OF_DAY = '(?:\\s+(?:morning|afternoon|evening|night))?';
const DAY_SUFFIX = '(?:st|nd|rd|th)?';

/**
 * Lower ranks win: a full date over a day without a year, over a relative phrase, over a month. A
 * rule of rank 1 that finds a year gives an ISO date, which ranks 0.
 */
interface DateRule {
  readonly rank: number;
  readonly pattern: RegExp;
  readonly read: (match: RegExpExecArray, original: string) => string | null;
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

function monthNumber(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3)) + 1;
}

function fullYear(text: string): number {
  const year = Number.parseInt(text, 10);
  return text.length === 2 ? 2000 + year : year;
}

/** The phrase as typed, without a leading "on", "for", "a" or "the" ("on a Saturday" is "Saturday"). */
const phraseOf = (match: RegExpExecArray, original: string): string =>
  cut(original, { start: match.index, end: match.index + match[0].length }).replace(
    /^(?:on\s+|for\s+)?(?:an?\s+|the\s+)?/i,
    '',
  );

/** A month or season keeps its qualifier ("mid-July", "by June") but not a plain "in". */
const monthPhraseOf = (match: RegExpExecArray, original: string): string =>
  phraseOf(match, original).replace(/^(?:in|during)\s+(?:the\s+)?/i, '');

/** A named month and day: ISO with a year, else the phrase, provided the day exists (in a leap year). */
function namedDate(match: RegExpExecArray, original: string, month: string, day: string, year?: string) {
  const monthValue = monthNumber(month);
  const dayValue = Number.parseInt(day, 10);
  if (year !== undefined) return iso(fullYear(year), monthValue, dayValue);
  return iso(2000, monthValue, dayValue) === null ? null : phraseOf(match, original);
}

const RULES: readonly DateRule[] = [
  {
    rank: 0,
    pattern: /(?<![\w/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w/-])/g,
    read: ([, year = '', month = '', day = '']) =>
      iso(Number.parseInt(year, 10), Number.parseInt(month, 10), Number.parseInt(day, 10)),
  },
  {
    rank: 0,
    pattern: /(?<![\w/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/.]*\d)/g,
    read: ([, first = '', , second = '', year = '']) => {
      const a = Number.parseInt(first, 10);
      const b = Number.parseInt(second, 10);
      const [month, day] = a > 12 ? [b, a] : [a, b];
      return iso(fullYear(year), month, day);
    },
  },
  {
    rank: 1,
    pattern: new RegExp(
      `\\b(?:${WEEKDAY},?\\s+)?${MONTH}\\s+(\\d{1,2})${DAY_SUFFIX}\\b(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    read: (match, original) => {
      const [, month = '', day = '', year] = match;
      return namedDate(match, original, month, day, year);
    },
  },
  {
    rank: 1,
    pattern: new RegExp(
      `\\b(?:${WEEKDAY},?\\s+)?(?:the\\s+)?(\\d{1,2})${DAY_SUFFIX}\\s+(?:of\\s+)?${MONTH}(?![a-z])(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    read: (match, original) => {
      const [, day = '', month = '', year] = match;
      return namedDate(match, original, month, day, year);
    },
  },
  {
    // "6/14" alone could be a fraction; after "on", "for" or a weekday it is a day of the year.
    rank: 1,
    pattern: new RegExp(
      `\\b(?:on|by|for|date:?|${WEEKDAY},?|${SHORT_WEEKDAY},?)\\s+(\\d{1,2})/(\\d{1,2})(?![\\w/])`,
      'g',
    ),
    read: ([, first = '', second = '']) => {
      const [a, b] = [Number.parseInt(first, 10), Number.parseInt(second, 10)];
      const [month, day] = a > 12 ? [b, a] : [a, b];
      return iso(2000, month, day) === null ? null : `${first}/${second}`;
    },
  },
  {
    rank: 2,
    pattern: new RegExp(
      `\\b(?:(?:this\\s+)?(?:next|this|coming|following)\\s+(?:${WEEKDAY}${PART_OF_DAY}|weekend|week|month|year|spring|summer|fall|autumn|winter)` +
        `|(?:tomorrow|tonight)${PART_OF_DAY}` +
        `|in\\s+(?:${COUNT}|a\\s+couple\\s+of|a\\s+few)\\s+(?:days?|weeks?|months?)` +
        `|(?:${COUNT})\\s+(?:days?|weeks?|months?)\\s+from\\s+(?:now|today)` +
        `|(?:christmas|new\\s+year'?s)\\s+eve` +
        `|(?:memorial|labor|labour|presidents'?|mother'?s|father'?s|valentine'?s|independence)\\s+day(?:\\s+weekend)?` +
        `|(?:the\\s+)?(?:4th|fourth)\\s+of\\s+july` +
        `|(?:on\\s+)?(?:a\\s+)?${WEEKDAY}${PART_OF_DAY}` +
        `|(?:this|next|on|for)\\s+${SHORT_WEEKDAY})\\b`,
      'g',
    ),
    read: phraseOf,
  },
  {
    rank: 3,
    pattern: new RegExp(
      `\\b(?:(?:in|during|by)\\s+(?:early|mid|late)?[\\s-]*|(?:early|mid|late|end\\s+of|beginning\\s+of|the\\s+end\\s+of)[\\s-]+)` +
        `(?:${FULL_MONTH}|(?:the\\s+)?(?:spring|summer|fall|autumn|winter))(?:\\s+\\d{4}\\b)?` +
        `|\\b(?:${FULL_MONTH}|spring|summer|fall|autumn|winter)\\s+\\d{4}\\b`,
      'g',
    ),
    read: monthPhraseOf,
  },
];

/** Times and durations: not a date fact, but masked so "3pm" or "2 hours" are never a count. */
const TIMES = new RegExp(
  `\\b\\d{1,2}(?::\\d{2})?\\s*(?:-|to)\\s*\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)` +
    `|\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'clock)` +
    `|\\b\\d{1,2}:\\d{2}\\b` +
    `|\\b(?:${COUNT}|an?|half\\s+an?)(?:\\s*(?:-|to)\\s*${COUNT})?[\\s-]*(?:hours?|hrs?|minutes?|mins?)\\b`,
  'g',
);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateFinding {
  readonly date: string | null;
  /** Every date, time and duration, so that no later extractor reads their numbers. */
  readonly spans: Span[];
}

export function findDate(text: string, original: string): DateFinding {
  const spans: Span[] = [];
  let best: { rank: number; index: number; value: string } | null = null;
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const value = rule.read(match, original);
      if (value === null) continue;
      spans.push({ start: match.index, end: match.index + match[0].length });
      const rank = ISO_DATE.test(value) ? 0 : rule.rank;
      if (best === null || rank < best.rank || (rank === best.rank && match.index < best.index)) {
        best = { rank, index: match.index, value };
      }
    }
  }
  for (const match of text.matchAll(TIMES))
    spans.push({ start: match.index, end: match.index + match[0].length });
  return { date: best?.value ?? null, spans };
}
