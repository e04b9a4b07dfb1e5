import type { PipelineAgent } from '#shared/schemas/primitives.ts';

/** Seed keyword lists of the original design; matched as whole words in any case, plurals included. */
const KEYWORDS: Record<PipelineAgent, readonly string[]> = {
  theme_agent: [
    'theme',
    'themed',
    'decor',
    'decoration',
    'jungle',
    'space',
    'unicorn',
    'princess',
    'superhero',
    'safari',
    'pirate',
    'dinosaur',
    'color',
    'colour',
  ],
  venue_agent: ['venue', 'location', 'hall', 'park', 'guest', 'people', 'room', 'backyard', 'place'],
  cake_agent: ['cake', 'cupcake', 'dessert', 'sweet', 'bakery', 'frosting'],
  catering_agent: [
    'food',
    'menu',
    'catering',
    'caterer',
    'meal',
    'lunch',
    'dinner',
    'snack',
    'pizza',
    'buffet',
    'vegan',
    'vegetarian',
  ],
  vendor_agent: [
    'vendor',
    'balloon',
    'photography',
    'photographer',
    'entertainment',
    'entertainer',
    'magician',
    'clown',
    'dj',
    'music',
  ],
};

const WORD = /[a-z]+/g;

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** The agents that an input concerns, in pipeline order; empty when it fits nothing. */
export function classifyInput(content: string): PipelineAgent[] {
  const words = new Set((content.toLowerCase().match(WORD) ?? []).map(singular));
  return (Object.keys(KEYWORDS) as PipelineAgent[]).filter((agent) =>
    KEYWORDS[agent].some((keyword) => words.has(keyword)),
  );
}
