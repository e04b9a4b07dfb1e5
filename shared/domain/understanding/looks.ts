import { type Mention, mentions, vocabulary } from './vocabulary.ts';

/** Colours and decor styles. */

const COLOR_NAMES = (
  'red|pink|hot pink|light pink|blush|rose gold|gold|silver|white|black|navy|blue|' +
  'light blue|baby blue|royal blue|teal|turquoise|aqua|mint|sage|green|emerald|olive|' +
  'yellow|mustard|orange|coral|peach|purple|lavender|lilac|violet|magenta|fuchsia|burgundy|' +
  'maroon|ivory|cream|beige|taupe|bronze|copper|brown|gray|pastel|terracotta'
).split('|');
const COLOR_ALIASES: Readonly<Record<string, string>> = {
  grey: 'gray',
  pastels: 'pastel',
  'navy blue': 'navy',
  'sage green': 'sage',
  'mint green': 'mint',
  'emerald green': 'emerald',
  'blush pink': 'blush',
  'dusty rose': 'dusty rose',
  'off white': 'ivory',
};

/**
 * A colour word is not a colour when it names a food or a dress code: "red velvet", "white wine",
 * "ice cream", "orange juice", "black tie", "mint chocolate chip".
 */
const NOT_A_COLOR_AFTER =
  '(?![\\s-]+(?:velvet|wine|juice|cheese|sauce|pepper|peppers|chips?|chocolate|cobbler|pie|tea|punch|sangria|' +
  'beans?|rice|bread|meat|tie|friday|lemonade|soda|liqueur|puff|puffs|tasting|pairing|list|bar|glass(?:es)?))';
const NOT_A_COLOR_BEFORE = '(?<!\\b(?:ice|sour|whipped|butter|heavy|clotted|sweet|cream)[\\s-]+)';

function colorSource(name: string): string {
  return `${NOT_A_COLOR_BEFORE}${name.split(' ').join('[\\s-]+')}${NOT_A_COLOR_AFTER}`;
}

const COLORS = vocabulary([
  ...COLOR_NAMES.map((name) => ({ name, sources: [colorSource(name)] })),
  ...Object.entries(COLOR_ALIASES).map(([alias, name]) => ({ name, sources: [colorSource(alias)] })),
]);

const STYLES = vocabulary([
  { name: 'elegant', sources: ['elegant', 'classy', 'sophisticated', 'refined'] },
  { name: 'rustic', sources: ['rustic'] },
  { name: 'modern', sources: ['modern', 'contemporary', 'sleek'] },
  { name: 'boho', sources: ['boho(?:[\\s-]chic)?', 'bohemian'] },
  { name: 'vintage', sources: ['vintage', 'antique'] },
  { name: 'retro', sources: ['retro'] },
  { name: 'minimalist', sources: ['minimal(?:ist|istic)?', 'understated'] },
  { name: 'glam', sources: ['glam(?:orous)?', 'sparkly', 'glitzy'] },
  { name: 'whimsical', sources: ['whimsical', 'magical'] },
  { name: 'classic', sources: ['classic', 'timeless', 'traditional'] },
  { name: 'chic', sources: ['chic'] },
  { name: 'shabby chic', sources: ['shabby[\\s-]chic'] },
  { name: 'industrial', sources: ['industrial'] },
  { name: 'formal', sources: ['formal', 'black[\\s-]tie'] },
  { name: 'casual', sources: ['casual', 'laid[\\s-]back', 'low[\\s-]key', 'relaxed'] },
  { name: 'cozy', sources: ['cozy', 'cosy', 'intimate'] },
  { name: 'romantic', sources: ['romantic'] },
  { name: 'luxury', sources: ['luxury', 'luxurious', 'luxe', 'upscale', 'high[\\s-]end'] },
  { name: 'farmhouse', sources: ['farmhouse'] },
  { name: 'preppy', sources: ['preppy'] },
  { name: 'colorful', sources: ['colou?rful', 'vibrant'] },
  { name: 'art deco', sources: ['art[\\s-]deco'] },
  { name: 'cottagecore', sources: ['cottagecore'] },
  { name: 'scandinavian', sources: ['scandinavian', 'scandi'] },
]);

export function findColors(text: string): Mention[] {
  return mentions(text, COLORS);
}

export function findStyles(text: string): Mention[] {
  return mentions(text, STYLES);
}
