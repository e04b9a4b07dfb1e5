import { describe, expect, it } from 'vitest';
import { type Category, type InputFacts, InputUnderstanding, NO_FACTS } from '#shared/pipeline/facts.ts';
import { mergeFacts, understandInput, understandText } from '#shared/pipeline/understanding/index.ts';

interface Row {
  readonly input: string;
  readonly categories: readonly Category[];
  /** Only the facts listed are asserted; the categories are asserted exactly. */
  readonly facts?: Partial<InputFacts>;
}

const usd = (max: number, min: number | null = null) => ({ min, max, currency: 'USD' });

const ROWS: readonly Row[] = [
  // The three of the brief.
  {
    input: 'jungle theme party for 75 guests',
    categories: ['theme', 'venue'],
    facts: { guest_count: 75, themes: ['jungle'] },
  },
  { input: 'budget $1500', categories: [], facts: { budget: usd(1500) } },
  { input: 'nut-free chocolate cake', categories: ['cake'], facts: { dietary: ['nut-free'] } },

  // Themes, colours and styles.
  {
    input: 'Jungle Theme!! 🦁 for about 30 ppl',
    categories: ['theme', 'venue'],
    facts: { guest_count: 30, themes: ['jungle'] },
  },
  { input: 'DINOSAUR PARTY!!! 🦖🦖', categories: ['theme'], facts: { themes: ['dinosaur'] } },
  {
    input: "my daughter is turning 6!! she's obsessed with mermaids 🧜‍♀️",
    categories: ['theme'],
    facts: { age: 6, occasion: 'birthday', themes: ['mermaid'] },
  },
  { input: 'we want a paw patrol theme', categories: ['theme'], facts: { themes: ['paw patrol'] } },
  { input: 'theme: toy story', categories: ['theme'], facts: { themes: ['toy story'] } },
  {
    input: 'halloween themed 8th birthday',
    categories: ['theme'],
    facts: { age: 8, occasion: 'birthday', themes: ['halloween'] },
  },
  {
    input: 'Frozen theme, blue and silver, whimsical',
    categories: ['theme'],
    facts: { themes: ['frozen'], colors: ['blue', 'silver'], styles: ['whimsical'] },
  },
  {
    input: 'pink and gold decorations, elegant but fun',
    categories: ['theme'],
    facts: { colors: ['pink', 'gold'], styles: ['elegant'], themes: [] },
  },
  {
    input: 'rose gold and blush decorations',
    categories: ['theme'],
    facts: { colors: ['rose gold', 'blush'] },
  },
  {
    input: 'boho chic bridal shower, sage and cream colors',
    categories: ['theme'],
    facts: { occasion: 'bridal shower', colors: ['sage', 'cream'], styles: ['boho'] },
  },
  {
    input: 'harry potter themed 11th bday',
    categories: ['theme'],
    facts: { age: 11, occasion: 'birthday', themes: ['harry potter'] },
  },
  { input: 'Disco theme, 70s vibe', categories: ['theme'], facts: { themes: ['disco', '70s'] } },
  {
    input: 'twenty kids, pirate theme',
    categories: ['theme', 'venue'],
    facts: { guest_count: 20, themes: ['pirate'] },
  },
  {
    input: 'Hawaiian luau, 45 guests, on the beach',
    categories: ['theme', 'venue'],
    facts: { guest_count: 45, location: 'beach', themes: ['luau'] },
  },
  {
    input: 'Sports theme for my son’s 10th',
    categories: ['theme'],
    facts: { age: 10, occasion: 'birthday', themes: ['sports'] },
  },

  // Venues, places and guest counts.
  { input: 'party of 12', categories: ['venue'], facts: { guest_count: 12 } },
  { input: 'headcount: 40', categories: ['venue'], facts: { guest_count: 40 } },
  {
    input: 'Looking for a venue in Brooklyn for ~80 ppl on 9/20/2026',
    categories: ['venue'],
    facts: { guest_count: 80, location: 'Brooklyn', date: '2026-09-20' },
  },
  {
    input: 'Retirement party for my dad at the Elks Lodge, about 100 guests',
    categories: ['venue'],
    facts: { guest_count: 100, occasion: 'retirement', location: 'Elks Lodge' },
  },
  {
    input: 'rustic barn venue for 120 guests',
    categories: ['venue'],
    facts: { guest_count: 120, styles: ['rustic'] },
  },
  { input: 'party at Riverside Park', categories: ['venue'], facts: { location: 'Riverside Park' } },
  { input: 'somewhere in Austin, TX', categories: ['venue'], facts: { location: 'Austin, TX' } },
  { input: 'near downtown if possible', categories: ['venue'], facts: { location: 'downtown' } },
  {
    input: "my husband's 40th at our house",
    categories: ['venue'],
    facts: { age: 40, occasion: 'birthday', location: 'our house' },
  },
  { input: 'What venues hold 200+?', categories: ['venue'], facts: { guest_count: 200 } },
  { input: "we're expecting 35-40 people", categories: ['venue'], facts: { guest_count: 40 } },
  { input: '20 kids and 10 adults', categories: ['venue'], facts: { guest_count: 30 } },
  { input: 'Need it to fit about 75', categories: ['venue'], facts: { guest_count: 75 } },
  { input: 'Venue must be wheelchair accessible', categories: ['venue'], facts: { guest_count: null } },
  {
    input: 'Kids party, 15 children ages 4 to 6',
    categories: ['venue'],
    facts: { guest_count: 15, age: 4 },
  },
  {
    input: 'Table for 8 at a sushi restaurant',
    categories: ['venue'],
    facts: { guest_count: 8, location: null },
  },
  {
    input: 'Event at 6pm - 10pm at The Grand Hall',
    categories: ['venue'],
    facts: { location: 'The Grand Hall', guest_count: null, date: null },
  },

  // Cakes and dietary needs.
  {
    input: 'unicorn cake with pastel frosting',
    categories: ['theme', 'cake'],
    facts: { themes: ['unicorn'], colors: ['pastel'] },
  },
  {
    input: 'cake should be egg free (my nephew has an egg allergy)',
    categories: ['cake'],
    facts: { dietary: ['egg-free'] },
  },
  {
    input: '3 dozen cupcakes, half vanilla half chocolate',
    categories: ['cake'],
    facts: { guest_count: null },
  },
  { input: 'red velvet cupcakes', categories: ['cake'], facts: { colors: [] } },
  {
    input: 'superhero cake for 15 kids',
    categories: ['theme', 'venue', 'cake'],
    facts: { guest_count: 15, themes: ['superhero'] },
  },
  {
    input: 'Cupcakes for 24 kids, 2 vegan',
    categories: ['venue', 'cake'],
    facts: { guest_count: 24, dietary: ['vegan'] },
  },
  {
    input: 'first birthday, smash cake photoshoot',
    categories: ['cake', 'vendor'],
    facts: { age: 1, occasion: 'birthday' },
  },

  // Catering.
  { input: 'vegan menu please', categories: ['catering'], facts: { dietary: ['vegan'] } },
  {
    input: 'Can we do a taco bar? Also need vegetarian options',
    categories: ['catering'],
    facts: { dietary: ['vegetarian'] },
  },
  {
    input: 'gluten free and dairy free options, one guest is celiac',
    categories: ['catering'],
    facts: { dietary: ['gluten-free', 'dairy-free'], guest_count: null },
  },
  {
    input: 'peanut allergy in the class so no nuts please',
    categories: ['catering'],
    facts: { dietary: ['nut-free'], location: null },
  },
  {
    input: 'Kosher menu, no dairy',
    categories: ['catering'],
    facts: { dietary: ['kosher', 'dairy-free'] },
  },
  {
    input: 'halal catering for 200',
    categories: ['venue', 'catering'],
    facts: { guest_count: 200, dietary: ['halal'] },
  },
  {
    input: 'backyard bbq, 40-50 people, mid-July',
    categories: ['venue', 'catering'],
    facts: { guest_count: 50, date: 'mid-July' },
  },
  { input: 'pizza and juice boxes', categories: ['catering'] },
  {
    input: 'Cocktail party w/ heavy apps for 80',
    categories: ['venue', 'catering'],
    facts: { guest_count: 80 },
  },
  {
    input: 'a caterer in Austin',
    categories: ['catering'],
    facts: { location: 'Austin' },
  },

  // Vendors.
  { input: 'DJ and a photographer', categories: ['vendor'] },
  { input: 'Need DJ, photographer, and a bouncy castle!!', categories: ['vendor'] },
  { input: 'bounce house and face painting', categories: ['vendor'] },
  { input: 'pink and gold balloons', categories: ['vendor'], facts: { colors: ['pink', 'gold'] } },
  {
    input: 'fiesta theme w/ mariachi band',
    categories: ['theme', 'vendor'],
    facts: { themes: ['fiesta'] },
  },
  { input: 'need a magician or a clown for the kids', categories: ['vendor'] },
  {
    input: 'dino cake + balloons 🎈',
    categories: ['theme', 'cake', 'vendor'],
    facts: { themes: ['dinosaur'] },
  },

  // Budgets, alone and with other facts.
  { input: 'budget between 1000 and 2000', categories: [], facts: { budget: usd(2000, 1000) } },
  { input: '$1k-$2k', categories: [], facts: { budget: usd(2000, 1000) } },
  { input: '1-2k for the whole thing', categories: [], facts: { budget: usd(2000, 1000) } },
  { input: 'budget: 800-1200', categories: [], facts: { budget: usd(1200, 800) } },
  { input: '1.5k max', categories: [], facts: { budget: usd(1500) } },
  { input: 'under 2000', categories: [], facts: { budget: usd(2000) } },
  { input: 'up to $800', categories: [], facts: { budget: usd(800) } },
  { input: 'max 3k', categories: [], facts: { budget: usd(3000) } },
  { input: '1500 dollars', categories: [], facts: { budget: usd(1500) } },
  { input: 'Budget is around 2,500 USD', categories: [], facts: { budget: usd(2500) } },
  { input: 'we have about $3000 to spend total', categories: [], facts: { budget: usd(3000) } },
  { input: '€900', categories: [], facts: { budget: { min: null, max: 900, currency: 'EUR' } } },
  { input: '£500 total', categories: [], facts: { budget: { min: null, max: 500, currency: 'GBP' } } },
  {
    input: 'no more than 750 euros',
    categories: [],
    facts: { budget: { min: null, max: 750, currency: 'EUR' } },
  },
  { input: 'approx 1.2k GBP', categories: [], facts: { budget: { min: null, max: 1200, currency: 'GBP' } } },
  {
    input: '5th birthday for 20 kids, budget $500',
    categories: ['venue'],
    facts: { age: 5, occasion: 'birthday', guest_count: 20, budget: usd(500) },
  },
  {
    input: 'wedding reception for 150, budget $20k',
    categories: ['venue'],
    facts: { occasion: 'wedding', guest_count: 150, budget: usd(20_000) },
  },
  {
    input: 'office holiday party for 60 employees, under $5,000',
    categories: ['venue'],
    facts: { guest_count: 60, budget: usd(5000), occasion: 'holiday party' },
  },
  {
    input: "Let's do something elegant: black and gold, 30 guests, $2k budget",
    categories: ['theme', 'venue'],
    facts: { guest_count: 30, budget: usd(2000), colors: ['black', 'gold'], styles: ['elegant'] },
  },
  {
    input: '$25 per person for 40 guests',
    categories: ['venue'],
    facts: { guest_count: 40, budget: usd(1000) },
  },

  // Dates, ages and occasions alone.
  { input: 'June 14, 2027', categories: [], facts: { date: '2027-06-14' } },
  { input: '2027-06-14', categories: [], facts: { date: '2027-06-14' } },
  { input: '14/06/2027', categories: [], facts: { date: '2027-06-14' } },
  { input: 'next Saturday', categories: [], facts: { date: 'next Saturday' } },
  { input: 'this weekend!', categories: [], facts: { date: 'this weekend' } },
  {
    input: 'the party is next Saturday at 3pm',
    categories: [],
    facts: { date: 'next Saturday', guest_count: null, location: null },
  },
  {
    input: 'gender reveal in two weeks',
    categories: [],
    facts: { date: 'in two weeks', occasion: 'gender reveal' },
  },
  { input: 'my son turns 7', categories: [], facts: { age: 7 } },
  { input: 'for my 5 year old', categories: [], facts: { age: 5, guest_count: null } },
  {
    input: 'My twins turn 3 on March 3rd',
    categories: [],
    facts: { age: 3, date: 'March 3rd', occasion: 'birthday' },
  },
  {
    input: 'Graduation party June 6 2026 for 100 people',
    categories: ['venue'],
    facts: { occasion: 'graduation', date: '2026-06-06', guest_count: 100 },
  },
  {
    input: 'Sweet 16 for my daughter, 60 guests',
    categories: ['venue'],
    facts: { age: 16, occasion: 'birthday', guest_count: 60 },
  },
  { input: '50th wedding anniversary party', categories: [], facts: { occasion: 'anniversary', age: null } },
  {
    input: 'Rustic wedding in a barn, 150 guests, fall 2026',
    categories: ['theme', 'venue'],
    facts: { occasion: 'wedding', guest_count: 150, date: 'fall 2026', styles: ['rustic'] },
  },

  // Long, chatty inputs.
  {
    input:
      "Hi! We're planning my daughter Lily's 7th birthday. She loves unicorns and rainbows. About 15 kids, budget around $400.",
    categories: ['theme', 'venue'],
    facts: {
      age: 7,
      occasion: 'birthday',
      themes: ['unicorn', 'rainbow'],
      guest_count: 15,
      budget: usd(400),
    },
  },
  {
    input: 'Company holiday party, 120 employees, Dec 12, 2026, budget $15k-$20k, need catering and a DJ',
    categories: ['venue', 'catering', 'vendor'],
    facts: {
      guest_count: 120,
      date: '2026-12-12',
      budget: usd(20_000, 15_000),
      occasion: 'holiday party',
    },
  },
  {
    input: 'Need a venue that fits 80 people in Chicago on June 14, 2027',
    categories: ['venue'],
    facts: { guest_count: 80, location: 'Chicago', date: '2027-06-14' },
  },
  {
    input: 'Baby shower for my sister — 30 ladies, brunch, pastel colors 🌸',
    categories: ['theme', 'venue', 'catering'],
    facts: { occasion: 'baby shower', guest_count: 30, colors: ['pastel'] },
  },
  {
    input: '40 people, pizza + salad, $15/head',
    categories: ['venue', 'catering'],
    facts: { guest_count: 40, budget: usd(600) },
  },
  {
    input: 'Party on Sat 3/14 at 2pm',
    categories: [],
    facts: { date: '3/14', guest_count: null, budget: null },
  },
  {
    input: 'looking for options in the $800-1000 range',
    categories: [],
    facts: { budget: usd(1000, 800) },
  },
  {
    input: 'SPACE THEMED PARTY FOR 25 KIDS IN THE BACKYARD, $600 BUDGET',
    categories: ['theme', 'venue'],
    facts: { themes: ['space'], guest_count: 25, location: 'BACKYARD', budget: usd(600) },
  },

  // Fits nothing: kept, and later shown as something to clarify.
  { input: "can't decide yet", categories: [] },
  { input: 'hello?', categories: [] },
  { input: 'thx!', categories: [] },
];

