import * as chrono from 'chrono-node/en';
import { COUNT, notBeforeOrdinalNoun } from './numbers.ts';
import type { Span } from './text.ts';

/**
 * The date and time of day, read by chrono-node against the moment the input was added (never the
 * clock), in that moment's own UTC offset: "next Saturday", "June 7th 2027", "tomorrow at 3pm",
 * "14/06/2027" (a first part over 12 is the day; otherwise month first, the US convention that
 * matches the USD default). A date is given only when a day is known: "in July", "mid-July" or
 * "fall 2026" name no day and give none. A time only when the input says so unambiguously ("3pm",
 * "15:00", "noon"), never from a bare "at 7", which is as often a count.
 */

const MONTH_START = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
/** An ordinal that is an age, an anniversary or a place, not a day: "the 5th birthday". */
const NOT_A_DAY = notBeforeOrdinalNoun(['birth', 'b-?day', 'bash', 'st\\b']);

/** No `g` flag: chrono execs it from the start of the text each time, so one instance is safe to share. */
const DAY_OF_MONTH_PATTERN = new RegExp(
  `\\b(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?${MONTH_START})${NOT_A_DAY}`,
  'i',
);

/** "On the 14th": the next 14th on or after the day the input was added, which chrono does not read. */
const DAY_OF_MONTH: chrono.Parser = {
  pattern: () => DAY_OF_MONTH_PATTERN,
  extract: (context, match) => {
    const day = Number(match[1]);
    const today = localDay(context.reference.instant, context.reference.timezoneOffset ?? 0);
    let { year, month } = today;
    if (day < today.day) month += 1;
    for (let tries = 0; tries < 12; tries += 1, month += 1) {
      const when = new Date(Date.UTC(year, month - 1, day));
      if (when.getUTCDate() === day)
        return { year: when.getUTCFullYear(), month: when.getUTCMonth() + 1, day };
    }
    return null;
  },
};

const PARSER = chrono.casual.clone();
PARSER.parsers.push(DAY_OF_MONTH);

function localDay(instant: Date, offsetMinutes: number) {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** The UTC offset written in an ISO timestamp, in minutes ("Z" and none are 0). */
function offsetOf(timestamp: string): number {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp);
  if (offset === null) return 0;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return offset[1] === '-' ? -minutes : minutes;
}

/** A length of time, not a moment: "3 hours", "a 7 year old" (chrono reads "7 year" as a date). */
const DURATION = /\b(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?)\b/;
const RELATIVE = /\b(?:in|from|later|after|ago|next|this|last|within|coming)\b/;
/** Chrono reads these as days, but they name none: "we're doing it now", "next week". */
const NO_DAY = /^(?:(?:right\s+)?now|(?:this|next|coming|last)\s+(?:week|month|year))$/;
/** What makes a time of day unambiguous. */
const CLOCK = /\d\s*(?:am|pm|a\.m\.|p\.m\.)|\d:\d\d|o'?clock|\bnoon\b|\bmidnight\b/;
/** Says a day without naming one: "this weekend", "tonight". */
const CASUAL_DAY = /\b(?:today|tonight|tomorrow|weekend)\b/;
/** A number counting years, guests or an ordinal birthday right after the phrase is no date. */
const COUNTS_AFTER = /^[\s-]*(?:years?|yrs?|yo\b|y\/o|olds?\b|birth|b-?day|guests?|people|kids)/;

/** Times and durations: masked, even when not a time of the party, so "2 hours" is never a count. */
const TIMES = new RegExp(
  `\\b\\d{1,2}(?::\\d{2})?\\s*(?:-|to)\\s*\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)` +
    `|\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'clock)` +
    `|\\b\\d{1,2}:\\d{2}\\b` +
    `|\\b(?:${COUNT}|an?|half\\s+an?)(?:\\s*(?:-|to)\\s*${COUNT})?[\\s-]*(?:hours?|hrs?|minutes?|mins?)\\b`,
  'g',
);

export interface DateFinding {
  /** ISO YYYY-MM-DD. */
  readonly date: string | null;
  /** 24-hour HH:MM. */
  readonly time: string | null;
  /** Every date, time and duration, so that no later extractor reads their numbers. */
  readonly spans: Span[];
}

const pad = (value: number | null) => String(value ?? 0).padStart(2, '0');

export function findDate(text: string, addedAt: string): DateFinding {
  const reference = { instant: new Date(addedAt), timezone: offsetOf(addedAt) };
  const spans: Span[] = [];
  let date: string | null = null;
  let time: string | null = null;
  for (const result of PARSER.parse(text, reference, { forwardDate: true })) {
    const end = result.index + result.text.length;
    const { start } = result;
    if (COUNTS_AFTER.test(text.slice(end))) continue;
    if (DURATION.test(result.text) && !RELATIVE.test(result.text)) continue;
    if (NO_DAY.test(result.text)) continue;
    const hasDay = start.isCertain('day') || start.isCertain('weekday') || CASUAL_DAY.test(result.text);
    const hasTime = start.isCertain('hour') && CLOCK.test(result.text);
    if (!hasDay && !hasTime) continue;
    spans.push({ start: result.index, end });
    if (hasDay && date === null) {
      date = `${String(start.get('year')).padStart(4, '0')}-${pad(start.get('month'))}-${pad(start.get('day'))}`;
    }
    if (hasTime && time === null) time = `${pad(start.get('hour'))}:${pad(start.get('minute'))}`;
  }
  for (const match of text.matchAll(TIMES))
    spans.push({ start: match.index, end: match.index + match[0].length });
  return { date, time, spans };
}
