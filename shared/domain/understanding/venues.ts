import type { VenueKind } from '#shared/contracts/understanding.ts';
import { type Mention, mentions, vocabulary } from './vocabulary.ts';

/**
 * The kind of place asked for. A rooftop wins over whatever else is said ("a rooftop bar" is a
 * rooftop: the more specific place, and the one a venue search must honour); otherwise the first
 * place mentioned. A backyard, a garden or a house of the host's own is `home`: "our garden", "at
 * my place", "at home" (a bare "garden" or "house" may be a garden party or a house DJ).
 */

const OWNER = "(?:our|my|his|her|their|mom'?s|mum'?s|dad'?s|parents'?|[a-z]+'s)";
const FOOD_BAR =
  '(?<!\\b(?:taco|candy|open|snack|dessert|salad|nacho|sundae|coffee|chocolate|mimosa|popcorn|cereal|pancake|' +
  'waffle|potato|pasta|burrito|juice|smoothie|espresso|cake|cookie|treat|sweets?|bagel|oyster|raw|donut|' +
  "s'?mores|ice[\\s-]cream|build[\\s-]your[\\s-]own|toppings?|fruit|cheese|drinks?|hot)[\\s-]+)";

const VENUES = vocabulary<VenueKind>([
  { name: 'rooftop', sources: ['roof[\\s-]?tops?', 'roof[\\s-]+terraces?', 'on\\s+the\\s+roof'] },
  {
    name: 'home',
    sources: [
      '(?:back|front)[\\s-]?yards?',
      `${OWNER}\\s+(?:own\\s+)?(?:garden|house|home|place|apartment|flat|patio|deck|living\\s+room|yard|lawn)`,
      'at\\s+home',
    ],
  },
  {
    name: 'restaurant',
    sources: [
      'restaurants?',
      'bistros?',
      'steak\\s?house',
      'pizzeria',
      'private\\s+dining(?:\\s+room)?',
      'trattoria',
    ],
  },
  {
    name: 'bar',
    sources: [`${FOOD_BAR}bar(?![\\s-]+(?:mitzvah|b\\.?q|be?que))`, 'pubs?', 'taverns?', 'lounge'],
  },
  { name: 'hall', sources: ['halls?', 'ballrooms?', 'function\\s+rooms?'] },
  {
    name: 'park',
    sources: ['(?<!\\b(?:theme|trampoline|water|amusement|car|skate|ball|trailer|business)[\\s-]+)parks?'],
  },
  {
    name: 'beach',
    sources: ['(?:on|at|to|by|near)\\s+(?:the|a)\\s+beach', 'beach(?:front|side)', 'beach\\s+(?:house|club)'],
  },
]);

/** Every place named, so that a negation can rule one out ("not at home after all"). */
export function findVenues(text: string): Mention<VenueKind>[] {
  return mentions(text, VENUES);
}

/** The kind of the places named (and not ruled out). */
export function venueKindOf(found: readonly Mention<VenueKind>[]): VenueKind | null {
  return found.some(({ name }) => name === 'rooftop') ? 'rooftop' : (found[0]?.name ?? null);
}