describe('understandInput over real-sounding inputs', () => {
  it.each(ROWS.map((row) => [row.input, row] as const))('%s', (_, row) => {
    const understood = understandInput(row.input);
    expect(InputUnderstanding.parse(understood)).toEqual(understood);
    expect(understood.categories).toEqual(row.categories);
    if (row.facts) expect(understood.facts).toMatchObject(row.facts);
  });

  it('has a table of at least 60 inputs', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });
});

describe('"space"', () => {
  it.each(['a space theme', 'outer space party', 'space-themed birthday for my 7 yo', 'Space!'])(
    'is a theme in %j',
    (input) => {
      const { categories, facts } = understandInput(input);
      expect(categories).toContain('theme');
      expect(categories).not.toContain('venue');
      expect(facts.themes).toEqual(['space']);
    },
  );

  it.each([
    'we need a space for 50 people',
    'event space downtown',
    'need a bigger space',
    'outdoor space with shade',
  ])('is a venue in %j', (input) => {
    const { categories, facts } = understandInput(input);
    expect(categories).toContain('venue');
    expect(categories).not.toContain('theme');
    expect(facts.themes).toEqual([]);
  });

  it('can be both in one input', () => {
    expect(understandInput('a space-themed party in a space downtown').categories).toEqual([
      'theme',
      'venue',
    ]);
  });
});

