import { describe, expect, it } from 'vitest';
import type { BudgetKind } from '#shared/contracts/primitives.ts';
import {
  type Category,
  type InputFacts,
  InputUnderstanding,
  NO_FACTS,
} from '#shared/contracts/understanding.ts';
import { USD_PER_UNIT } from '#shared/domain/currency.ts';
import { mergeFacts, understandInput } from '#shared/domain/understanding/index.ts';

/** Wednesday 6 May 2026, 10:00 UTC: the moment every input here was added. */
const ADDED_AT = '2026-05-06T10:00:00.000Z';
const understand = (content: string, addedAt = ADDED_AT) => understandInput(content, addedAt);

interface Row {
  readonly input: string;
  readonly categories: readonly Category[];
  /** Only the facts listed are asserted; the categories are asserted exactly. */
  readonly facts?: Partial<InputFacts>;
}

const usd = (max: number | null, min: number | null = null, kind: BudgetKind = 'amount') => ({
  min,
  max,
  currency: 'USD',
  kind,
});

const money = (max: number, currency: string) => ({ min: null, max, currency, kind: 'amount' as const });

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
    // A beach is a kind of place, not a place name.
    facts: { guest_count: 45, location: null, venue_kind: 'beach', themes: ['luau'] },
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
    facts: { age: 40, occasion: 'birthday', location: null, venue_kind: 'home' },
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
    // A month names no day, so it gives no date.
    facts: { guest_count: 50, date: null },
  },
  {
    input: 'between 100 and 200 guests',
    categories: ['venue'],
    // A range of guests is no money at either end.
    facts: { guest_count: 200, budget: null },
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
  { input: 'budget between 1000 and 2000', categories: [], facts: { budget: usd(2000, 1000, 'range') } },
  { input: '$1k-$2k', categories: [], facts: { budget: usd(2000, 1000, 'range') } },
  { input: '1-2k for the whole thing', categories: [], facts: { budget: usd(2000, 1000, 'range') } },
  { input: 'budget: 800-1200', categories: [], facts: { budget: usd(1200, 800, 'range') } },
  { input: '1.5k max', categories: [], facts: { budget: usd(1500, null, 'ceiling') } },
  { input: 'under 2000', categories: [], facts: { budget: usd(2000, null, 'ceiling') } },
  { input: 'up to $800', categories: [], facts: { budget: usd(800, null, 'ceiling') } },
  { input: 'max 3k', categories: [], facts: { budget: usd(3000, null, 'ceiling') } },
  { input: '1500 dollars', categories: [], facts: { budget: usd(1500) } },
  { input: 'Budget is around 2,500 USD', categories: [], facts: { budget: usd(2500, null, 'approximate') } },
  {
    input: 'we have about $3000 to spend total',
    categories: [],
    facts: { budget: usd(3000, null, 'approximate') },
  },
  {
    input: '€900',
    categories: [],
    facts: { budget: { min: null, max: 900, currency: 'EUR', kind: 'amount' } },
  },
  {
    input: '£500 total',
    categories: [],
    facts: { budget: { min: null, max: 500, currency: 'GBP', kind: 'amount' } },
  },
  {
    input: 'no more than 750 euros',
    categories: [],
    facts: { budget: { min: null, max: 750, currency: 'EUR', kind: 'ceiling' } },
  },
  {
    input: 'approx 1.2k GBP',
    categories: [],
    facts: { budget: { min: null, max: 1200, currency: 'GBP', kind: 'approximate' } },
  },
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
    facts: { guest_count: 60, budget: usd(5000, null, 'ceiling'), occasion: 'holiday party' },
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
  // Dates resolve against ADDED_AT, a Wednesday; "next Saturday" is the one of next week (chrono-node).
  { input: 'next Saturday', categories: [], facts: { date: '2026-05-16', time: null } },
  { input: 'this weekend!', categories: [], facts: { date: '2026-05-09' } },
  {
    input: 'the party is next Saturday at 3pm',
    categories: [],
    facts: { date: '2026-05-16', time: '15:00', guest_count: null, location: null },
  },
  {
    input: 'gender reveal in two weeks',
    categories: [],
    facts: { date: '2026-05-20', occasion: 'gender reveal' },
  },
  { input: 'my son turns 7', categories: [], facts: { age: 7 } },
  { input: 'for my 5 year old', categories: [], facts: { age: 5, guest_count: null } },
  {
    input: 'My twins turn 3 on March 3rd',
    categories: [],
    facts: { age: 3, date: '2027-03-03', occasion: 'birthday' },
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
    facts: { occasion: 'wedding', guest_count: 150, date: null, styles: ['rustic'] },
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
      budget: usd(400, null, 'approximate'),
    },
  },
  {
    input: 'Company holiday party, 120 employees, Dec 12, 2026, budget $15k-$20k, need catering and a DJ',
    categories: ['venue', 'catering', 'vendor'],
    facts: {
      guest_count: 120,
      date: '2026-12-12',
      budget: usd(20_000, 15_000, 'range'),
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
    facts: { date: '2027-03-14', time: '14:00', guest_count: null, budget: null },
  },
  {
    input: 'looking for options in the $800-1000 range',
    categories: [],
    facts: { budget: usd(1000, 800, 'range') },
  },
  {
    input: 'SPACE THEMED PARTY FOR 25 KIDS IN THE BACKYARD, $600 BUDGET',
    categories: ['theme', 'venue'],
    facts: { themes: ['space'], guest_count: 25, location: null, venue_kind: 'home', budget: usd(600) },
  },

  // An outside tester's findings: foreign currencies, take-backs and negations, typos.
  { input: 'budget ₩500,000', categories: [], facts: { budget: money(500000, 'KRW') } },
  { input: 'budget $2,000 HKD', categories: [], facts: { budget: money(2000, 'HKD') } },
  { input: '$3,000 SGD', categories: [], facts: { budget: money(3000, 'SGD') } },
  { input: 'R$ 2000', categories: [], facts: { budget: money(2000, 'BRL') } },
  { input: '₪5000', categories: [], facts: { budget: money(5000, 'ILS') } },
  { input: 'zł3000', categories: [], facts: { budget: money(3000, 'PLN') } },
  { input: '3000 zł', categories: [], facts: { budget: money(3000, 'PLN') } },
  { input: '¥2000 CNY', categories: [], facts: { budget: money(2000, 'CNY') } },
  { input: '¥2000 RMB', categories: [], facts: { budget: money(2000, 'CNY') } },
  { input: '2000 yuan', categories: [], facts: { budget: money(2000, 'CNY') } },
  { input: '¥2000', categories: [], facts: { budget: money(2000, 'JPY') } },
  { input: 'budget 3000 SEK', categories: [], facts: { budget: money(3000, 'SEK') } },
  { input: 'budget 5000 ZAR', categories: [], facts: { budget: money(5000, 'ZAR') } },
  // No reference rate: understood as baht all the same (the budget then says it cannot compare it).
  { input: 'budget 30000 THB', categories: [], facts: { budget: money(30000, 'THB') } },
  { input: '5000 baht', categories: [], facts: { budget: money(5000, 'THB') } },
  { input: 'cancel the DJ', categories: ['vendor'], facts: { requests: [], excluded: ['dj'] } },
  { input: 'remove the DJ', categories: ['vendor'], facts: { requests: [], excluded: ['dj'] } },
  { input: 'drop the band', categories: ['vendor'], facts: { requests: [], excluded: ['band'] } },
  { input: 'never mind the band', categories: ['vendor'], facts: { requests: [], excluded: ['band'] } },
  { input: 'forget the magician', categories: ['vendor'], facts: { requests: [], excluded: ['magician'] } },
  {
    input: "don't forget the magician",
    categories: ['vendor'],
    facts: { requests: ['magician'], excluded: [] },
  },
  { input: 'no DJ after all', categories: ['vendor'], facts: { requests: [], excluded: ['dj'] } },
  {
    input: 'not a fan of princess stuff',
    categories: ['theme'],
    facts: { themes: [], excluded: ['princess'] },
  },
  { input: 'anything but pink', categories: ['theme'], facts: { colors: [], excluded: ['pink'] } },
  { input: "we're not doing pink", categories: ['theme'], facts: { colors: [], excluded: ['pink'] } },
  { input: "let's not do formal", categories: ['theme'], facts: { styles: [], excluded: ['formal'] } },
  {
    input: 'not at home after all',
    categories: ['venue'],
    facts: { venue_kind: null, excluded: ['home'] },
  },
  {
    input: 'no dinosaurs, space instead',
    categories: ['theme'],
    facts: { themes: ['space'], excluded: ['dinosaur'] },
  },
  { input: 'vegitarian food', categories: ['catering'], facts: { dietary: ['vegetarian'] } },
  { input: 'vegeterian cake', categories: ['cake'], facts: { dietary: ['vegetarian'] } },
  { input: 'glutten free', categories: ['catering'], facts: { dietary: ['gluten-free'] } },
  {
    input: 'my wifes 40th',
    categories: [],
    facts: { age: 40, occasion: 'birthday', audience: 'adults' },
  },

  // Fits nothing: kept, and later shown as something to clarify.
  { input: "can't decide yet", categories: [] },
  { input: 'hello?', categories: [] },
  { input: 'thx!', categories: [] },
];

