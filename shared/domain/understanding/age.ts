import { COUNT, notBeforeOrdinalNoun, ORDINAL, parseCount, parseOrdinal } from './numbers.ts';
import type { Span } from './text.ts';

/**
 * The age being celebrated: "5th birthday", "turns 7", "my 5 year old", "age 6", "her 40th", "a
 * surprise 60th", "sweet sixteen", "quinceañera". The first one in the text wins, and of a range its
 * first number ("8-10 year olds", "ages 5 to 7"). Ages are read before guest counts, which never see
 * them, so "5 year old kids" is not five guests.
 */

const BIRTHDAY = "(?:birth[\\s-]?days?|b[\\s'-]?days?|bash)";
/** Ordinals after a possessive that are anniversaries, grades or places, not ages. */
const NOT_AN_AGE = notBeforeOrdinalNoun(['reunion', 'graduation', 'of', 'st', 'ave']);

interface AgeRule {
  readonly pattern: RegExp;
  readonly read: (match: RegExpExecArray) => number | null;
  /** Whether the wording says the party is a birthday. */
  readonly birthday: boolean;
}

const first = (parse: (text: string) => number | null) => (match: RegExpExecArray) => parse(match[1] ?? '');

const RULES: readonly AgeRule[] = [
  {
    pattern: new RegExp(`(?<![\\w.])(${ORDINAL})[\\s-]*${BIRTHDAY}\\b`, 'g'),
    read: first(parseOrdinal),
    birthday: true,
  },
  {
    pattern: /\bsweet[\s-]+(?:16|sixteen)\b/g,
    read: () => 16,
    birthday: true,
  },
  {
    pattern: /\bquincea[nñ]era\b|\bquince\b/g,
    read: () => 15,
    birthday: false,
  },
  {
    pattern: new RegExp(
      `\\b(?:turns?|turning|turned|(?:will|is going to|gonna)\\s+be)\\s+(${COUNT})(?!\\w|[.,]\\d)` +
        '(?=(?:[\\s-]*(?:years?|yrs?)[\\s-]*old|[\\s-]*(?:yo|y/o))?\\s*(?:$|[^\\s\\w]|\\s(?:this|next|on|in|and|soon|today|tomorrow|years?|yrs?)\\b))',
      'g',
    ),
    read: first(parseCount),
    birthday: true,
  },
  {
    pattern: new RegExp(
      `(?<![\\w.])(${COUNT})(?:\\s*(?:-|to|or|and|&)\\s*${COUNT})?` +
        '(?:[\\s-]*(?:years?|yrs?)[\\s-]*olds?\\b|[\\s-]*(?:yo|y/o|y\\.o\\.)(?!\\w))',
      'g',
    ),
    read: first(parseCount),
    birthday: false,
  },
  {
    pattern: new RegExp(
      `\\b(?:age[sd]?)\\s*:?\\s*(${COUNT})(?:\\s*(?:-|to|and|&)\\s*${COUNT})?(?!\\w|[.,]\\d)`,
      'g',
    ),
    read: first(parseCount),
    birthday: false,
  },
  {
    // "A surprise 60th for my husband", "his big 50th": an ordinal said of a person or a party.
    pattern: new RegExp(
      `\\b(?:surprise|big|milestone|upcoming)\\s+(${ORDINAL})${NOT_AN_AGE}` +
        `|\\b(?:a|the)\\s+(${ORDINAL})(?=\\s+(?:for|party|celebration|bash|dinner)\\b)${NOT_AN_AGE}`,
      'g',
    ),
    read: (match) => parseOrdinal(match[1] ?? match[2] ?? ''),
    birthday: true,
  },
  {
    pattern: new RegExp(`\\b(?:my|his|her|their|our|your|[a-z]+'s)\\s+(${ORDINAL})${NOT_AN_AGE}`, 'g'),
    read: first(parseOrdinal),
    birthday: true,
  },
];

export interface AgeFinding {
  readonly age: number | null;
  /** The wording says it is a birthday ("turns 7", "her 40th") even without the word. */
  readonly birthday: boolean;
  readonly spans: Span[];
}

export function findAge(text: string): AgeFinding {
  const spans: Span[] = [];
  let best: { index: number; age: number; birthday: boolean } | null = null;
  for (const rule of RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      const age = rule.read(match);
      if (age === null || age > 120) continue;
      spans.push({ start: match.index, end: match.index + match[0].length });
      if (best === null || match.index < best.index)
        best = { index: match.index, age, birthday: rule.birthday };
    }
  }
  return { age: best?.age ?? null, birthday: best?.birthday ?? false, spans };
}