describe('numbers', () => {
  it('are each read once, by the right reader', () => {
    expect(understandInput('5th birthday for 20 kids, budget $500').facts).toMatchObject({
      age: 5,
      guest_count: 20,
      budget: { min: null, max: 500, currency: 'USD' },
    });
    expect(understandInput('budget 600 for 25 guests on 6/14/2027').facts).toMatchObject({
      guest_count: 25,
      budget: { min: null, max: 600, currency: 'USD' },
      date: '2027-06-14',
    });
    expect(understandInput('pizza for 30 kids at 2pm, 3 hours').facts).toMatchObject({
      guest_count: 30,
      budget: null,
    });
  });

  it('that count guests or ages are no budget', () => {
    expect(understandInput('under 200 guests please').facts).toMatchObject({
      guest_count: 200,
      budget: null,
    });
    expect(understandInput('party for 20 5-year-olds').facts).toMatchObject({ guest_count: 20, age: 5 });
    expect(understandInput('something for 8-10 year olds').facts).toMatchObject({
      guest_count: null,
      age: 8,
    });
  });

  it('read a per-person price as a total only when the guest count is known', () => {
    expect(understandInput('$30 a head for 50 people').facts.budget).toEqual({
      min: null,
      max: 1500,
      currency: 'USD',
    });
    expect(understandInput('$30 a head').facts.budget).toBeNull();
  });

  it('prefer the amount said as the budget', () => {
    expect(understandInput('cake around $100, total budget $1,500').facts.budget).toEqual({
      min: null,
      max: 1500,
      currency: 'USD',
    });
  });

  it('read a day before the month only when it cannot be a month', () => {
    expect(understandInput('06/07/2027').facts.date).toBe('2027-06-07');
    expect(understandInput('13/07/2027').facts.date).toBe('2027-07-13');
    expect(understandInput('2027-02-30').facts.date).toBeNull();
  });
});