describe('understandInput over real-sounding inputs', () => {
  it.each(ROWS.map((row) => [row.input, row] as const))('%s', (_, row) => {
    const understood = understand(row.input);
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
      const { categories, facts } = understand(input);
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
    const { categories, facts } = understand(input);
    expect(categories).toContain('venue');
    expect(categories).not.toContain('theme');
    expect(facts.themes).toEqual([]);
  });

  it('can be both in one input', () => {
    expect(understand('a space-themed party in a space downtown').categories).toEqual(['theme', 'venue']);
  });
});

describe('numbers', () => {
  it('are each read once, by the right reader', () => {
    expect(understand('5th birthday for 20 kids, budget $500').facts).toMatchObject({
      age: 5,
      guest_count: 20,
      budget: { min: null, max: 500, currency: 'USD' },
    });
    expect(understand('budget 600 for 25 guests on 6/14/2027').facts).toMatchObject({
      guest_count: 25,
      budget: { min: null, max: 600, currency: 'USD' },
      date: '2027-06-14',
    });
    expect(understand('pizza for 30 kids at 2pm, 3 hours').facts).toMatchObject({
      guest_count: 30,
      budget: null,
    });
  });

  it('that count guests or ages are no budget', () => {
    expect(understand('under 200 guests please').facts).toMatchObject({
      guest_count: 200,
      budget: null,
    });
    expect(understand('party for 20 5-year-olds').facts).toMatchObject({ guest_count: 20, age: 5 });
    expect(understand('something for 8-10 year olds').facts).toMatchObject({
      guest_count: null,
      age: 8,
    });
  });

  it('read a per-person price as a total only when the guest count is known', () => {
    expect(understand('$30 a head for 50 people').facts.budget).toEqual(usd(1500));
    expect(understand('$30 a head').facts.budget).toBeNull();
  });

  it('prefer the amount said as the budget', () => {
    expect(understand('cake around $100, total budget $1,500').facts.budget).toEqual(usd(1500));
  });

  it('read a day before the month only when it cannot be a month', () => {
    expect(understand('06/07/2027').facts.date).toBe('2027-06-07');
    expect(understand('13/07/2027').facts.date).toBe('2027-07-13');
    expect(understand('2027-02-30').facts.date).toBeNull();
  });
});

