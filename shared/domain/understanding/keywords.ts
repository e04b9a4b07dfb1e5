import type { Category } from '#shared/contracts/understanding.ts';
import { inflected, mask, type Span } from './text.ts';

/**
 * The words that put an input in a category, whole words in any case, with plurals. Longer phrases
 * are matched first and consume their words, so "bounce house" is a vendor and not a venue's house,
 * and "theme park" a venue and not a theme. Phrases under `null` only consume ("take place").
 *
 * Not here, because they depend on more than a word: "space" (theme or venue, see themes.ts), theme
 * names, guest counts and places (venue), dietary needs (catering, or cake when said of the cake),
 * colours and styles (theme, unless they describe something else).
 */
const KEYWORDS: Readonly<Record<Category | 'none', readonly string[]>> = {
  theme: (
    'theme|themed|theming|decor|décor|decoration|decorate|decorating|decorated|deco|color|' +
    'colour|color scheme|colour scheme|color palette|palette|style|styling|aesthetic|vibe|' +
    'motif|centerpiece|centrepiece|tablescape|backdrop|banner|streamer|garland|confetti|' +
    'place card|place setting|table setting|tablecloth|party supplies|garden party|tea party'
  ).split('|'),
  venue: (
    'venue|location|hall|park|backyard|back yard|yard|garden|restaurant|room|place|capacity|' +
    'indoor|indoors|outdoor|outdoors|ballroom|banquet hall|barn|rooftop|patio|terrace|' +
    'clubhouse|club house|community center|community centre|church|hotel|lodge|pavilion|' +
    'brewery|winery|vineyard|museum|zoo|trampoline park|theme park|bowling alley|arcade|gym|' +
    'studio|house|pool|pool party|seating|parking|wheelchair accessible|rent a hall'
  ).split('|'),
  cake: (
    'cake|cupcake|dessert|sweets|sweet treat|sweet table|bakery|baker|frosting|fondant|icing|' +
    'buttercream|cake pop|cookie|macaron|donut|doughnut|brownie|pastry|pastries|' +
    'dessert table|candy bar|candy|smash cake|cake smash|ice cream|pie|cheesecake|' +
    'cake topper'
  ).split('|'),
  catering: (
    'food|menu|catering|cater|catered|caterer|meal|lunch|dinner|brunch|breakfast|snack|' +
    "buffet|pizza|drink|beverage|appetizer|appetiser|hors d'oeuvre|hors d'oeuvres|canape|" +
    'canapé|finger food|bbq|barbecue|grill|taco|taco bar|burger|hot dog|sandwich|salad|pasta|' +
    'chicken|platter|charcuterie|cheese board|grazing table|cocktail|mocktail|open bar|' +
    'bartender|punch|juice|juice box|lemonade|soda|wine|beer|coffee|tea|food truck|potluck|' +
    'family style|buffet style|kids menu|nugget|fries|fruit|veggie tray|refreshment|bite|' +
    'nibble|cuisine|champagne toast|dietary restriction|dietary need|food allergy|' +
    'food allergies'
  ).split('|'),
  vendor: (
    'vendor|balloon|balloon arch|balloon garland|balloon artist|photography|photographer|' +
    'photo booth|photo|photoshoot|photo shoot|videographer|entertainment|entertainer|' +
    'magician|magic show|clown|dj|music|live music|band|musician|singer|karaoke|' +
    'face painting|face painter|face paint|bounce house|bouncy castle|inflatable|petting zoo|' +
    'pony ride|puppet show|puppeteer|character visit|mascot|florist|flower|floral|rental|' +
    'tent|tables and chairs|chair|lighting|sound system|party games|pinata|piñata|craft|' +
    'bubble|henna|glitter tattoo|caricature|caricaturist|juggler|stilt walker|mariachi|' +
    'string quartet|officiant|planner|coordinator|valet|party favor|party favour|favor|' +
    'favour|goodie bag|goody bag|house music'
  ).split('|'),
  none: (
    'take place|takes place|taking place|took place|first place|in place of|sweet sixteen|' +
    'sweet 16|bar mitzvah|bat mitzvah|room for dessert|make room|all over the place'
  ).split('|'),
};

interface Keyword {
  readonly category: Category | null;
  readonly pattern: RegExp;
  readonly length: number;
}

const COMPILED: readonly Keyword[] = Object.entries(KEYWORDS)
  .flatMap(([category, words]) =>
    words.map((word) => ({
      category: category === 'none' ? null : (category as Category),
      pattern: new RegExp(`(?<![\\w'])${inflected(word)}(?![\\w'])`, 'g'),
      length: word.length,
    })),
  )
  .sort((a, b) => b.length - a.length);

const EMOJI: Readonly<Record<string, Category>> = {
  '🎂': 'cake',
  '🍰': 'cake',
  '🧁': 'cake',
  '🎈': 'vendor',
  '📸': 'vendor',
  '🎶': 'vendor',
  '🎵': 'vendor',
  '🍕': 'catering',
  '🍔': 'catering',
  '🌮': 'catering',
  '🍹': 'catering',
};

export interface KeywordMatch extends Span {
  readonly category: Category;
}

/** Every keyword said, longest phrases first, each word counted once. */
export function findKeywords(text: string): KeywordMatch[] {
  const found: KeywordMatch[] = [];
  let rest = text;
  for (const { category, pattern } of COMPILED) {
    const spans: Span[] = [];
    for (const match of rest.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      spans.push(span);
      if (category !== null) found.push({ ...span, category });
    }
    rest = mask(rest, spans);
  }
  for (const [emoji, category] of Object.entries(EMOJI)) {
    const index = text.indexOf(emoji);
    if (index >= 0) found.push({ start: index, end: index + emoji.length, category });
  }
  return found.sort((a, b) => a.start - b.start);
}