describe('inputs without a category', () => {
  it.each(['budget $1500', 'next Saturday', 'my son turns 7', 'hello?', '??', ''])('%j', (input) => {
    expect(understandInput(input).categories).toEqual([]);
  });

  it('keep a budget for the analyzer to route', () => {
    expect(understandInput('our budget is $2,000').facts.budget).toEqual({
      min: null,
      max: 2000,
      currency: 'USD',
    });
  });
});

describe('understandInput', () => {
  it('gives the same result for the same input', () => {
    for (const { input } of ROWS) expect(understandText(input)).toEqual(understandText(input));
    for (const { input } of ROWS) expect(understandInput(input)).toEqual(understandText(input));
  });

  it('hands out its own copy each time, so a caller that changes one changes no other', () => {
    const first = understandInput('jungle theme for 75 guests');
    first.categories.push('cake');
    Object.assign(first.facts, { guest_count: 2 });
    expect(understandInput('jungle theme for 75 guests')).toMatchObject({
      categories: ['theme', 'venue'],
      facts: { guest_count: 75, themes: ['jungle'] },
    });
  });
});

describe('mergeFacts', () => {
  const facts = (content: string) => understandInput(content).facts;

  it('has no facts for no inputs', () => {
    expect(mergeFacts([])).toEqual(NO_FACTS);
  });

  it('lets a later input win for single values and keeps what later inputs do not say', () => {
    const merged = mergeFacts([
      facts('jungle theme party for 75 guests at Riverside Park'),
      facts('budget $1500'),
      facts('actually 90 guests, budget $2k'),
    ]);
    expect(merged).toMatchObject({
      guest_count: 90,
      budget: { min: null, max: 2000, currency: 'USD' },
      location: 'Riverside Park',
      themes: ['jungle'],
    });
  });

  it('merges lists without repeats, in first-seen order', () => {
    const merged = mergeFacts([
      facts('nut-free cake, pink and gold'),
      facts('vegan menu, no nuts'),
      facts('gold and white balloons, safari or jungle theme'),
      facts('jungle decorations'),
    ]);
    expect(merged.dietary).toEqual(['nut-free', 'vegan']);
    expect(merged.colors).toEqual(['pink', 'gold', 'white']);
    expect(merged.themes).toEqual(['safari', 'jungle']);
  });

  it('does not change its inputs', () => {
    const first = facts('pink decorations for 20 kids');
    const copy = structuredClone(first);
    mergeFacts([first, facts('gold balloons for 30 kids')]);
    expect(first).toEqual(copy);
  });
});