describe('inputs without a category', () => {
  it.each(['budget $1500', 'next Saturday', 'my son turns 7', 'hello?', '??', ''])('%j', (input) => {
    expect(understand(input).categories).toEqual([]);
  });

  it('keep a budget for the analyzer to route', () => {
    expect(understand('our budget is $2,000').facts.budget).toEqual(usd(2000));
  });
});

describe('understandInput', () => {
  it('gives the same result for the same input', () => {
    for (const { input } of ROWS) expect(understand(input)).toEqual(understand(input));
    for (const { input } of ROWS) expect(understand(input)).toEqual(understand(input));
  });

  it('hands out its own copy each time, so a caller that changes one changes no other', () => {
    const first = understand('jungle theme for 75 guests');
    first.categories.push('cake');
    Object.assign(first.facts, { guest_count: 2 });
    expect(understand('jungle theme for 75 guests')).toMatchObject({
      categories: ['theme', 'venue'],
      facts: { guest_count: 75, themes: ['jungle'] },
    });
  });
});

describe('mergeFacts', () => {
  const facts = (content: string) => understand(content).facts;

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

  it('replaces an age with a later audience that says otherwise, and keeps one that agrees', () => {
    const birthday = facts("birthday party for my son's 7th, 40 guests");
    expect(mergeFacts([birthday, facts("actually it's a retirement party")])).toMatchObject({
      age: null,
      audience: 'adults',
      occasion: 'retirement',
    });
    expect(mergeFacts([birthday, facts('20 kids are coming')])).toMatchObject({ age: 7, audience: 'kids' });
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
    // The latest input's themes come first: the primary theme, then the alternates.
    expect(merged.themes).toEqual(['jungle', 'safari']);
  });

  it('does not change its inputs', () => {
    const first = facts('pink decorations for 20 kids');
    const copy = structuredClone(first);
    mergeFacts([first, facts('gold balloons for 30 kids')]);
    expect(first).toEqual(copy);
  });
});

