import { inflected, mask, phrase } from './text.ts';
import { type Mention, mentions, type Term, vocabulary } from './vocabulary.ts';

/**
 * Themes, lower case: known ones by name (with their plurals and common spellings), "space" only in
 * its theme sense, and any other name the person gives one ("paw patrol theme", "theme: toy story").
 */

const word = (name: string, ...more: string[]): Term => ({
  name,
  sources: [name, ...more].map(inflected),
});

const KNOWN = vocabulary([
  word('jungle'),
  word('safari'),
  {
    name: 'space',
    sources: ['outer[\\s-]+space', 'galax(?:y|ies)', 'astronauts?', 'rocket[\\s-]?ships?', 'planets'],
  },
  word('unicorn'),
  word('princess'),
  word('superhero', 'super hero'),
  word('pirate'),
  word('dinosaur', 'dino', 't-rex', 'trex', 'jurassic'),
  word('mermaid'),
  { name: 'under the sea', sources: [phrase('under the sea'), 'underwater'] },
  word('ocean'),
  word('circus'),
  word('carnival'),
  word('tropical'),
  { name: 'luau', sources: ['luaus?', 'hawaiian'] },
  {
    name: 'frozen',
    sources: [
      'frozen(?![\\s-]+(?:yogh?urt|desserts?|treats?|drinks?|margaritas?|custard|fruit|food|pizzas?|cocktails?|lemonade|pops?))',
    ],
  },
  word('harry potter', 'hogwarts'),
  word('sports', 'sport'),
  word('soccer'),
  word('football'),
  word('basketball'),
  word('baseball'),
  word('construction'),
  { name: 'fairy', sources: ['fair(?:y|ies)(?![\\s-]+lights?)'] },
  word('farm', 'barnyard'),
  {
    name: 'western',
    sources: ['western(?![\\s-]+food)', 'cowboys?', 'cowgirls?', 'wild[\\s-]+west', 'rodeo'],
  },
  word('fiesta'),
  word('disco'),
  { name: '70s', sources: ["'?70'?s", 'seventies'] },
  { name: '80s', sources: ["'?80'?s", 'eighties'] },
  { name: '90s', sources: ["'?90'?s", 'nineties'] },
  { name: 'roaring 20s', sources: ["roaring[\\s-]+(?:'?20'?s|twenties)", '(?:great[\\s-]+)?gatsby'] },
  word('masquerade'),
  word('hollywood'),
  word('casino'),
  word('winter wonderland'),
  {
    name: 'enchanted forest',
    sources: [phrase('enchanted forest'), phrase('enchanted garden'), phrase('secret garden')],
  },
  word('woodland'),
  word('camping', 'glamping'),
  { name: 'beach', sources: ['beach(?=[\\s-]+(?:party|parties|theme[sd]?|bash|vibes?|bonfire))'] },
  word('garden party'),
  word('pool party'),
  word('tea party'),
  word('alice in wonderland', 'wonderland'),
  word('rainbow'),
  {
    name: 'neon',
    sources: ['neon(?![\\s-]+(?:signs?))', 'glow[\\s-]+(?:in[\\s-]+the[\\s-]+dark|party|parties)'],
  },
  word('paw patrol'),
  word('bluey'),
  word('minecraft'),
  { name: 'pokemon', sources: ['pok[eé]mon'] },
  word('star wars'),
  { name: 'spider-man', sources: ['spider[\\s-]?man', 'spidey'] },
  word('batman'),
  word('barbie'),
  word('lego'),
  word('encanto'),
  word('moana'),
  word('cocomelon'),
  word('peppa pig'),
  word('disney'),
  word('mickey mouse', 'mickey'),
  word('minnie mouse', 'minnie'),
  word('robot'),
  word('train'),
  word('monster truck'),
  word('race car', 'racecar'),
  {
    name: 'sleepover',
    sources: [
      'sleepovers?',
      'slumber[\\s-]+part(?:y|ies)',
      'pajama[\\s-]+part(?:y|ies)',
      'pyjama[\\s-]+part(?:y|ies)',
    ],
  },
  word('spa party', 'spa day'),
  word('science', 'mad science'),
  word('art party'),
  { name: 'costume party', sources: ['costume[\\s-]+part(?:y|ies)', 'fancy[\\s-]+dress'] },
]);

const EMOJI: Readonly<Record<string, string>> = {
  '🦄': 'unicorn',
  '🦖': 'dinosaur',
  '🦕': 'dinosaur',
  '🚀': 'space',
  '🧜': 'mermaid',
  '🏴‍☠️': 'pirate',
  '👸': 'princess',
  '🦸': 'superhero',
  '🎃': 'halloween',
  '🌴': 'tropical',
};

const SPACE = /\bspaces?\b/g;
const SPACE_THEME_AFTER =
  /^[\s-]+(?:theme[sd]?|party|parties|birthday|bday|bash|adventure|mission|explorer|cake|cupcakes?|decor|decorations?|balloons?|camp|cadet|ship|station)\b/;
