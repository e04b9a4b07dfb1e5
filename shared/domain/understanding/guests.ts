import { COUNT, parseCount } from './numbers.ts';
import { alternation, endsClause, inflected, type Span } from './text.ts';

/**
 * The guest count. A number of people ("75 guests", "30 ppl", "20 kids and 10 adults", "50-60
 * people", which plans for the larger) wins over a number introduced by a word that counts people
 * ("party of 12", "headcount: 40", "fits up to 100", "expecting 40"), which wins over a bare "for 30"
 * (or "make it 40") at the end of a clause. Everyone is counted: "20 kids and 10 adults" is 30, and "10 couples" 20.
 */

/** Words for everybody: when one is counted, it is the total ("30 guests including 20 kids"). */
const EVERYONE = (
  'guest people ppl person persons pax attendee invitee folk head rsvp participant visitor ' + 'soul'
).split(' ');
/** Words for some of the guests, added up when no total is given. */
const SOME = (
  'kid|kiddo|child|children|adult|grown up|grownup|friend|family member|relative|cousin|' +
  'coworker|co-worker|colleague|employee|staff|staff member|team member|teammate|classmate|' +
  'student|teen|teenager|tween|toddler|baby|boy|girl|lady|ladies|gal|guy|men|women|senior|' +
  'member|little one|neighbor|neighbour|couple'
).split('|');
const FILLERS =
  '(?:(?:of\\s+)?(?:our|my|his|her|their|the)\\s+)?' +
  '(?:(?:hungry|little|small|young|adult|teenage|close|closest|best|dear|dearest|special|excited|lovely|' +
  'total|expected|invited|confirmed|vip|wild|lucky|other|more|extra|amazing|awesome|family|school|' +
  'work|office)\\s+){0,2}';
const APPROX = '(?:\\s*(?:\\+|-?\\s*ish)|\\s+or\\s+so)?';

const EVERYONE_SOURCES = EVERYONE.map(inflected);
const SOME_SOURCES = SOME.map(inflected);

const COUNTED = new RegExp(
  `(?<![\\w.,])(?:(${COUNT})\\s*(?:-(?=\\s*\\d)|to\\b|or\\b|and\\b)\\s*)?(${COUNT})${APPROX}\\s*${FILLERS}` +
    `(?:(${alternation(EVERYONE_SOURCES)})|(${alternation(SOME_SOURCES)}))\\b`,
  'g',
);

const INTRODUCED = new RegExp(
  '\\b(?:party|group|table|crowd|head\\s*count|guest\\s*count|guest\\s*list|(?:number|no\\.?|#)\\s*of\\s*(?:guests|people|ppl|kids)|' +
    'guests|people|ppl|pax|attendees|rsvps?|expect(?:ing)?|invit(?:e|ed|ing)|hosting|fits?|holds?|seats?|seating(?:\\s+for)?|accommodat(?:e|es|ing)|' +
    'capacity|room\\s+for|space\\s+for|enough\\s+for|feeds?|feeding|serves?|serving|cater(?:ing)?\\s+for)\\b' +
    '(?:\\s*(?:of|for|is|are|will\\s+be|:|=|about|around|approximately|approx\\.?|roughly|~|up\\s+to|at\\s+least|' +
    'maybe|like|close\\s+to|nearly|almost|over|under|some|max|maximum|min|minimum|' +
    // A change of the count: "the guest list grew to 60", "headcount is now 45".
    'now|has|have|just|grew|grown|gone|went|up|down|to|jumped|increased|decreased|dropped|shrunk|shrank|changed)\\b|\\s*[:=~])*' +
    `\\s*(${COUNT})(?:\\s*(?:-|to|or)\\s*(${COUNT}))?${APPROX}(?!\\w|,\\d)`,
  'g',
);

/** "For 30" at the end of a clause, or a correction: "make it 40". */
const FOR_A_NUMBER = new RegExp(
  `\\b(?:for|make\\s+it|make\\s+that)\\s+(?:(?:about|around|approximately|approx\\.?|roughly|maybe|like|up\\s+to|~)\\s*)?(${COUNT})` +
    `(?:\\s*(?:-|to|or)\\s*(${COUNT}))?${APPROX}(?!\\w|,\\d)`,
  'g',
);

const MAX_GUESTS = 100_000;

/** "Two guests are vegan" and "one guest is celiac" say who needs what, not how many come. */
const SOME_OF_THEM =
  /^\s+(?:are|is|have|has|need|needs|can'?t|cannot|don'?t|doesn'?t|eat|eats|will\s+need|with)\b[^.,;!?]*?\b(?:vegan|vegetarian|allerg|gluten|dairy|lactose|nuts?\b|eggs?\b|halal|kosher|co?eliac|diet|meat|intoleran)/;

function upper(low: string | undefined, high: string | undefined): number | null {
  // "A hundred and twenty" is one number, not a range from a hundred to twenty.
  if (
    low !== undefined &&
    /(?:hundred|thousand)$/.test(low) &&
    Number(parseCount(high ?? '')) < Number(parseCount(low))
  ) {
    return upper(undefined, `${low} ${high}`);
  }
  const values = [low, high].filter((text) => text !== undefined).map((text) => parseCount(text));
  if (values.length === 0 || values.some((value) => value === null)) return null;
  const value = Math.max(...values.map(Number));
  return value >= 1 && value <= MAX_GUESTS ? value : null;
}

export interface GuestFinding {
  readonly guestCount: number | null;
  readonly spans: Span[];
}

function counted(text: string, spans: Span[]): number | null {
  let everyone: number | null = null;
  let some = 0;
  for (const match of text.matchAll(COUNTED)) {
    const [, low, high, total, part = ''] = match;
    const value = upper(low, high);
    const end = match.index + match[0].length;
    if (value === null || SOME_OF_THEM.test(text.slice(end, end + 60))) continue;
    spans.push({ start: match.index, end });
    if (total !== undefined) everyone ??= value;
    else some += /^couples?$/.test(part) ? value * 2 : value;
  }
  return everyone ?? (some > 0 ? Math.min(some, MAX_GUESTS) : null);
}

function introduced(text: string, pattern: RegExp, spans: Span[], minimum: number): number | null {
  let found: number | null = null;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (!endsClause(text, end)) continue;
    const value = upper(match[1], match[2]);
    if (value === null || value < minimum) continue;
    spans.push({ start: match.index, end });
    found ??= value;
  }
  return found;
}

export function findGuests(text: string): GuestFinding {
  const spans: Span[] = [];
  const guestCount =
    counted(text, spans) ??
    introduced(text, INTRODUCED, spans, 1) ??
    introduced(text, FOR_A_NUMBER, spans, 2);
  return { guestCount, spans };
}
