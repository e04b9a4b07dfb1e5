import { phrase, wordsPattern } from './text.ts';

/**
 * The occasion, by its usual name in lower case. A life event outranks a holiday, so a
 * "halloween-themed 8th birthday" is a birthday (with a halloween theme); within a rank the first
 * mentioned wins, and at the same place the longer name ("wedding anniversary" over "wedding").
 */

interface Occasion {
  readonly name: string;
  readonly aliases: readonly string[];
}

const LIFE_EVENTS: readonly Occasion[] = [
  {
    name: 'birthday',
    aliases: "birthday|birth day|bday|b-day|b'day|sweet sixteen|sweet 16|bdays|birthdays".split('|'),
  },
  { name: 'wedding', aliases: ['wedding', 'wedding reception', 'nuptials', 'weddings', 'getting married'] },
  { name: 'anniversary', aliases: ['anniversary', 'wedding anniversary', 'vow renewal'] },
  { name: 'baby shower', aliases: ['baby shower', 'sip and see', 'baby sprinkle'] },
  { name: 'bridal shower', aliases: ['bridal shower', 'wedding shower'] },
  { name: 'graduation', aliases: ['graduation', 'grad party', 'grad', 'commencement'] },
  { name: 'retirement', aliases: ['retirement', 'retiring'] },
  { name: 'engagement', aliases: ['engagement', 'got engaged', 'just engaged'] },
  { name: 'gender reveal', aliases: ['gender reveal'] },
  { name: 'bachelorette', aliases: ['bachelorette', 'hen party', 'hen do'] },
  { name: 'bachelor', aliases: ['bachelor party', 'stag party', 'stag do'] },
  { name: 'rehearsal dinner', aliases: ['rehearsal dinner'] },
  { name: 'housewarming', aliases: ['housewarming', 'house warming'] },
  { name: 'farewell', aliases: ['farewell', 'going away', 'send off'] },
  { name: 'reunion', aliases: ['reunion', 'family reunion', 'class reunion'] },
  { name: 'baptism', aliases: ['baptism', 'christening'] },
  { name: 'first communion', aliases: ['first communion', 'communion'] },
  { name: 'bar mitzvah', aliases: ['bar mitzvah'] },
  { name: 'bat mitzvah', aliases: ['bat mitzvah'] },
  { name: 'quinceañera', aliases: ['quinceañera', 'quinceanera', 'quince'] },
  { name: 'prom', aliases: ['prom'] },
  {
    name: 'corporate event',
    aliases: (
      'office party|company party|corporate event|corporate party|work party|team building|' +
      'team party|company picnic|staff party'
    ).split('|'),
  },
  { name: 'fundraiser', aliases: ['fundraiser', 'gala', 'charity event'] },
];

const HOLIDAYS: readonly Occasion[] = [
  { name: 'christmas', aliases: ['christmas', 'xmas', 'x-mas'] },
  { name: 'halloween', aliases: ['halloween'] },
  { name: 'new year', aliases: ["new year's eve", "new year's", 'new year', 'nye'] },
  { name: 'lunar new year', aliases: ['lunar new year', 'chinese new year'] },
  { name: 'thanksgiving', aliases: ['thanksgiving', 'friendsgiving'] },
  { name: 'easter', aliases: ['easter'] },
  { name: 'hanukkah', aliases: ['hanukkah', 'chanukah'] },
  { name: 'diwali', aliases: ['diwali'] },
  { name: 'eid', aliases: ['eid'] },
  { name: "valentine's day", aliases: ["valentine's", "galentine's"] },
  { name: 'fourth of july', aliases: ['fourth of july', '4th of july', 'july 4th', 'independence day'] },
  { name: "st. patrick's day", aliases: ["st patrick's", "saint patrick's", "st. patrick's"] },
  { name: 'cinco de mayo', aliases: ['cinco de mayo'] },
  { name: 'mardi gras', aliases: ['mardi gras'] },
  { name: 'super bowl', aliases: ['super bowl'] },
  { name: 'holiday party', aliases: ['holiday party', 'holiday parties'] },
];

interface Compiled {
  readonly name: string;
  readonly rank: number;
  readonly pattern: RegExp;
}

const COMPILED: readonly Compiled[] = [
  ...LIFE_EVENTS.map((occasion) => ({ ...occasion, rank: 0 })),
  ...HOLIDAYS.map((occasion) => ({ ...occasion, rank: 1 })),
].map(({ name, rank, aliases }) => ({ name, rank, pattern: wordsPattern(aliases.map(phrase)) }));

export function findOccasion(text: string): string | null {
  let best: { rank: number; index: number; length: number; name: string } | null = null;
  for (const { name, rank, pattern } of COMPILED) {
    for (const match of text.matchAll(pattern)) {
      const better =
        best === null ||
        rank < best.rank ||
        (rank === best.rank &&
          (match.index < best.index || (match.index === best.index && match[0].length > best.length)));
      if (better) best = { rank, index: match.index, length: match[0].length, name };
    }
  }
  return best?.name ?? null;
}