const SPACE_THEME_BEFORE = /\b(?:outer|deep|theme[sd]?(?:\s*(?:is|:|-|of|will be))?)[\s-]*$/;
const SPACE_VENUE_BEFORE =
  /\b(?:a|an|the|event|party|venue|private|indoor|outdoor|rental|big|large|small|bigger|smaller|larger|enough|more|open|function|covered|quiet|nice|cozy|spacious|great|perfect|good|right|some|our|this|that|any|meeting|reception|gathering|banquet|rooftop|garden|backyard|parking|office|community|play|kids|extra)\s+$/;
const SPACE_VENUE_AFTER =
  /^\s+(?:for|that|to\s+rent|with|which|near|in|at|around|available|where|inside|indoors|big|large|holds?|fits?|seats?|accommodat\w*)\b/;

export interface SpaceSenses {
  readonly venue: boolean;
  /** Where "space" is meant as a theme. */
  readonly themeMentions: Mention[];
}

/** "A space theme" and "outer space party" are a theme; "a space for 50 people" and "event space" a venue. */
export function spaceSenses(text: string): SpaceSenses {
  const themeMentions: Mention[] = [];
  let venue = false;
  for (const match of text.matchAll(SPACE)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 30);
    if (SPACE_THEME_BEFORE.test(before) || SPACE_THEME_AFTER.test(after)) {
      themeMentions.push({ name: 'space', start, end });
    } else if (SPACE_VENUE_BEFORE.test(before) || SPACE_VENUE_AFTER.test(after)) {
      venue = true;
    } else {
      themeMentions.push({ name: 'space', start, end });
    }
  }
  return { venue, themeMentions };
}

/** Words that say nothing about which theme: "a fun theme", "her party theme", "pink and gold theme". */
const NOT_A_THEME_NAME = new Set(
  (
    'a an the my our his her their your its it this that these those what which any some no new same other ' +
    'different whole main overall general specific particular certain favorite favourite fave fun cool cute ' +
    'nice great good simple big little small kids kid kiddie adult adults boy boys girl girls gender neutral ' +
    'unisex party parties birthday bday wedding shower baby bridal color colour colors colours decor decoration ' +
    'cake food menu venue and or with for of to in on at is be will would should could can about like similar ' +
    'matching coordinated cohesive holiday seasonal costume dress final chosen current easy classy fancy ' +
    'themed theme tbd undecided decided undetermined not still open secret surprise one two'
  ).split(' '),
);

const GENERIC_BEFORE = /(?:([a-z0-9'&]+)[\s-]+)?([a-z0-9'&]+)[\s-]+$/;
const THEME_WORD = /\btheme[sd]?\b/g;
/** Only "theme: toy story"; "the theme is important" would make "important" a theme. */
const GENERIC_AFTER = /^\s*[:=-]\s*([a-z0-9'& ]+)/;

/** Theme names the known list does not have, taken from around the word "theme". */
function namedThemes(text: string, skip: readonly string[]): Mention[] {
  const found: Mention[] = [];
  const ok = (token: string | undefined): token is string =>
    token !== undefined &&
    token.length >= 3 &&
    !NOT_A_THEME_NAME.has(token) &&
    !skip.includes(token) &&
    !/^\d+$/.test(token);
  for (const match of text.matchAll(THEME_WORD)) {
    const before = GENERIC_BEFORE.exec(text.slice(Math.max(0, match.index - 40), match.index));
    if (before && ok(before[2])) {
      const name = ok(before[1]) ? `${before[1]} ${before[2]}` : before[2];
      found.push({ name, start: match.index - before[0].length, end: match.index });
      continue;
    }
    const afterStart = match.index + match[0].length;
    const after = GENERIC_AFTER.exec(text.slice(afterStart, afterStart + 40));
    const tokens: string[] = [];
    for (const token of after?.[1]?.trim().split(/\s+/) ?? []) {
      if (!ok(token) || tokens.length === 3) break;
      tokens.push(token);
    }
    if (after && tokens.length > 0) {
      found.push({ name: tokens.join(' '), start: afterStart, end: afterStart + after[0].length });
    }
  }
  return found;
}

/**
 * Theme names in order of first mention. `skip` are words known to be something else (colours,
 * styles, occasions that are not holidays) so "a rustic theme" adds no theme called "rustic".
 */
export function findThemes(text: string, skip: readonly string[]): Mention[] {
  const known = [...mentions(text, KNOWN), ...spaceSenses(text).themeMentions];
  for (const [emoji, name] of Object.entries(EMOJI)) {
    const index = text.indexOf(emoji);
    if (index >= 0) known.push({ name, start: index, end: index + emoji.length });
  }
  // Known names are masked first, so "a jungle safari theme" names no third theme "jungle safari".
  const named = namedThemes(mask(text, known), skip);
  return [...known, ...named].sort((a, b) => a.start - b.start);
}
