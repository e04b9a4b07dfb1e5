import { findColors, findStyles } from './looks.ts';
import { cut, type Span } from './text.ts';

/**
 * Where the party is: the place name after "at", "in", "near", "close to", "outside", "by the", "on
 * the ...side" or "moved it to" ("at Riverside Park", "in Austin, TX", "near downtown", "on the
 * Eastside", "we moved it to Lakeshore"), as the person wrote it. A place is a name: capitalised
 * where the text is not all capitals or title case, or a known kind of area ("downtown"). A kind of
 * place ("our garden", "at home", "the beach", a venue kind) or a spot ("at the entrance") is none.
 * Dates, times, money and counts are masked beforehand, so "at 3pm", "in June" and "in 2 weeks" are
 * no place.
 */

const PREPOSITION =
  /\b(?:at|in|near|nearby|close\s+to|outside(?:\s+of)?|by(?=\s+the\b)|on(?=\s+the\s+(?:[a-z]+\s+)?[a-z]*(?:side|shore|front)\b)|(?:mov(?:e|ed|ing)|relocat(?:e|ed|ing))(?:\s+(?:it|the\s+(?:party|event|venue|location)))?\s+to)\s+/g;
const TOKEN = /[a-z][a-z0-9'&-]*(?:\.(?=\s))?/y;
const GAP = /[ \t]+/y;
const MAX_WORDS = 6;

/** Words that end a place phrase. */
const STOP = new Set(
  (
    'for with without on and or but to from at in near by next this that which who where when because so if ' +
    'please budget around about theme themed we i is are was will would should could can during before after ' +
    'since until like plus has have had tomorrow tonight today guests people kids ppl maybe also too then ' +
    'instead now again anyway actually though tho rather ok okay'
  ).split(' '),
);

/** First words after which the phrase is no place: "at least", "in mind", "in a jungle theme". */
const NOT_A_PLACE_START = new Set(
  (
    'a an some any least most all mind total advance person addition case general particular time order charge ' +
    'lieu fact style love between half each every one it them there here that this which what whatever touch ' +
    'stock bulk color colour theme attendance class family group favor favour honor honour celebration memory need place terms whose'
  ).split(' '),
);

/** Phrases made only of these say when or what, not where: "in the evening", "at the party". */
const NOT_A_PLACE = new Set(
  (
    'the my our your his her their party parties event venue place location morning afternoon evening night ' +
    'day week weekend end middle same mood budget theme cake style colors meantime works future past beginning ' +
    'area process plan planning back front moment meantime kitchen spring summer fall autumn winter city ' +
    // Kinds of place and spots in one: "in the backyard", "on the beach", "at the entrance".
    'home house garden backyard yard patio deck lawn beach park rooftop roof terrace pool restaurant bar ' +
    'pub hall ballroom entrance door front table tables stage corner side'
  ).split(' '),
);

/** Areas named by a common word, which are places though written in lower case: "near downtown". */
const KNOWN_AREA =
  /^(?:(?:down|up|mid)town|old\s+town|(?:east|west|north|south)[\s-]?side|(?:city|town)\s+cent(?:er|re))\b/;

/** "Our garden", "my place", "mom's house": the host's own place, a kind of venue and no location. */
const POSSESSIVE = /^(?:our|my|your|his|her|their|[a-z]+'s?)$/;

/** A name followed by these is a theme or a style, not a place: "in Paw Patrol theme". */
const THEME_AFTER = /^\s+(?:theme[sd]?|style|vibes?|party|parties)\b/;

/** A place after these is where a supplier is, not where the party is: "a bakery in Austin". */
const SUPPLIER_BEFORE =
  /\b(?:bakery|bakeries|baker|bakers|caterer|caterers|catering|shop|shops|store|stores|vendor|vendors|dj|djs|photographer|photographers|company|companies|florist|florists|business|someone|somebody|anyone|delivery|delivered|order|ordered|pickup|based|located)\s*$/;

const ABBREVIATION = /^(?:st|mt|ft|dr)\.$/;

export interface LocationFinding {
  readonly location: string | null;
  /** Whether the place is where the party is held, which concerns the venue. */
  readonly isVenue: boolean;
}

function readPhrase(text: string, from: number): Span | null {
  let end = from;
  let words = 0;
  let cursor = from;
  while (words < MAX_WORDS) {
    TOKEN.lastIndex = cursor;
    const token = TOKEN.exec(text);
    if (!token || STOP.has(token[0])) break;
    words += 1;
    end = cursor + token[0].length;
    if (token[0].endsWith('.') && !ABBREVIATION.test(token[0])) break;
    GAP.lastIndex = end;
    const gap = GAP.exec(text);
    if (!gap) break;
    cursor = end + gap[0].length;
  }
  return words === 0 ? null : { start: from, end };
}

function isPlace(text: string, original: string, span: Span, cased: boolean): boolean {
  const body = text
    .slice(span.start, span.end)
    .replace(/\.$/, '')
    .replace(/^the\s+/, '');
  const words = body.split(/\s+/);
  if (words[0] === undefined || NOT_A_PLACE_START.has(words[0]) || POSSESSIVE.test(words[0])) return false;
  if (words.every((word) => NOT_A_PLACE.has(word)) || THEME_AFTER.test(text.slice(span.end))) return false;
  if (KNOWN_AREA.test(body)) return true;
  const startsBody = (found: readonly Span[]) => found.some(({ start }) => start === 0);
  if (startsBody(findColors(body)) || startsBody(findStyles(body))) return false;
  // Where case tells names from words, a place name has a capital: "in Old Town", not "in town".
  return !cased || /[A-Z]/.test(original.slice(span.start, span.end).replace(/^the\s+/i, ''));
}

export function findLocation(text: string, original: string): LocationFinding {
  // Case tells a name only when some word starts in lower case (not all capitals, not title case).
  const cased = /(?:^|[^\p{L}'])\p{Ll}/u.test(original);
  for (const match of text.matchAll(PREPOSITION)) {
    const span = readPhrase(text, match.index + match[0].length);
    if (span === null || !isPlace(text, original, span, cased)) continue;
    let place = cut(original, span);
    // "the backyard" is the backyard, but "The Grand Hall" is a name (unless everything is shouted).
    if (place.startsWith('the ') || (/^the\s/i.test(place) && place === place.toUpperCase())) {
      place = place.slice(4);
    }
    // "the Westlake area" is Westlake.
    place = place.replace(/\s+(?:area|neighbou?rhood|vicinity)$/, '');
    const state = /^,\s*([A-Z]{2})\b/.exec(original.slice(span.end));
    if (state?.[1] !== undefined) place = `${place}, ${state[1]}`;
    return { location: place, isVenue: !SUPPLIER_BEFORE.test(text.slice(0, match.index)) };
  }
  return { location: null, isVenue: false };
}