/** One input, the facts it must state (only those listed are asserted). */
type FactRow = readonly [input: string, facts: Partial<InputFacts>];

const factsOf = (input: string) => {
  const understood = understand(input);
  expect(InputUnderstanding.parse(understood)).toEqual(understood);
  return understood.facts;
};

describe('corrections in one input', () => {
  it.each<FactRow>([
    ['actually 90 guests', { guest_count: 90 }],
    ["change of plans: we're doing a mermaid theme now", { themes: ['mermaid'], date: null }],
    ['the guest list grew to 60', { guest_count: 60 }],
    ['headcount is now 45', { guest_count: 45 }],
    ['make it 40 people', { guest_count: 40 }],
    ['make it 40', { guest_count: 40 }],
    ['pirates instead of dinosaurs', { themes: ['pirate'], excluded: ['dinosaur'] }],
    ['a DJ rather than a band', { requests: ['dj'], excluded: ['band'] }],
    ['we moved it to Lakeshore', { location: 'Lakeshore' }],
    ['moving the party to the Westlake area', { location: 'Westlake' }],
    ["let's do it in Old Town instead", { location: 'Old Town' }],
    ['in Old Town now please', { location: 'Old Town' }],
    ['at Riverside Park after all', { location: 'Riverside Park' }],
    ['party for 50 on the Eastside', { location: 'Eastside', guest_count: 50 }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });

  // What follows a correction word replaces what came before it, as a later input would.
  it.each<FactRow>([
    ['25 kids, make that 30', { guest_count: 30 }],
    ['30 guests, no wait 35', { guest_count: 35 }],
    ['40 guests. Actually 45', { guest_count: 45 }],
    ['party for 20 kids, sorry, 22 kids', { guest_count: 22 }],
    ['budget $500, actually make it $700', { budget: expect.objectContaining({ max: 700 }) }],
    ['dinosaur theme, actually mermaid', { themes: ['mermaid', 'dinosaur'] }],
    [
      'jungle theme for 30 kids, sorry, 35 kids, in Austin',
      { guest_count: 35, location: 'Austin', themes: ['jungle'] },
    ],
    [
      'sorry for the late notice, 30 guests at Riverside Park',
      { guest_count: 30, location: 'Riverside Park' },
    ],
    ['20 kids, I mean 25', { guest_count: 25 }],
  ])('%j corrects itself', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });
});

describe('negations', () => {
  it.each<FactRow>([
    ['no unicorns', { themes: [], excluded: ['unicorn'] }],
    ['not too formal', { styles: [], excluded: ['formal'] }],
    ['nothing princess', { themes: [], excluded: ['princess'] }],
    ['no clowns please', { requests: [], excluded: ['clown'] }],
    ['no clowns or magicians', { requests: [], excluded: ['clown', 'magician'] }],
    ['no clowns, a magician please', { requests: ['magician'], excluded: ['clown'] }],
    ['jungle theme but no pink', { themes: ['jungle'], colors: [], excluded: ['pink'] }],
    ["we don't want a DJ", { requests: [], excluded: ['dj'] }],
    ['not sure about the pirate theme yet', { themes: ['pirate'], excluded: [] }],
    ['no more than $900', { excluded: [], budget: usd(900, null, 'ceiling') }],
    ['no nuts please', { dietary: ['nut-free'], excluded: [] }],
    // The vendor category: every balloon supplier is ruled out.
    ['no balloons please', { requests: [], excluded: ['balloons'] }],
    ['no more balloons or clowns', { requests: [], excluded: ['balloons', 'clown'] }],
    ['no balloon arch', { requests: [], excluded: ['balloon_arch'] }],
    ['pink and gold balloons', { requests: [], excluded: [] }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });

  it('put the input in the category of what they rule out, so its agent runs again', () => {
    expect(understand('no unicorns').categories).toEqual(['theme']);
    expect(understand('no clowns please').categories).toEqual(['vendor']);
    expect(understand('no balloons please').categories).toEqual(['vendor']);
  });
});

describe('number words', () => {
  it.each<FactRow>([
    ['thirty-five guests', { guest_count: 35 }],
    // "Few" is taken as 3: a few dozen is 36.
    ['a few dozen guests', { guest_count: 36 }],
    ['a couple dozen kids', { guest_count: 24 }],
    ['two dozen guests', { guest_count: 24 }],
    ['a hundred guests', { guest_count: 100 }],
    ['a hundred and twenty guests', { guest_count: 120 }],
    ['two hundred and fifty guests', { guest_count: 250 }],
    ['one hundred twenty-five guests', { guest_count: 125 }],
    ['between 100 and 200 people', { guest_count: 200 }],
    ['twelve kids', { guest_count: 12 }],
    ['party for twenty', { guest_count: 20, budget: null }],
    ['around fifteen hundred dollars', { budget: usd(1500, null, 'approximate') }],
    ['two thousand euros', { budget: { min: null, max: 2000, currency: 'EUR', kind: 'amount' } }],
    ['budget is two thousand', { budget: usd(2000) }],
    ['1.5k', { budget: usd(1500) }],
    ['a few friends', { guest_count: null }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });
});

describe('typos', () => {
  it.each<FactRow>([
    ['birthdya party', { occasion: 'birthday' }],
    ['30 peolpe', { guest_count: 30 }],
    ['dinosuar theme', { themes: ['dinosaur'] }],
    ['dinsaur theme', { themes: ['dinosaur'] }],
    ['unicron cake', { themes: ['unicorn'] }],
    ['thrity guests', { guest_count: 30 }],
    ['we need a photograper', { requests: ['photographer'] }],
    ['party on saturdya', { date: '2026-05-09' }],
    ['vegitarians please', { dietary: ['vegetarian'] }],
    ['glutten-free cupcakes', { dietary: ['gluten-free'] }],
    ['my husbands 50th', { age: 50, occasion: 'birthday', audience: 'adults' }],
  ])('are corrected in %j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });

  it.each<FactRow>([
    ['a cake by the lake', { themes: [] }],
    ['a private room', { themes: [], venue_kind: null }],
    ['they sing a jingle', { themes: [] }],
    ['a classical quartet', { styles: [] }],
    ['pirates everywhere', { themes: ['pirate'] }],
    // A target is no plural typo of itself ("coworkers" stays "coworkers").
    ['for my coworkers', { audience: 'adults' }],
    ['20 attendees', { guest_count: 20 }],
    ['lots of vegetation', { dietary: [] }],
    ['our husbands are invited too', { age: null }],
  ])('leave real words alone in %j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });

  it('keep a place name as typed', () => {
    expect(factsOf('birthdya party at Riverside Park')).toMatchObject({
      occasion: 'birthday',
      location: 'Riverside Park',
      venue_kind: 'park',
    });
  });
});

describe('ages and occasions', () => {
  it.each<FactRow>([
    ['his 60th', { age: 60, occasion: 'birthday' }],
    ['a surprise 60th for my husband', { age: 60, occasion: 'birthday' }],
    ['my 30th', { age: 30, occasion: 'birthday' }],
    ['sweet sixteen', { age: 16, occasion: 'birthday' }],
    ['their 25th anniversary', { age: null, occasion: 'anniversary' }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });
});

describe('dates and times', () => {
  it.each<FactRow>([
    ['next Saturday', { date: '2026-05-16', time: null }],
    ['this Saturday', { date: '2026-05-09' }],
    ['on the 14th', { date: '2026-05-14' }],
    ['on the 3rd', { date: '2026-06-03' }],
    ['June 7th 2027', { date: '2027-06-07' }],
    ['June 14', { date: '2026-06-14' }],
    ['tomorrow at 3pm', { date: '2026-05-07', time: '15:00' }],
    ['at 3pm', { date: null, time: '15:00' }],
    ['starts at 18:30', { time: '18:30' }],
    ['party at 7', { time: null, date: null }],
    ['next week', { date: null }],
    ['for 30 on the 14th', { guest_count: 30, date: '2026-05-14' }],
    ['5th birthday', { age: 5, date: null }],
    ['$30 per person for 10 guests', { date: null, budget: usd(300) }],
    ['a 7 year old', { age: 7, date: null }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toMatchObject(facts);
  });

  it("resolve against the moment the input was added, in that moment's own offset", () => {
    // 20:00 on 6 May in UTC-7 is already 7 May in UTC: tomorrow is still 7 May for the host.
    expect(understand('tomorrow', '2026-05-06T20:00:00-07:00').facts.date).toBe('2026-05-07');
    expect(understand('tomorrow', '2027-01-31T12:00:00Z').facts.date).toBe('2027-02-01');
    expect(understand('next Saturday', '2026-12-30T09:00:00Z').facts.date).toBe('2027-01-09');
  });
});

describe('money', () => {
  it.each<FactRow>([
    ['$2,000 AUD', { budget: { min: null, max: 2000, currency: 'AUD', kind: 'amount' } }],
    ['800 euros', { budget: { min: null, max: 800, currency: 'EUR', kind: 'amount' } }],
    ['€800', { budget: { min: null, max: 800, currency: 'EUR', kind: 'amount' } }],
    ['£500', { budget: { min: null, max: 500, currency: 'GBP', kind: 'amount' } }],
    ['CA$900', { budget: { min: null, max: 900, currency: 'CAD', kind: 'amount' } }],
    ['900 CAD', { budget: { min: null, max: 900, currency: 'CAD', kind: 'amount' } }],
    ['$1000-2000 AUD', { budget: { min: 1000, max: 2000, currency: 'AUD', kind: 'range' } }],
    ['budget $1500', { budget: usd(1500) }],
    ['up to $900', { budget: usd(900, null, 'ceiling') }],
    ['max $900', { budget: usd(900, null, 'ceiling') }],
    ["can't go over $900", { budget: usd(900, null, 'ceiling') }],
    ["can't spend more than $900", { budget: usd(900, null, 'ceiling') }],
    ['no more than $900', { budget: usd(900, null, 'ceiling') }],
    ['around $1500', { budget: usd(1500, null, 'approximate') }],
    ['about $1500', { budget: usd(1500, null, 'approximate') }],
    ['$1000-2000', { budget: usd(2000, 1000, 'range') }],
    ['at least $500', { budget: usd(null, 500, 'floor') }],
  ])('%j', (input, facts) => {
    expect(factsOf(input)).toEqual({ ...NO_FACTS, ...facts });
  });
});

describe('currencies', () => {
  // Every currency with a reference rate is read by its code, before or after the amount, in any case.
  it.each(Object.keys(USD_PER_UNIT))('%s', (code) => {
    for (const input of [`budget 3000 ${code}`, `budget 3000 ${code.toLowerCase()}`, `budget ${code} 3000`]) {
      expect(factsOf(input).budget, input).toEqual(money(3000, code));
    }
  });

  it.each<readonly [string, string]>([
    ['3000 kronor', 'SEK'],
    ['3000 krona', 'SEK'],
    ['3000 rand', 'ZAR'],
    ['3000 dirhams', 'AED'],
    ['3000 zloty', 'PLN'],
    ['3000 shekels', 'ILS'],
    ['3000 won', 'KRW'],
    ['3000 reais', 'BRL'],
    ['3000 renminbi', 'CNY'],
    ['RMB 3000', 'CNY'],
    ['HK$3000', 'HKD'],
    ['S$3000', 'SGD'],
  ])('%j is %s', (input, code) => {
    expect(factsOf(input).budget).toEqual(money(3000, code));
  });

  it('takes the code at the other end of a range over a bare "¥"', () => {
    expect(factsOf('¥1000-2000 CNY').budget).toEqual({
      min: 1000,
      max: 2000,
      currency: 'CNY',
      kind: 'range',
    });
  });

  it.each(['try 500 balloons', '50 real candles', 'I won the raffle'])('reads no money in %j', (input) => {
    expect(factsOf(input).budget).toBeNull();
  });
});

describe('venue kinds', () => {
  it.each<readonly [string, InputFacts['venue_kind']]>([
    // A rooftop bar is a rooftop: the more specific place.
    ['a rooftop bar for my 30th', 'rooftop'],
    ['private room at a restaurant', 'restaurant'],
    ['hosting it in our garden', 'home'],
    ['in our backyard', 'home'],
    ['at our place', 'home'],
    ['at home', 'home'],
    ['drinks at a bar downtown', 'bar'],
    ['a hall', 'hall'],
    ['community hall', 'hall'],
    ['in the park', 'park'],
    ['on the beach', 'beach'],
    ['a taco bar', null],
    ['trampoline park', null],
    ['garden party theme', null],
    ['beach party theme', null],
  ])('%j is %j', (input, kind) => {
    const understood = understand(input);
    expect(understood.facts.venue_kind).toBe(kind);
    if (kind !== null) expect(understood.categories).toContain('venue');
  });
});

describe('locations', () => {
  it.each<readonly [string, string | null]>([
    ['party at Riverside Park', 'Riverside Park'],
    ['birthday party for 30 in Westlake', 'Westlake'],
    ['near downtown if possible', 'downtown'],
    ['somewhere in midtown', 'midtown'],
    ['party at a park in Northside for 25 kids', 'Northside'],
    // Kinds of place: the host's own, or a venue kind.
    ['hosting it in our garden', null],
    ['in our backyard', null],
    ['at our place', null],
    ['at home', null],
    ["at Mom's house", null],
    ['on the beach', null],
    ['in the park', null],
    ['PARTY IN THE BACKYARD', null],
    // Spots, not places.
    ['balloon arch at the entrance', null],
    ['Balloon Arch At The Entrance', null],
    ['a photo booth by the door', null],
    ['flowers on the tables', null],
    ['a DJ on the stage', null],
    // Common words, and a theme said with capitals.
    ['party in town', null],
    ['a party in Paw Patrol theme', null],
  ])('%j is at %j', (input, location) => {
    expect(understand(input).facts.location).toBe(location);
  });

  it('drops a spot, so a balloon arch at the entrance is no venue matter', () => {
    expect(understand('balloon arch at the entrance').categories).toEqual(['vendor']);
  });
});

describe('audience', () => {
  it.each<readonly [string, InputFacts['audience']]>([
    ['a party for 20 kids', 'kids'],
    ['kids birthday party for 15 children', 'kids'],
    ['toddlers', 'kids'],
    ['something fun for the little ones', 'kids'],
    ['20 kids and 10 adults', 'kids'],
    ['teens', 'teens'],
    ['a party for teenagers', 'teens'],
    ['sweet sixteen party for 40', 'teens'],
    ['adults only', 'adults'],
    ['grown-ups only, no kids', 'adults'],
    ['for my coworkers', 'adults'],
    ['engagement party', 'adults'],
    ['wedding reception for 100', 'adults'],
    ['bachelorette party for 12', 'adults'],
    ['retirement party for my dad', 'adults'],
    ['my 30th', 'adults'],
    ['dinner for 12 adults', 'adults'],
    // An adults' occasion decides: a child at it is a guest.
    ['engagement party, kids welcome', 'adults'],
    // An age decides over the words.
    ['5th birthday party for 15 kids', 'kids'],
    ['jungle theme', null],
    ['party for 30 guests', null],
    ['for my son', null],
    ['graduation party', null],
  ])('%j is for %j', (input, audience) => {
    expect(understand(input).facts.audience).toBe(audience);
  });
});

describe('requests', () => {
  it.each<readonly [string, InputFacts['requests']]>([
    ["we'd love a live band", ['band']],
    ['a DJ', ['dj']],
    ['photographer', ['photographer']],
    ['someone to film it', ['videographer']],
    ['florist', ['florist']],
    ['flowers arranged', ['florist']],
    ['a magician', ['magician']],
    ['face painting', ['face_painter']],
    ['bounce house', ['bounce_house']],
    ['bouncy castle', ['bounce_house']],
    ['balloon arch', ['balloon_arch']],
    ['photo booth', ['photo_booth']],
    ['balloon animals', ['balloon_artist']],
    ['a clown', ['clown']],
    ['Need DJ, photographer, and a bouncy castle!!', ['dj', 'photographer', 'bounce_house']],
    ['pink and gold balloons', []],
  ])('%j asks for %j', (input, requests) => {
    const understood = understand(input);
    expect(understood.facts.requests).toEqual(requests);
    if (requests.length > 0) expect(understood.categories).toContain('vendor');
  });
});

describe('mergeFacts with corrections and exclusions', () => {
  const facts = (content: string) => understand(content).facts;

  it('puts the latest theme first and keeps earlier ones as alternates', () => {
    const merged = mergeFacts([
      facts('dinosaur theme for 30 kids'),
      facts("change of plans: we're doing a mermaid theme now"),
    ]);
    expect(merged.themes).toEqual(['mermaid', 'dinosaur']);
  });

  it('lets the latest input win for every single value', () => {
    const merged = mergeFacts([
      facts('75 guests on June 7th 2027 at 3pm, budget $1500, at our place'),
      facts('the guest list grew to 90'),
      facts('actually make it at 5pm, up to $2000, at a restaurant'),
    ]);
    expect(merged).toMatchObject({
      guest_count: 90,
      date: '2027-06-07',
      time: '17:00',
      budget: usd(2000, null, 'ceiling'),
      venue_kind: 'restaurant',
    });
  });

  it('drops what a later input excludes, and brings it back on a later mention', () => {
    const early = [facts('unicorn theme, pink and gold, a clown'), facts('no unicorns, no clowns please')];
    expect(mergeFacts(early)).toMatchObject({
      themes: [],
      colors: ['pink', 'gold'],
      requests: [],
      excluded: ['unicorn', 'clown'],
    });
    const later = mergeFacts([...early, facts('ok unicorns after all')]);
    expect(later).toMatchObject({ themes: ['unicorn'], requests: [], excluded: ['clown'] });
  });

  it('rules out balloons until a balloon supplier is asked for again', () => {
    const early = [facts('jungle theme party for 20 kids'), facts('no balloons please')];
    expect(mergeFacts(early)).toMatchObject({ requests: [], excluded: ['balloons'], audience: 'kids' });
    expect(mergeFacts([...early, facts('a balloon arch after all')])).toMatchObject({
      requests: ['balloon_arch'],
      excluded: [],
    });
  });

  it('lets a later place win: a correction of the location', () => {
    const merged = mergeFacts([facts('party for 40 guests in Riverside'), facts('we moved it to Lakeshore')]);
    expect(merged.location).toBe('Lakeshore');
    const moved = mergeFacts([
      facts('party for 50 on the Eastside'),
      facts("let's do it in Old Town instead"),
    ]);
    expect(moved.location).toBe('Old Town');
    const home = mergeFacts([facts('hosting it in our backyard'), facts('dinosaur theme for 12 kids')]);
    expect(home).toMatchObject({ location: null, venue_kind: 'home' });
  });

  it('cancels an earlier request when it is taken back', () => {
    for (const takeBack of ['cancel the DJ', 'remove the DJ', 'never mind the DJ', 'no DJ after all']) {
      const merged = mergeFacts([facts('40th birthday, we want a DJ'), facts(takeBack)]);
      expect(merged, takeBack).toMatchObject({ requests: [], excluded: ['dj'] });
    }
  });

  it('takes back a venue kind: "not at home after all"', () => {
    const merged = mergeFacts([facts('party at home for 20'), facts('not at home after all')]);
    expect(merged).toMatchObject({ venue_kind: null, guest_count: 20 });
    const later = mergeFacts([facts('at home'), facts('not at home after all'), facts('in our backyard')]);
    expect(later.venue_kind).toBe('home');
  });

  it('replaces a theme said "instead of"', () => {
    const merged = mergeFacts([facts('dinosaur party'), facts('pirates instead of dinosaurs')]);
    expect(merged).toMatchObject({ themes: ['pirate'], excluded: ['dinosaur'] });
  });
});

describe('foods', () => {
  it.each<readonly [string, InputFacts['foods']]>([
    ['30 guests, we want pizza', ['pizza']],
    ['pizza and lemonade for everyone', ['pizza']],
    ['Indian food please', ['indian']],
    ['a taco bar', ['tacos']],
    ['BBQ in the backyard', ['bbq']],
    ['barbecue and burgers', ['bbq', 'burgers']],
    ['sushi!', ['sushi']],
    ['a Mexican buffet', ['mexican']],
    ['Italian food or Chinese food', ['italian', 'chinese']],
    ['mediterranean cuisine', ['mediterranean']],
    ['sandwiches and finger food', ['sandwiches', 'finger food']],
    ['brunch at 11am', ['brunch']],
  ])('%j asks for %j and concerns the catering', (input, foods) => {
    const understood = understand(input);
    expect(understood.facts.foods).toEqual(foods);
    expect(understood.categories).toContain('catering');
  });

  it.each([
    'vegan food', // a dietary need, not a dish
    'an Indian wedding', // a cuisine's name alone is no food
    'Table for 8 at a sushi restaurant', // a kind of place
    'a pizza place downtown',
  ])('%j asks for no food', (input) => {
    expect(understand(input).facts.foods).toEqual([]);
  });

  it('keeps dietary needs apart from foods', () => {
    expect(understand('vegan pizza please').facts).toMatchObject({ foods: ['pizza'], dietary: ['vegan'] });
  });

  it('reads "no pizza" as an exclusion in the catering category', () => {
    const understood = understand('no pizza or tacos please');
    expect(understood.facts).toMatchObject({ foods: [], excluded: ['pizza', 'tacos'] });
    expect(understood.categories).toEqual(['catering']);
    expect(understand('pizza instead of tacos').facts).toMatchObject({
      foods: ['pizza'],
      excluded: ['tacos'],
    });
  });

  it('merge: an exclusion drops a food and a later mention restores it', () => {
    const facts = (content: string) => understand(content).facts;
    const early = [facts('we want pizza and tacos'), facts('actually no pizza')];
    expect(mergeFacts(early)).toMatchObject({ foods: ['tacos'], excluded: ['pizza'] });
    expect(mergeFacts([...early, facts('pizza after all')])).toMatchObject({
      foods: ['pizza', 'tacos'],
      excluded: [],
    });
  });
});
