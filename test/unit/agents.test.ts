import { describe, expect, it } from 'vitest';
import type { StatedBudget } from '#shared/contracts/primitives.ts';
import { PIPELINE_AGENTS } from '#shared/contracts/primitives.ts';
import { NO_FACTS, type PartyFacts, VENDOR_KINDS } from '#shared/contracts/understanding.ts';
import {
  AGENTS,
  type AgentContext,
  CakeResult,
  CateringResult,
  cakeAgent,
  cateringAgent,
  FACTS_READ,
  runAllAgents,
  ThemeResult,
  themeAgent,
  VendorResult,
  VenueResult,
  vendorAgent,
  venueAgent,
} from '#shared/domain/agents/index.ts';
import { comparableBudget, RATES_AS_OF, USD_PER_UNIT } from '#shared/domain/currency.ts';
import { compareWithBudget } from '#shared/domain/pipeline/budget-summary.ts';
import {
  Bakery,
  Caterer,
  type PartyCatalog,
  staticCatalog,
  Theme,
  VENDOR_CATEGORIES,
  Vendor,
  Venue,
} from '#shared/domain/suppliers/index.ts';
import { understandInput } from '#shared/domain/understanding/index.ts';

function facts(overrides: Partial<PartyFacts>): PartyFacts {
  return { ...NO_FACTS, ...overrides };
}

/** The context a dependent agent gets once the theme agent has answered for the same facts. */
function withTheme(partyFacts: PartyFacts): AgentContext {
  return { facts: partyFacts, theme: themeAgent({ facts: partyFacts, theme: null }, staticCatalog).result };
}

const usd = (max: number, min: number | null = null): StatedBudget => ({
  min,
  max,
  currency: 'USD',
  kind: min === null ? 'amount' : 'range',
});

const JUNGLE = facts({ themes: ['jungle'], guest_count: 75, budget: usd(1500), dietary: ['nut-free'] });

describe('the static catalog', () => {
  const themeIds = new Set(staticCatalog.themes().map((theme) => theme.id));

  it('is large enough to choose from', () => {
    expect(staticCatalog.themes().length).toBeGreaterThanOrEqual(10);
    expect(staticCatalog.venues().length).toBeGreaterThanOrEqual(12);
    expect(staticCatalog.bakeries().length).toBeGreaterThanOrEqual(8);
    expect(staticCatalog.caterers().length).toBeGreaterThanOrEqual(8);
    expect(staticCatalog.vendors().length).toBeGreaterThanOrEqual(15);
  });

  it('holds only well-formed items with unique ids', () => {
    const lists = [
      [Theme, staticCatalog.themes()],
      [Venue, staticCatalog.venues()],
      [Bakery, staticCatalog.bakeries()],
      [Caterer, staticCatalog.caterers()],
      [Vendor, staticCatalog.vendors()],
    ] as const;
    for (const [schema, items] of lists) {
      for (const item of items) expect(schema.safeParse(item).error).toBeUndefined();
      expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    }
  });

  it('keeps its ranges ordered and its theme references pointing at themes', () => {
    for (const theme of staticCatalog.themes()) expect(theme.ages.min).toBeLessThanOrEqual(theme.ages.max);
    for (const venue of staticCatalog.venues()) {
      expect(venue.capacity.min).toBeLessThanOrEqual(venue.capacity.max);
      for (const id of venue.theme_affinities) expect(themeIds).toContain(id);
    }
    for (const bakery of staticCatalog.bakeries()) {
      for (const id of bakery.theme_specialties) expect(themeIds).toContain(id);
    }
    for (const caterer of staticCatalog.caterers()) {
      expect(caterer.cost_per_head.min).toBeLessThanOrEqual(caterer.cost_per_head.max);
      expect(caterer.minimum_guests).toBeLessThanOrEqual(caterer.maximum_guests);
    }
    for (const vendor of staticCatalog.vendors()) {
      expect(vendor.price_min).toBeLessThanOrEqual(vendor.price_max);
      for (const id of vendor.suited_themes) expect(themeIds).toContain(id);
    }
  });

  it('covers every vendor category, free parks and the common dietary needs', () => {
    const categories = new Set(staticCatalog.vendors().map((vendor) => vendor.category));
    expect([...categories].sort()).toEqual([...VENDOR_CATEGORIES].sort());
    expect(staticCatalog.venues().some((venue) => venue.type === 'park' && venue.daily_price === 0)).toBe(
      true,
    );
    const bakeryNeeds = new Set(staticCatalog.bakeries().flatMap((bakery) => bakery.dietary_options));
    for (const need of ['nut-free', 'gluten-free', 'vegan'] as const) expect(bakeryNeeds).toContain(need);
  });
});

describe('a jungle party for 75 on $1,500, nut-free', () => {
  const outputs = runAllAgents(JUNGLE, staticCatalog);

  it('has the jungle theme', () => {
    expect(outputs.theme_agent.result.primary_theme).toBe('jungle');
    expect(outputs.theme_agent.result.source).toBe('stated');
    expect(outputs.theme_agent.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('only offers venues that seat all 75', () => {
    const venues = outputs.venue_agent.result.recommended_venues;
    expect(venues.length).toBeGreaterThan(0);
    for (const venue of venues) expect(venue.capacity).toBeGreaterThanOrEqual(75);
  });

  it('orders a nut-free cake for at least 75 servings', () => {
    const cake = outputs.cake_agent.result;
    expect(cake.servings).toBeGreaterThanOrEqual(75);
    expect(cake.size_recommendation).toBe('tiered');
    expect(cake.dietary_fit.fully_met).toBe(true);
    expect(cake.recommended_bakeries.length).toBeGreaterThan(0);
    for (const bakery of cake.recommended_bakeries) {
      expect(bakery.dietary_options).toContain('nut-free');
      expect(bakery.meets_dietary).toBe(true);
    }
  });

  it('prices every cost agent as a range of numbers', () => {
    for (const agent of ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const) {
      const cost = outputs[agent].result.estimated_cost;
      expect(cost, agent).not.toBeNull();
      expect(typeof cost?.min).toBe('number');
      expect(typeof cost?.max).toBe('number');
      expect(cost?.min ?? Number.NaN).toBeLessThanOrEqual(cost?.max ?? Number.NaN);
    }
  });

  it('serves a nut-free menu to 75 guests', () => {
    const catering = outputs.catering_agent.result;
    expect(catering.guest_count).toBe(75);
    expect(catering.menu.length).toBeGreaterThan(0);
    for (const item of catering.menu) expect(item.dietary).toContain('nut-free');
  });

  it('answers in the shapes the rest of the pipeline reads', () => {
    expect(ThemeResult.safeParse(outputs.theme_agent.result).error).toBeUndefined();
    expect(VenueResult.safeParse(outputs.venue_agent.result).error).toBeUndefined();
    expect(CakeResult.safeParse(outputs.cake_agent.result).error).toBeUndefined();
    expect(CateringResult.safeParse(outputs.catering_agent.result).error).toBeUndefined();
    expect(VendorResult.safeParse(outputs.vendor_agent.result).error).toBeUndefined();
  });
});

describe('theme agent', () => {
  const theme = (partyFacts: PartyFacts) => themeAgent({ facts: partyFacts, theme: null }, staticCatalog);

  it('recognises aliases, plurals and capitals', () => {
    expect(theme(facts({ themes: ['Dinosaurs'] })).result.primary_theme).toBe('dinosaur');
    expect(theme(facts({ themes: ['safari'] })).result.primary_theme).toBe('jungle');
    expect(theme(facts({ themes: ['great gatsby'] })).result.primary_theme).toBe('roaring_twenties');
    expect(theme(facts({ themes: ['mermaid'] })).result.primary_theme).toBe('under_the_sea');
  });

  it('keeps a stated theme even when it is unusual for the age', () => {
    const { result } = theme(facts({ themes: ['unicorn'], age: 40 }));
    expect(result.primary_theme).toBe('unicorn');
    expect(result.source).toBe('stated');
  });

  it('lists other stated themes as secondary', () => {
    const { result } = theme(facts({ themes: ['pirate', 'under the sea'], age: 6 }));
    expect([result.primary_theme, ...result.secondary_themes].sort()).toEqual(['pirate', 'under_the_sea']);
  });

  it('puts stated colors ahead of the theme palette', () => {
    const { result } = theme(facts({ themes: ['space'], colors: ['orange'] }));
    expect(result.colors[0]).toBe('orange');
    expect(result.colors).toContain('navy');
  });

  it('suggests an age-appropriate theme, with low confidence, when none is stated', () => {
    const kid = theme(facts({ age: 5, occasion: 'birthday' }));
    const suggested = staticCatalog.themes().find((entry) => entry.id === kid.result.primary_theme);
    expect(kid.result.source).toBe('suggested');
    expect(suggested?.ages.min).toBeLessThanOrEqual(5);
    expect(suggested?.ages.max).toBeGreaterThanOrEqual(5);
    expect(kid.confidence).toBeLessThanOrEqual(0.5);

    const adult = theme(facts({ age: 45, occasion: 'anniversary' }));
    const forAdults = staticCatalog.themes().find((entry) => entry.id === adult.result.primary_theme);
    expect(forAdults?.ages.max).toBeGreaterThanOrEqual(45);
  });

  it('keeps a theme the catalog lacks, as custom', () => {
    const { result, confidence } = theme(facts({ themes: ['minecraft'], colors: ['green'] }));
    expect(result.primary_theme).toBe('minecraft');
    expect(result.source).toBe('custom');
    expect(result.colors).toEqual(['green']);
    expect(confidence).toBe(0.5);
  });
});

describe('venue agent', () => {
  it('never offers a venue smaller than the party', () => {
    const { result } = venueAgent(withTheme(facts({ guest_count: 120 })), staticCatalog);
    expect(result.total_matches).toBeGreaterThan(0);
    for (const venue of result.recommended_venues) expect(venue.capacity).toBeGreaterThanOrEqual(120);
  });

  it('leaves bars out of a child’s party', () => {
    const kid = venueAgent(withTheme(facts({ age: 8, guest_count: 40 })), staticCatalog).result;
    expect(kid.recommended_venues.map((venue) => venue.id)).not.toContain('old_town_brewhouse_loft');
  });

  it('puts the named neighbourhood first', () => {
    const { result } = venueAgent(
      withTheme(facts({ guest_count: 30, location: 'Lakeshore' })),
      staticCatalog,
    );
    expect(result.recommended_venues[0]?.location).toContain('Lakeshore');
  });

  it('favours what the budget share affords', () => {
    const { result } = venueAgent(withTheme(facts({ guest_count: 100, budget: usd(1000) })), staticCatalog);
    const [first] = result.recommended_venues;
    expect(first?.total_price).toBeLessThanOrEqual(300);
    expect(result.search_criteria).toEqual({
      guest_count: 100,
      budget: usd(1000),
      theme: expect.any(String),
      location: null,
      venue_kind: null,
    });
    expect(result.data_source).toBe('static_catalog');
  });

  it('scores theme fit from the theme agent’s result', () => {
    const { result } = venueAgent(withTheme(facts({ themes: ['space'], guest_count: 30 })), staticCatalog);
    const ids = result.recommended_venues.map((venue) => venue.id);
    expect(result.recommended_venues[0]?.theme_fit_score).toBe(1);
    expect(ids).toContain('starlight_planetarium');
    expect(result.search_criteria.theme).toBe('space');
  });

  it('says plainly when nothing is big enough', () => {
    const { result, confidence } = venueAgent(withTheme(facts({ guest_count: 5000 })), staticCatalog);
    expect(result.recommended_venues).toEqual([]);
    expect(result.estimated_cost).toBeNull();
    expect(confidence).toBeLessThanOrEqual(0.1);
  });

  it('does not compare prices with a budget in another currency', () => {
    const { result } = venueAgent(
      withTheme(facts({ guest_count: 30, budget: { min: null, max: 900, currency: 'EUR', kind: 'amount' } })),
      staticCatalog,
    );
    expect(result.assumptions.join(' ')).toContain('EUR');
  });
});

describe('cake agent', () => {
  it('sizes the cake from the guest count', () => {
    const sizes = [8, 25, 40, 120].map(
      (guests) => cakeAgent(withTheme(facts({ guest_count: guests })), staticCatalog).result,
    );
    expect(sizes.map((cake) => cake.size_recommendation)).toEqual(['small', 'medium', 'large', 'tiered']);
    for (const [index, guests] of [8, 25, 40, 120].entries()) {
      expect(sizes[index]?.servings).toBeGreaterThanOrEqual(guests);
    }
  });

  it('scales the estimate with the servings', () => {
    const small = cakeAgent(withTheme(facts({ guest_count: 60 })), staticCatalog).result.estimated_cost;
    const large = cakeAgent(withTheme(facts({ guest_count: 150 })), staticCatalog).result.estimated_cost;
    expect(large?.min ?? 0).toBeGreaterThan(small?.max ?? Number.POSITIVE_INFINITY);
  });

  it('excludes bakeries that cannot meet every dietary need', () => {
    const { result } = cakeAgent(
      withTheme(facts({ guest_count: 20, dietary: ['gluten-free', 'vegan'] })),
      staticCatalog,
    );
    expect(result.dietary_fit.fully_met).toBe(true);
    expect(result.dietary_fit.excluded_count).toBeGreaterThan(0);
    for (const bakery of result.recommended_bakeries) {
      expect(bakery.dietary_options).toEqual(expect.arrayContaining(['gluten-free', 'vegan']));
    }
  });

  it('flags the gap when no bakery can meet them all', () => {
    const { result } = cakeAgent(
      withTheme(facts({ guest_count: 20, dietary: ['halal', 'vegan'] })),
      staticCatalog,
    );
    expect(result.recommended_bakeries.length).toBeGreaterThan(0);
    expect(result.dietary_fit.fully_met).toBe(false);
    expect(result.dietary_fit.unmet.length).toBeGreaterThan(0);
    expect(result.recommended_bakeries[0]?.meets_dietary).toBe(false);
  });

  it('decorates for the theme and prefers bakeries that know it', () => {
    const { result } = cakeAgent(withTheme(facts({ themes: ['princess'], guest_count: 20 })), staticCatalog);
    expect(result.theme).toBe('princess');
    expect(result.decorations).toContain('sugar crown topper');
    expect(result.recommended_bakeries[0]?.theme_match_score).toBe(1);
  });
});

describe('catering agent', () => {
  it("never serves an adults' party from a children's menu", () => {
    for (const party of [
      facts({ guest_count: 40, occasion: 'retirement', audience: 'adults', budget: usd(1500) }),
      facts({ guest_count: 45, age: 40, audience: 'adults', dietary: ['vegetarian'] }),
    ]) {
      const { result } = cateringAgent({ facts: party, theme: null }, staticCatalog);
      expect(result.recommended_caterers.length).toBeGreaterThan(0);
      for (const caterer of result.recommended_caterers)
        expect(caterer.name).not.toBe('Little Chefs Party Catering');
    }
    const kids = cateringAgent(
      { facts: facts({ guest_count: 20, age: 6, audience: 'kids' }), theme: null },
      staticCatalog,
    );
    expect(kids.result.recommended_caterers.map((caterer) => caterer.name)).toContain(
      'Little Chefs Party Catering',
    );
  });

  it('prices the party as cost per head times guests', () => {
    const { result } = cateringAgent({ facts: facts({ guest_count: 50 }), theme: null }, staticCatalog);
    expect(result.guest_count).toBe(50);
    expect(result.billed_guests).toBe(50);
    expect(result.estimated_cost).toEqual({
      min: (result.cost_per_head?.min ?? 0) * 50,
      max: (result.cost_per_head?.max ?? 0) * 50,
    });
  });

  it('only offers caterers that take a party of this size', () => {
    const { result } = cateringAgent({ facts: facts({ guest_count: 12 }), theme: null }, staticCatalog);
    const byId = new Map(staticCatalog.caterers().map((caterer) => [caterer.id, caterer]));
    for (const caterer of result.recommended_caterers) {
      expect(byId.get(caterer.id)?.minimum_guests).toBeLessThanOrEqual(12);
    }
  });

  it('builds the menu from dishes that meet every need', () => {
    const { result } = cateringAgent(
      { facts: facts({ guest_count: 40, dietary: ['vegan', 'gluten-free'] }), theme: null },
      staticCatalog,
    );
    expect(result.dietary_fit.fully_met).toBe(true);
    expect(result.menu.length).toBeGreaterThan(0);
    for (const item of result.menu)
      expect(item.dietary).toEqual(expect.arrayContaining(['vegan', 'gluten-free']));
  });

  it('feeds children from a kid-friendly kitchen', () => {
    const { result } = cateringAgent(
      { facts: facts({ guest_count: 20, age: 6 }), theme: null },
      staticCatalog,
    );
    const first = staticCatalog
      .caterers()
      .find((caterer) => caterer.id === result.recommended_caterers[0]?.id);
    expect(first?.kid_friendly).toBe(true);
  });
});

describe('vendor agent', () => {
  it('books a magician-style act for a 5-year-old, not a DJ', () => {
    const { result } = vendorAgent(withTheme(facts({ age: 5, occasion: 'birthday' })), staticCatalog);
    expect(result.age_group).toBe('kids');
    expect(result.by_category.entertainment).toContain('marvelous_max');
    const ids = result.recommended_vendors.map((vendor) => vendor.id);
    expect(ids).not.toContain('dj_pulse');
    expect(result.recommended_vendors[0]?.category).toBe('entertainment');
  });

  it('books adult music, a DJ among it, and nothing made for children', () => {
    const { result } = vendorAgent(withTheme(facts({ age: 30 })), staticCatalog);
    const ids = result.recommended_vendors.map((vendor) => vendor.id);
    const music = result.recommended_vendors.find((vendor) => vendor.category === 'music');
    expect(music?.priority).toBe('essential');
    expect(result.by_category.music).toContain('dj_pulse');
    for (const id of ['marvelous_max', 'bounce_kingdom', 'sing_along_sam']) {
      expect(Object.values(result.by_category).flat()).not.toContain(id);
    }
    expect(ids).not.toContain('little_moments');
  });

  it('offers themed acts only for their theme', () => {
    const jungle = vendorAgent(withTheme(facts({ themes: ['jungle'], age: 6 })), staticCatalog).result;
    const space = vendorAgent(withTheme(facts({ themes: ['space'], age: 6 })), staticCatalog).result;
    expect(jungle.recommended_vendors.map((vendor) => vendor.id)).toContain('wild_encounters');
    expect(Object.values(space.by_category).flat()).not.toContain('wild_encounters');
  });

  it('totals the essential vendors and keeps the extras apart', () => {
    const { result } = vendorAgent(withTheme(facts({ age: 7, budget: usd(2000) })), staticCatalog);
    const essentials = result.recommended_vendors.filter((vendor) => vendor.priority === 'essential');
    expect(result.estimated_cost).toEqual({
      min: essentials.reduce((sum, vendor) => sum + vendor.price_min, 0),
      max: essentials.reduce((sum, vendor) => sum + vendor.price_max, 0),
    });
    expect(result.optional_cost?.min ?? 0).toBeGreaterThan(0);
  });
});

describe('every agent', () => {
  it('is in the registry under its pipeline name', () => {
    expect(Object.keys(AGENTS).sort()).toEqual([...PIPELINE_AGENTS].sort());
  });

  it('gives the same answer to the same question', () => {
    for (const partyFacts of [JUNGLE, NO_FACTS, facts({ age: 5, guest_count: 12, location: 'Westlake' })]) {
      expect(runAllAgents(partyFacts, staticCatalog)).toEqual(runAllAgents(partyFacts, staticCatalog));
    }
  });

  it('does not depend on the order of the catalog', () => {
    const reversed: PartyCatalog = {
      ...staticCatalog,
      themes: () => [...staticCatalog.themes()].reverse(),
      venues: () => [...staticCatalog.venues()].reverse(),
      bakeries: () => [...staticCatalog.bakeries()].reverse(),
      caterers: () => [...staticCatalog.caterers()].reverse(),
      vendors: () => [...staticCatalog.vendors()].reverse(),
    };
    for (const partyFacts of [JUNGLE, NO_FACTS]) {
      expect(runAllAgents(partyFacts, reversed)).toEqual(runAllAgents(partyFacts, staticCatalog));
    }
  });

  it('still answers, with low confidence, when nothing is known', () => {
    const outputs = runAllAgents(NO_FACTS, staticCatalog);
    for (const agent of PIPELINE_AGENTS) {
      expect(outputs[agent].confidence, agent).toBeGreaterThan(0);
      expect(outputs[agent].confidence, agent).toBeLessThanOrEqual(0.5);
    }
    expect(outputs.venue_agent.result.recommended_venues.length).toBeGreaterThan(0);
    expect(outputs.cake_agent.result.recommended_bakeries.length).toBeGreaterThan(0);
    expect(outputs.catering_agent.result.recommended_caterers.length).toBeGreaterThan(0);
    expect(outputs.vendor_agent.result.recommended_vendors.length).toBeGreaterThan(0);
    expect(outputs.catering_agent.result.assumptions.join(' ')).toContain('guest count');
  });

  it('is more confident the more the facts say', () => {
    const vague = runAllAgents(NO_FACTS, staticCatalog);
    const specific = runAllAgents(JUNGLE, staticCatalog);
    for (const agent of PIPELINE_AGENTS) {
      expect(specific[agent].confidence, agent).toBeGreaterThan(vague[agent].confidence);
    }
  });

  it('reads no facts beyond those it declares', () => {
    const changed = facts({
      guest_count: 33,
      budget: usd(2500, 1000),
      date: '2026-07-04',
      age: 9,
      audience: 'adults',
      occasion: 'graduation',
      location: 'Riverside',
      dietary: ['vegan'],
      colors: ['teal'],
      styles: ['rustic'],
      themes: ['pirate'],
      time: '18:30',
      venue_kind: 'rooftop',
      requests: ['dj', 'magician'],
      excluded: ['jungle', 'balloon_arch'],
    });
    const base = withTheme(JUNGLE);
    for (const agent of PIPELINE_AGENTS) {
      const unread = (Object.keys(NO_FACTS) as (keyof PartyFacts)[]).filter(
        (key) => !FACTS_READ[agent].includes(key),
      );
      const altered: PartyFacts = {
        ...JUNGLE,
        ...Object.fromEntries(unread.map((key) => [key, changed[key]])),
      };
      expect(AGENTS[agent]({ ...base, facts: altered }, staticCatalog), agent).toEqual(
        AGENTS[agent](base, staticCatalog),
      );
    }
  });
});

const budget = (
  max: number | null,
  currency: string,
  kind: StatedBudget['kind'] = 'amount',
  min: number | null = null,
): StatedBudget => ({ min, max, currency, kind });

const vendorById = new Map(staticCatalog.vendors().map((vendor) => [vendor.id, vendor]));
const venueById = new Map(staticCatalog.venues().map((venue) => [venue.id, venue]));
const themeById = new Map(staticCatalog.themes().map((theme) => [theme.id, theme]));
const allVendorIds = (result: VendorResult) => [
  ...result.recommended_vendors.map((vendor) => vendor.id),
  ...Object.values(result.by_category).flat(),
];

describe('the catalog for requests', () => {
  it('has, for every vendor kind a host can ask for, one for adults and (where sensible) one for kids', () => {
    for (const kind of VENDOR_KINDS) {
      const ofKind = staticCatalog.vendors().filter((vendor) => vendor.kind === kind);
      expect(
        ofKind.some((vendor) => vendor.suited_ages.max >= 18),
        kind,
      ).toBe(true);
      if (!['videographer', 'florist', 'balloon_arch'].includes(kind)) {
        expect(
          ofKind.some((vendor) => vendor.suited_ages.min <= 6),
          kind,
        ).toBe(true);
      }
    }
  });

  it('has a venue of every rentable kind, and says who each venue is for', () => {
    for (const kind of ['restaurant', 'rooftop', 'bar', 'hall', 'park', 'beach'] as const) {
      expect(
        staticCatalog.venues().some((venue) => venue.kinds.includes(kind)),
        kind,
      ).toBe(true);
    }
    expect(staticCatalog.venues().some((venue) => venue.kinds.includes('home'))).toBe(false);
    expect(venueById.get('little_explorers_playspace')?.audience).toBe('kids');
  });
});

describe('agents do what was asked (the issue’s examples)', () => {
  it('"we’d love a live band" at an engagement party: a band for adults, essential, and no kids’ acts', () => {
    const engagement = facts({ occasion: 'engagement party', requests: ['band'], guest_count: 60 });
    const { result } = vendorAgent(withTheme(engagement), staticCatalog);
    const band = result.recommended_vendors.find((vendor) => vendor.kind === 'band');
    expect(band).toMatchObject({ requested: true, priority: 'essential' });
    expect(vendorById.get(band?.id ?? '')?.suited_ages.max).toBeGreaterThanOrEqual(18);
    expect(vendorById.get(band?.id ?? '')?.suited_ages.min).toBeGreaterThanOrEqual(13);
    expect(result.age_group).toBe('adults');
    for (const id of allVendorIds(result)) {
      const vendor = vendorById.get(id);
      expect(vendor?.suited_ages.max, id).toBeGreaterThanOrEqual(18);
      expect(['face_painter', 'bounce_house']).not.toContain(vendor?.kind);
    }
    expect(allVendorIds(result)).not.toContain('sing_along_sam');
    expect(result.estimated_cost).toEqual({ min: band?.price_min, max: band?.price_max });
  });

  it('gives an engagement party no children’s theme unless asked', () => {
    const { result } = themeAgent({ facts: facts({ occasion: 'engagement' }), theme: null }, staticCatalog);
    expect(themeById.get(result.primary_theme)?.ages.max).toBeGreaterThanOrEqual(18);
    for (const id of Object.keys(result.theme_scores)) {
      expect(themeById.get(id)?.ages.max, id).toBeGreaterThanOrEqual(18);
    }
  });

  it.each([
    ['rooftop', facts({ age: 30, occasion: 'birthday', venue_kind: 'rooftop' })],
    ['bar', facts({ age: 30, occasion: 'birthday', venue_kind: 'bar' })],
    ['rooftop', facts({ age: 30, occasion: 'birthday', venue_kind: 'rooftop', guest_count: 40 })],
  ] as const)('"a rooftop bar for my 30th" (%s): that kind first, and no children’s venue', (kind, party) => {
    const { result } = venueAgent(withTheme(party), staticCatalog);
    const [top] = result.recommended_venues;
    expect(venueById.get(top?.id ?? '')?.kinds).toContain(kind);
    expect(top?.reasons.join(' ')).toMatch(/as asked/);
    for (const venue of result.recommended_venues) {
      expect(venueById.get(venue.id)?.audience, venue.id).not.toBe('kids');
    }
    expect(result.search_criteria.venue_kind).toBe(kind);
  });

  it.each([
    facts({ guest_count: 12, venue_kind: 'home' }),
    facts({ guest_count: 12, age: 6, venue_kind: 'home', themes: ['garden'] }),
    facts({ guest_count: 12, venue_kind: 'home', budget: usd(800) }),
  ])('"hosting it in our garden" for 12 kids: no venue to rent, nothing in the budget (%#)', (party) => {
    const { result } = venueAgent(withTheme(party), staticCatalog);
    expect(result.recommended_venues).toEqual([]);
    expect(result.estimated_cost).toEqual({ min: 0, max: 0 });
    expect(result.summary).toMatch(/home/i);
    expect(result.assumptions.join(' ')).toMatch(/no venue rental is needed/);
    expect(VenueResult.safeParse(result).error).toBeUndefined();
  });

  it('keeps a play space out of a 30th and a bar out of a 6th', () => {
    const adults = venueAgent(withTheme(facts({ age: 30, guest_count: 20 })), staticCatalog).result;
    const kids = venueAgent(withTheme(facts({ age: 6, guest_count: 20 })), staticCatalog).result;
    expect(adults.recommended_venues.map((venue) => venue.id)).not.toContain('little_explorers_playspace');
    for (const venue of kids.recommended_venues) {
      expect(venueById.get(venue.id)?.audience, venue.id).not.toBe('adults');
    }
  });
});

describe('money is money', () => {
  it('publishes dated reference rates', () => {
    expect(RATES_AS_OF).toBe('2026-12-01');
    for (const code of ['USD', 'EUR', 'GBP', 'AUD', 'CAD', 'NZD', 'JPY', 'INR', 'MXN', 'CHF']) {
      expect(USD_PER_UNIT[code], code).toBeGreaterThan(0);
    }
  });

  it.each([
    [budget(800, 'EUR'), { max: 872, limit: 872 }, /€800 is about \$872 at the 2026-12-01 reference rate/],
    [budget(2000, 'AUD'), { max: 1320, limit: 1320 }, /A\$2,000 is about \$1,320 at the 2026-12-01/],
    [budget(900, 'USD', 'ceiling'), { max: 900, limit: 900, hard: true }, null],
    [budget(1500, 'USD', 'approximate'), { max: 1500, limit: 1650, hard: false }, null],
    [budget(null, 'USD', 'floor', 500), { max: null, limit: null, min: 500 }, null],
    [budget(2000, 'GBP', 'range', 1000), { min: 1270, max: 2540 }, /£1,000–£2,000 is about \$1,270–\$2,540/],
    // The rate shown is the one used: 500,000 × 0.00073 is the $365 stated beside it.
    [budget(500000, 'KRW'), { max: 365 }, /about \$365 .*\(1 KRW = 0\.00073 USD\)/],
    [budget(2000, 'CNY'), { max: 276 }, /about \$276 .*\(1 CNY = 0\.138 USD\)/],
  ] as const)('reads %o in catalog dollars', (stated, expected, conversion) => {
    const comparable = comparableBudget(stated, 'USD');
    expect(comparable).toMatchObject(expected);
    if (conversion) expect(comparable?.conversion).toMatch(conversion);
    else expect(comparable?.conversion).toBeNull();
  });

  it.each([
    // The 800 EUR budget: about $872, so $500–$1,000 of estimates is within, not "under $800".
    [budget(800, 'EUR'), { min: 500, max: 1000 }, 'within', 128, /€800 is about \$872/],
    [budget(800, 'EUR'), { min: 900, max: 1000 }, 'over', 28, /€800 is about \$872/],
    // $2,000 AUD is about $1,320: $1,500 of estimates is over it, though under 2,000.
    [budget(2000, 'AUD'), { min: 1500, max: 1800 }, 'over', 180, /A\$2,000 is about \$1,320/],
    // "can't go over $900": a hard limit, said firmly.
    [
      budget(900, 'USD', 'ceiling'),
      { min: 950, max: 1200 },
      'over',
      50,
      /Over budget: .*break the hard limit of \$900/,
    ],
    [
      budget(900, 'USD', 'ceiling'),
      { min: 600, max: 1000 },
      'within',
      100,
      /Only the cheaper options fit the hard limit of \$900/,
    ],
    [budget(900, 'USD', 'ceiling'), { min: 600, max: 800 }, 'under', -100, /fits the hard limit of \$900/],
    // "around $1,500" tolerates 10%; "at least $500" has nothing to be over.
    [budget(1500, 'USD', 'approximate'), { min: 1200, max: 1600 }, 'under', 100, /allowing \$150/],
    [budget(1500, 'USD', 'approximate'), { min: 1200, max: 1700 }, 'within', 200, /around \$1,500/],
    [budget(null, 'USD', 'floor', 500), { min: 3000, max: 9000 }, 'under', null, /at least \$500/],
    [budget(2000, 'USD', 'range', 1000), { min: 2100, max: 2500 }, 'over', 100, /\$1,000–\$2,000/],
    // A currency without a reference rate cannot be compared, and says so.
    [budget(5000, 'XYZ'), { min: 100, max: 200 }, 'unknown', null, /XYZ.*cannot be compared/],
  ] as const)('compares %o with an estimate of %o: %s by %s', (stated, total, status, difference, text) => {
    const comparison = compareWithBudget(total, stated);
    expect(comparison).toMatchObject({ status, difference });
    expect(comparison.messages[0]).toMatch(text === null ? /./ : text);
    expect(comparison.messages.join(' ')).toMatch(text);
  });

  it('never compares a budget in a currency without a rate as dollars', () => {
    // "budget 30000 THB": baht have no reference rate, so the budget says it cannot compare them.
    const stated = understandInput('budget 30000 THB', '2026-05-06T10:00:00.000Z').facts.budget;
    expect(stated).toMatchObject({ max: 30000, currency: 'THB' });
    const comparison = compareWithBudget({ min: 100, max: 40000 }, stated);
    expect(comparison).toMatchObject({ status: 'unknown', difference: null });
    expect(comparison.messages.join(' ')).toMatch(/THB.*cannot be compared with prices in USD/);
    const outputs = runAllAgents(facts({ guest_count: 30, budget: stated }), staticCatalog);
    expect(outputs.venue_agent.result.warnings.join(' ')).toMatch(/THB.*cannot be compared/);
  });

  it.each([
    budget(1000, 'CAD'),
    budget(50000, 'JPY'),
    budget(10000, 'MXN'),
    budget(50000, 'INR'),
    budget(5000, 'XYZ'),
  ])('ends no message with a full stop, as the plan joins them with ". " (%o)', (stated) => {
    for (const total of [
      { min: 0, max: 0 },
      { min: 5000, max: 9000 },
    ]) {
      const { messages } = compareWithBudget(total, stated);
      for (const message of messages) expect(message).not.toMatch(/\.$/);
      expect(`${messages.join('. ')}. Trim`).not.toMatch(/\.\./);
    }
  });

  it('says the conversion first and the comparison after it', () => {
    const { messages } = compareWithBudget({ min: 100, max: 200 }, budget(800, 'EUR'));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/2026-12-01/);
    expect(messages[1]).toMatch(/fits/);
  });

  it('has agents compare a budget in euros with dollar prices only after converting it', () => {
    const euro = withTheme(facts({ guest_count: 30, budget: budget(800, 'EUR') }));
    const dollar = withTheme(facts({ guest_count: 30, budget: usd(872) }));
    for (const agent of ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const) {
      const inEuro = AGENTS[agent](euro, staticCatalog).result as { assumptions: string[] };
      const inDollar = AGENTS[agent](dollar, staticCatalog).result as { assumptions: string[] };
      expect(inEuro.assumptions.join(' '), agent).toMatch(
        /€800 is about \$872 at the 2026-12-01 reference rate/,
      );
      expect(
        (AGENTS[agent](euro, staticCatalog).result as { recommended_venues?: unknown }).recommended_venues,
      ).toEqual((inDollar as { recommended_venues?: unknown }).recommended_venues);
    }
  });

  it('warns that a budget in an unknown currency cannot be compared', () => {
    const outputs = runAllAgents(facts({ guest_count: 30, budget: budget(900, 'XYZ') }), staticCatalog);
    for (const agent of ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const) {
      expect(outputs[agent].result.warnings.join(' '), agent).toMatch(/XYZ.*cannot be compared/);
    }
  });

  it('recommends nothing over a hard limit while something under it exists', () => {
    const capped = venueAgent(
      withTheme(facts({ guest_count: 100, budget: budget(900, 'USD', 'ceiling') })),
      staticCatalog,
    ).result;
    expect(capped.recommended_venues.length).toBeGreaterThan(0);
    for (const venue of capped.recommended_venues) expect(venue.total_price).toBeLessThanOrEqual(900);
    expect(capped.warnings).toEqual([]);
  });

  // Nothing recommended may cost more on its own than the whole (converted) budget without a warning.
  const PRICES = {
    venue_agent: (result: VenueResult) =>
      result.recommended_venues.map((venue) => ({ name: venue.name, price: venue.total_price })),
    cake_agent: (result: CakeResult) =>
      result.recommended_bakeries.map((bakery) => ({ name: bakery.name, price: bakery.estimated_price })),
    catering_agent: (result: CateringResult) =>
      result.recommended_caterers.map((caterer) => ({
        name: caterer.name,
        price: caterer.cost_per_head.min * result.billed_guests,
      })),
    vendor_agent: (result: VendorResult) =>
      result.recommended_vendors.map((vendor) => ({ name: vendor.name, price: vendor.price_min })),
  };
  it.each([
    [budget(800, 'EUR'), 872],
    [budget(2000, 'AUD'), 1320],
    [budget(900, 'USD', 'ceiling'), 900],
    [usd(300), 300],
    [budget(200, 'GBP', 'approximate'), Math.round(254 * 1.1)],
  ] as const)('warns about anything over %o on its own', (stated, limit) => {
    for (const party of [
      facts({ guest_count: 100, budget: stated }),
      facts({ guest_count: 30, age: 30, requests: ['band', 'videographer'], budget: stated }),
      facts({ guest_count: 150, occasion: 'wedding', budget: stated }),
    ]) {
      const outputs = runAllAgents(party, staticCatalog);
      for (const agent of ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const) {
        const result = outputs[agent].result;
        const over = (PRICES[agent] as (r: typeof result) => { name: string; price: number }[])(
          result,
        ).filter((item) => item.price > limit);
        for (const item of over)
          expect(result.warnings.join(' '), `${agent}: ${item.name}`).toContain(item.name);
        if (over.length === 0) expect(result.warnings.join(' '), agent).not.toMatch(/alone/);
      }
    }
  });

  it('warns when the top of a price range is over the limit, though the bottom fits', () => {
    const result = vendorAgent(
      withTheme(
        facts({ guest_count: 60, requests: ['photographer'], budget: budget(400, 'USD', 'ceiling') }),
      ),
      staticCatalog,
    ).result;
    const ranged = result.recommended_vendors.filter(
      (vendor) => vendor.price_min <= 400 && vendor.price_max > 400,
    );
    expect(ranged.length).toBeGreaterThan(0);
    for (const vendor of ranged) {
      expect(result.warnings.join(' '), vendor.name).toMatch(
        new RegExp(`${vendor.name} \\(\\$[\\d,]+–\\$[\\d,]+\\).*can cost more than`),
      );
    }
  });
});

describe('vendor requests and exclusions', () => {
  it('books a requested act that suits every age when whom the party is for is unknown', () => {
    const result = vendorAgent(
      withTheme(facts({ guest_count: 60, occasion: 'birthday', requests: ['dj'] })),
      staticCatalog,
    ).result;
    const [dj] = result.recommended_vendors.filter((vendor) => vendor.kind === 'dj');
    expect(dj?.priority).toBe('essential');
    expect(dj?.reasons).not.toContain('Suits ages 4–12');
  });

  it.each([
    [facts({ age: 6, requests: ['magician', 'face_painter', 'bounce_house'] }), 'kids'],
    [facts({ age: 30, requests: ['dj', 'photo_booth'] }), 'adults'],
    [facts({ occasion: 'wedding', requests: ['videographer', 'florist', 'photographer'] }), 'adults'],
    [facts({ age: 8, requests: ['clown', 'balloon_artist'] }), 'kids'],
    [facts({ occasion: 'engagement', requests: ['clown', 'magician'] }), 'adults'],
  ] as const)('books every requested kind as an essential, suited to the party (%#)', (party, group) => {
    const { result } = vendorAgent(withTheme(party), staticCatalog);
    const essentials = result.recommended_vendors.filter((vendor) => vendor.priority === 'essential');
    expect(essentials.map((vendor) => vendor.kind).sort()).toEqual([...party.requests].sort());
    for (const vendor of essentials) {
      const entry = vendorById.get(vendor.id);
      expect(vendor.requested).toBe(true);
      if (group === 'adults') expect(entry?.suited_ages.max).toBeGreaterThanOrEqual(18);
      if (party.age !== null) expect(entry?.suited_ages.min).toBeLessThanOrEqual(party.age);
      if (party.age !== null) expect(entry?.suited_ages.max).toBeGreaterThanOrEqual(party.age);
    }
    expect(result.estimated_cost).toEqual({
      min: essentials.reduce((sum, vendor) => sum + vendor.price_min, 0),
      max: essentials.reduce((sum, vendor) => sum + vendor.price_max, 0),
    });
    expect(result.warnings).toEqual([]);
  });

  it.each([
    [facts({ age: 6, excluded: ['face_painter', 'bounce_house'] }), ['face_painter', 'bounce_house']],
    [
      facts({ age: 6, excluded: ['face painters'], requests: ['face_painter', 'magician'] }),
      ['face_painter'],
    ],
    [facts({ age: 30, excluded: ['dj'] }), ['dj']],
  ] as const)('never offers an excluded kind (%#)', (party, kinds) => {
    const { result } = vendorAgent(withTheme(party), staticCatalog);
    for (const id of allVendorIds(result)) expect(kinds, id).not.toContain(vendorById.get(id)?.kind);
  });

  it('says when a requested kind is missing or has nothing suitable', () => {
    const withoutClowns: PartyCatalog = {
      ...staticCatalog,
      vendors: () => staticCatalog.vendors().filter((vendor) => vendor.kind !== 'clown'),
    };
    const none = vendorAgent(withTheme(facts({ age: 6, requests: ['clown'] })), withoutClowns).result;
    expect(none.warnings.join(' ')).toMatch(/clown was asked for, but the catalog has none/);
    const kidsOnly: PartyCatalog = {
      ...staticCatalog,
      vendors: () => staticCatalog.vendors().filter((vendor) => vendor.id !== 'cirque_soiree'),
    };
    const adults = vendorAgent(
      withTheme(facts({ occasion: 'wedding', requests: ['clown'] })),
      kidsOnly,
    ).result;
    expect(adults.warnings.join(' ')).toMatch(/no clown in the catalog suits an adults' party/);
    expect(adults.recommended_vendors.map((vendor) => vendor.id)).not.toContain('giggles_the_clown');
  });
});

describe('location', () => {
  it.each([
    ['Sydney', true],
    ['Brooklyn, NY', true],
    ['Lakeshore', false],
    ['near Old Town', false],
    // A kind of place is `venue_kind`'s business, not a location nothing is in.
    ['our backyard', false],
    ['the beach', false],
  ] as const)('for "%s", warns=%s when nothing in the catalog is there', (location, warns) => {
    const outputs = runAllAgents(facts({ guest_count: 40, location }), staticCatalog);
    for (const agent of ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const) {
      const text = outputs[agent].result.warnings.join(' ');
      if (warns) expect(text, agent).toContain(`"${location}"`);
      else expect(text, agent).not.toContain(location);
    }
  });

  it('ranks suppliers that serve the location first', () => {
    const { result } = cateringAgent(
      { facts: facts({ guest_count: 40, location: 'Hillcrest', age: 6 }), theme: null },
      staticCatalog,
    );
    expect(result.recommended_caterers[0]?.id).not.toBe('fiesta_taco_truck');
    expect(result.recommended_caterers[0]?.reasons).toContain('Serves Hillcrest');
  });
});

describe('dietary needs', () => {
  it.each([
    ['catering_agent', ['halal', 'vegan', 'kosher']],
    ['cake_agent', ['halal', 'vegan']],
  ] as const)('%s warns which need its pick misses when nobody meets them all', (agent, dietary) => {
    const result = AGENTS[agent](withTheme(facts({ guest_count: 40, dietary: [...dietary] })), staticCatalog)
      .result as CakeResult | CateringResult;
    expect(result.dietary_fit.fully_met).toBe(false);
    const warning = result.warnings.join(' ');
    for (const need of result.dietary_fit.unmet) expect(warning).toContain(need);
    expect(warning).toMatch(/cannot/);
  });

  it.each([
    ['catering_agent', ['vegan', 'gluten-free']],
    ['cake_agent', ['nut-free']],
  ] as const)('%s has no dietary warning when its pick meets every need', (agent, dietary) => {
    const result = AGENTS[agent](withTheme(facts({ guest_count: 40, dietary: [...dietary] })), staticCatalog)
      .result as CakeResult | CateringResult;
    expect(result.dietary_fit.fully_met).toBe(true);
    expect(result.warnings).toEqual([]);
  });
});

describe('theme requests', () => {
  const theme = (partyFacts: PartyFacts) => themeAgent({ facts: partyFacts, theme: null }, staticCatalog);

  it.each([
    [['space', 'dinosaur'], 'space', ['dinosaur']],
    [['dinosaur', 'space'], 'dinosaur', ['space']],
    [['mermaid', 'pirate', 'jungle'], 'under_the_sea', ['pirate', 'jungle']],
    [['minecraft', 'space'], 'minecraft', ['space']],
  ] as const)('takes the latest stated of %o as the primary', (themes, primary, secondary) => {
    const { result } = theme(facts({ themes: [...themes], age: 7 }));
    expect(result.primary_theme).toBe(primary);
    expect(result.secondary_themes).toEqual(secondary);
  });

  it.each([
    [facts({ age: 6, excluded: ['unicorn'] }), 'unicorn'],
    [facts({ age: 6, excluded: ['unicorns', 'dinosaur', 'space', 'superhero', 'pirate'] }), 'dinosaur'],
    [facts({ age: 6, occasion: 'birthday', excluded: ['playful'] }), 'jungle'],
    [facts({ age: 40, occasion: 'anniversary', excluded: ['elegant'] }), 'garden'],
  ])('never suggests a ruled-out theme or style (%#)', (party, ruledOut) => {
    const { result } = theme(party);
    expect(result.primary_theme).not.toBe(ruledOut);
    expect(Object.keys(result.theme_scores)).not.toContain(ruledOut);
    for (const id of [result.primary_theme, ...Object.keys(result.theme_scores)]) {
      const entry = themeById.get(id);
      for (const word of party.excluded) expect(entry?.style_tags, id).not.toContain(word);
    }
  });

  it('keeps ruled-out colours and styles out of a stated theme', () => {
    const { result } = theme(facts({ themes: ['princess'], excluded: ['pink', 'glam'] }));
    expect(result.primary_theme).toBe('princess');
    expect(result.colors.join(' ')).not.toMatch(/pink/);
    expect(result.style_tags).not.toContain('glam');
  });
});

describe('FACTS_READ', () => {
  const KIDS_20 = facts({ guest_count: 20 });
  it.each([
    ['theme_agent', JUNGLE, { excluded: ['jungle'] }],
    ['venue_agent', JUNGLE, { venue_kind: 'home' }],
    ['venue_agent', KIDS_20, { occasion: 'engagement' }],
    ['cake_agent', JUNGLE, { location: 'Sydney' }],
    ['catering_agent', JUNGLE, { location: 'Sydney' }],
    ['vendor_agent', JUNGLE, { requests: ['band'] }],
    ['vendor_agent', JUNGLE, { excluded: ['balloon_arch'] }],
    ['vendor_agent', JUNGLE, { occasion: 'wedding' }],
    ['vendor_agent', JUNGLE, { location: 'Sydney' }],
  ] as const)('lists what %s reads: %o changes its result', (agent, partyFacts, change) => {
    const key = Object.keys(change)[0] as keyof PartyFacts;
    expect(FACTS_READ[agent]).toContain(key);
    const base = withTheme(partyFacts);
    const changed = { ...base, facts: { ...partyFacts, ...change } as PartyFacts };
    expect(AGENTS[agent](changed, staticCatalog)).not.toEqual(AGENTS[agent](base, staticCatalog));
  });
});

describe('an excluded word rules out every theme that carries it', () => {
  const theme = (partyFacts: PartyFacts) => themeAgent({ facts: partyFacts, theme: null }, staticCatalog);
  /** Every theme the result names: primary, secondary and scored. */
  const named = (result: ThemeResult) => [
    result.primary_theme,
    ...result.secondary_themes,
    ...Object.keys(result.theme_scores),
  ];
  const carries = (id: string, word: string) => {
    const entry = themeById.get(id);
    const names = entry ? [entry.id, entry.name, ...entry.aliases] : [id];
    return names.some((name) => name.toLowerCase().includes(word));
  };

  it.each([
    [
      'rainbow stated as a theme',
      facts({ age: 6, themes: ['rainbow'], colors: ['rainbow'], excluded: ['unicorn'] }),
    ],
    ['rainbow as a colour only', facts({ age: 6, colors: ['rainbow'], excluded: ['unicorn'] })],
    ['a rainbow colours party', facts({ age: 6, occasion: 'rainbow colours party', excluded: ['unicorns'] })],
    ['magical, an alias', facts({ themes: ['magical'], excluded: ['unicorn'] })],
    ['a 4 year old girl, nothing princess', facts({ age: 4, occasion: 'birthday', excluded: ['princess'] })],
    ['royal, a princess alias', facts({ themes: ['royal', 'castle'], excluded: ['princess'] })],
  ])('%s', (_, party) => {
    const { result } = theme(party);
    for (const word of party.excluded.map((phrase) => phrase.replace(/s$/, ''))) {
      for (const id of named(result)) expect(carries(id, word), id).toBe(false);
      expect(JSON.stringify({ ...result, theme_scores: {} }).toLowerCase()).not.toContain(word);
    }
  });

  it('keeps "rainbow" with unicorns ruled out as a custom rainbow theme in rainbow colours', () => {
    const { result } = theme(
      facts({ age: 6, themes: ['rainbow'], colors: ['rainbow'], excluded: ['unicorn'] }),
    );
    expect(result).toMatchObject({ primary_theme: 'rainbow', source: 'custom', colors: ['rainbow'] });
    expect(result.summary).not.toMatch(/as asked\.$/);
  });

  it('still matches "rainbow" to the Rainbow Unicorn theme when nothing is ruled out', () => {
    expect(theme(facts({ age: 6, themes: ['rainbow'] })).result.primary_theme).toBe('unicorn');
  });

  it('lets the dependents build on the theme without the excluded word', () => {
    const party = facts({ age: 6, themes: ['rainbow'], guest_count: 15, excluded: ['unicorn'] });
    const outputs = runAllAgents(party, staticCatalog);
    const shown = JSON.stringify(
      Object.values(outputs).map(({ result }) => ({
        ...result,
        warnings: [],
        assumptions: [],
        theme_scores: {},
      })),
    );
    expect(shown.toLowerCase()).not.toContain('unicorn');
  });
});

describe('no balloons', () => {
  it.each([
    ['a kids party', facts({ age: 6, themes: ['jungle'], guest_count: 20, excluded: ['balloons'] })],
    ['kids by audience', facts({ audience: 'kids', themes: ['jungle'], excluded: ['balloons'] })],
    ['an adults party', facts({ age: 30, excluded: ['balloon'] })],
    ['age unknown', facts({ excluded: ['balloons'] })],
    [
      'even when one was asked for',
      facts({ age: 6, requests: ['balloon_arch', 'magician'], excluded: ['balloons'] }),
    ],
  ])('offers no balloon vendor at all: %s', (_, party) => {
    const { result } = vendorAgent(withTheme(party), staticCatalog);
    expect(result.recommended_vendors.length).toBeGreaterThan(0);
    for (const id of allVendorIds(result)) {
      const vendor = vendorById.get(id);
      expect(vendor?.category, id).not.toBe('balloons');
      expect(vendor?.kind ?? '', id).not.toMatch(/balloon/);
    }
    expect(result.by_category).not.toHaveProperty('balloons');
  });

  it('rules out the balloon kinds by category, not the rest of the entertainment', () => {
    const { result } = vendorAgent(withTheme(facts({ age: 6, excluded: ['balloons'] })), staticCatalog);
    expect(result.recommended_vendors.some((vendor) => vendor.category === 'entertainment')).toBe(true);
  });

  it('matches an excluded doing with its doer ("face painting" rules out face painters)', () => {
    const { result } = vendorAgent(withTheme(facts({ age: 6, excluded: ['face painting'] })), staticCatalog);
    for (const id of allVendorIds(result)) expect(vendorById.get(id)?.kind, id).not.toBe('face_painter');
  });
});

describe('audience', () => {
  const catererById = new Map(staticCatalog.caterers().map((caterer) => [caterer.id, caterer]));
  const vendors = (party: PartyFacts) => vendorAgent(withTheme(party), staticCatalog).result;

  it.each([
    [facts({ audience: 'kids' }), 'kids'],
    [facts({ audience: 'teens' }), 'teens'],
    [facts({ audience: 'adults' }), 'adults'],
    [facts({ occasion: 'kids birthday party' }), 'kids'],
    [facts({ occasion: 'birthday' }), 'unknown'],
    // The age decides over the audience; an adults' occasion over both.
    [facts({ audience: 'kids', age: 30 }), 'adults'],
    [facts({ audience: 'adults', age: 6 }), 'kids'],
    [facts({ audience: 'kids', occasion: 'wedding' }), 'adults'],
    [facts({ audience: 'adults', occasion: 'kids birthday party' }), 'adults'],
  ] as const)('vendor age group for %o is %s', (party, group) => {
    expect(vendors(party).age_group).toBe(group);
  });

  it('gives "a kids birthday party for 15 children" with "no clowns" kids entertainment without a clown', () => {
    const party = facts({
      audience: 'kids',
      occasion: 'kids birthday party',
      guest_count: 15,
      excluded: ['clowns'],
    });
    const result = vendors(party);
    expect(result.age_group).toBe('kids');
    const essentials = result.recommended_vendors.filter((vendor) => vendor.priority === 'essential');
    expect(essentials.some((vendor) => vendor.category === 'entertainment')).toBe(true);
    for (const id of allVendorIds(result)) expect(vendorById.get(id)?.kind, id).not.toBe('clown');
    for (const vendor of result.recommended_vendors)
      expect(vendorById.get(vendor.id)?.suited_ages.min, vendor.id).toBeLessThan(13);
    expect(result.assumptions.join(' ')).not.toMatch(/Age unknown/);
  });

  it('keeps children out of bars and adults out of play spaces', () => {
    const venues = (party: PartyFacts) =>
      venueAgent(withTheme(party), staticCatalog).result.recommended_venues.map((venue) =>
        venueById.get(venue.id),
      );
    for (const venue of venues(facts({ audience: 'kids', guest_count: 20 }))) {
      expect(venue?.audience, venue?.id).not.toBe('adults');
      expect(venue?.min_age ?? 0, venue?.id).toBeLessThan(18);
    }
    for (const venue of venues(facts({ audience: 'teens', guest_count: 20 })))
      expect(venue?.min_age ?? 0, venue?.id).toBeLessThan(18);
    for (const venue of venues(facts({ audience: 'adults', guest_count: 20 })))
      expect(venue?.audience, venue?.id).not.toBe('kids');
  });

  it('suggests a theme for the audience', () => {
    const suggest = (party: PartyFacts) => themeAgent({ facts: party, theme: null }, staticCatalog).result;
    const adults = suggest(facts({ audience: 'adults', occasion: 'birthday' }));
    for (const id of [adults.primary_theme, ...Object.keys(adults.theme_scores)])
      expect(themeById.get(id)?.ages.max, id).toBeGreaterThanOrEqual(18);
    const kids = suggest(facts({ audience: 'kids', occasion: 'birthday' }));
    expect(themeById.get(kids.primary_theme)?.ages.min).toBeLessThan(13);
    expect(kids.summary).toContain("children's birthday");
    expect(kids.confidence).toBeGreaterThan(suggest(facts({ occasion: 'birthday' })).confidence);
  });

  it('favours a kid-friendly menu for a kids audience', () => {
    const result = cateringAgent(
      withTheme(facts({ audience: 'kids', guest_count: 20 })),
      staticCatalog,
    ).result;
    const first = result.recommended_caterers[0];
    expect(catererById.get(first?.id ?? '')?.kid_friendly).toBe(true);
    expect(first?.reasons).toContain('Kid-friendly menu');
    const adults = cateringAgent(withTheme(facts({ audience: 'adults', guest_count: 20 })), staticCatalog);
    for (const caterer of adults.result.recommended_caterers)
      expect(caterer.reasons).not.toContain('Kid-friendly menu');
  });

  it.each(['theme_agent', 'venue_agent', 'catering_agent', 'vendor_agent'] as const)(
    'is read, and declared, by %s',
    (agent) => {
      expect(FACTS_READ[agent]).toContain('audience');
      const base = facts({ guest_count: 20, occasion: 'birthday' });
      const outputs = (party: PartyFacts) => AGENTS[agent](withTheme(party), staticCatalog);
      expect(outputs({ ...base, audience: 'adults' })).not.toEqual(outputs({ ...base, audience: 'kids' }));
    },
  );
});

describe('warnings', () => {
  it('never repeat within a result', () => {
    const parties = [
      facts({ location: 'Sydney', budget: usd(50), guest_count: 200, dietary: ['vegan', 'halal', 'kosher'] }),
      facts({ location: 'Sydney', budget: { min: null, max: 500, currency: 'XYZ', kind: 'amount' } }),
      facts({
        age: 30,
        requests: ['clown', 'bounce_house', 'face_painter'],
        location: 'Sydney',
        budget: usd(20),
      }),
      facts({ audience: 'kids', requests: ['band', 'dj'], excluded: ['balloons'], budget: usd(10) }),
    ];
    for (const party of parties) {
      for (const [agent, { result }] of Object.entries(runAllAgents(party, staticCatalog))) {
        const warnings = (result as { warnings: string[] }).warnings;
        expect(new Set(warnings).size, `${agent}: ${warnings.join(' | ')}`).toBe(warnings.length);
        const assumptions = (result as { assumptions?: string[] }).assumptions ?? [];
        expect(new Set(assumptions).size, agent).toBe(assumptions.length);
      }
    }
  });
});

describe('foods asked for', () => {
  const caterers = (partyFacts: PartyFacts) => cateringAgent(withTheme(partyFacts), staticCatalog).result;

  it('puts a caterer of the requested food first ("30 guests, we want pizza")', () => {
    const result = caterers(facts({ guest_count: 30, foods: ['pizza'] }));
    expect(result.recommended_caterers[0]?.id).toBe('tutti_pizza');
    expect(result.recommended_caterers[0]?.reasons).toContain('Serves pizza, as asked');
    expect(result.warnings.join(' ')).not.toMatch(/pizza/);
    expect(caterers(facts({ guest_count: 30, foods: ['indian'] })).recommended_caterers[0]?.id).toBe(
      'saffron_and_spice',
    );
    expect(caterers(facts({ guest_count: 40, foods: ['bbq'] })).recommended_caterers[0]?.name).toBe(
      'Big Sky Smokehouse BBQ',
    );
  });

  it('warns about a food no caterer offers', () => {
    const result = caterers(facts({ guest_count: 30, foods: ['sushi'] }));
    expect(result.recommended_caterers.length).toBeGreaterThan(0);
    expect(result.warnings).toContain('No caterer in the catalog offers sushi; these serve other food.');
  });

  it('warns about a food only caterers unsuited to the party offer', () => {
    // The pizza caterer serves at most 150 guests.
    const result = caterers(facts({ guest_count: 300, foods: ['pizza'] }));
    expect(result.recommended_caterers.some(({ id }) => id === 'tutti_pizza')).toBe(false);
    expect(result.warnings.some((warning) => warning.includes('offers pizza'))).toBe(true);
  });

  it('never chooses an excluded food, not even on the menu', () => {
    for (const party of [
      facts({ guest_count: 30, excluded: ['pizza'] }),
      facts({ guest_count: 20, audience: 'kids', excluded: ['pizza'] }),
      facts({ guest_count: 30, foods: ['pizza'], excluded: ['pizza'] }),
    ]) {
      const result = caterers(party);
      expect(result.recommended_caterers.some(({ id }) => id === 'tutti_pizza')).toBe(false);
      expect(result.menu.some(({ name }) => /pizza/i.test(name))).toBe(false);
      expect(result.warnings.join(' ')).not.toMatch(/offers pizza/);
    }
    const noTacos = caterers(facts({ guest_count: 40, foods: ['tacos'], excluded: ['tacos'] }));
    expect(noTacos.recommended_caterers.some(({ id }) => id === 'fiesta_taco_truck')).toBe(false);
  });

  it('is read by the catering agent', () => {
    expect(FACTS_READ.catering_agent).toContain('foods');
    expect(FACTS_READ.catering_agent).toContain('excluded');
    const base = withTheme(facts({ guest_count: 30 }));
    const pizza = { ...base, facts: { ...base.facts, foods: ['pizza'] } };
    expect(cateringAgent(pizza, staticCatalog)).not.toEqual(cateringAgent(base, staticCatalog));
    const noTacos = { ...base, facts: { ...base.facts, excluded: ['tacos'] } };
    expect(cateringAgent(noTacos, staticCatalog)).not.toEqual(cateringAgent(base, staticCatalog));
  });
});

describe("children's venues", () => {
  const kidsVenues = new Set(
    staticCatalog
      .venues()
      .filter((venue) => venue.audience === 'kids')
      .map((venue) => venue.id),
  );
  const venues = (partyFacts: PartyFacts) => venueAgent(withTheme(partyFacts), staticCatalog).result;

  it.each([
    facts({ guest_count: 30, occasion: 'birthday' }),
    facts({ guest_count: 35 }),
    facts({ guest_count: 36 }),
    facts({ guest_count: 20, themes: ['dinosaur'] }),
    facts({}),
  ])('are not offered when nobody said the party is a child’s: %o', (party) => {
    const result = venues(party);
    expect(result.recommended_venues.length).toBeGreaterThan(0);
    expect(result.recommended_venues.filter(({ id }) => kidsVenues.has(id))).toEqual([]);
    // Nor is a venue made for adults preferred when the ages are unknown.
    const first = staticCatalog.venues().find(({ id }) => id === result.recommended_venues[0]?.id);
    expect(first?.audience).toBe('all');
  });

  it.each([
    facts({ guest_count: 20, age: 7 }),
    facts({ guest_count: 20, audience: 'kids' }),
    facts({ guest_count: 20, occasion: "kids' birthday" }),
  ])('are offered for a child’s party: %o', (party) => {
    expect(venues(party).recommended_venues.some(({ id }) => kidsVenues.has(id))).toBe(true);
  });
});

describe('warnings speak only of what is recommended', () => {
  const names = new Set(
    [
      ...staticCatalog.venues(),
      ...staticCatalog.caterers(),
      ...staticCatalog.bakeries(),
      ...staticCatalog.vendors(),
    ].map(({ name }) => name),
  );
  const eur = (max: number): StatedBudget => ({ min: null, max, currency: 'EUR', kind: 'amount' });

  it.each([
    facts({ budget: eur(800) }),
    facts({ budget: eur(800), guest_count: 80, occasion: 'wedding' }),
    facts({ budget: eur(800), guest_count: 80, themes: ['garden'] }),
    facts({ budget: usd(300), guest_count: 120 }),
    facts({ budget: usd(100), guest_count: 40, requests: ['band', 'photographer'] }),
  ])('%o', (party) => {
    for (const [agent, { result }] of Object.entries(runAllAgents(party, staticCatalog))) {
      const json = result as unknown as Record<string, unknown>;
      const list = Object.entries(json).find(([key]) => key.startsWith('recommended_'))?.[1];
      const shown = new Set(((list as { name: string }[] | undefined) ?? []).map(({ name }) => name));
      for (const warning of json.warnings as string[]) {
        for (const name of names) {
          if (warning.includes(name)) expect(shown.has(name), `${agent}: ${warning}`).toBe(true);
        }
      }
    }
  });

  it('no longer names the €800 garden lawn the venue result does not recommend', () => {
    const result = venueAgent(withTheme(facts({ budget: eur(800) })), staticCatalog).result;
    expect(result.warnings.join(' ')).not.toMatch(/Hillcrest/);
  });
});

describe("a child's vendors", () => {
  const vendors = (partyFacts: PartyFacts) => vendorAgent(withTheme(partyFacts), staticCatalog).result;

  it("are children's things; decor and flowers are optional at most", () => {
    const result = vendors(facts({ age: 7, occasion: 'birthday' }));
    const essentials = result.recommended_vendors.filter(({ priority }) => priority === 'essential');
    expect(essentials.length).toBeGreaterThan(0);
    expect(essentials.every(({ category }) => category === 'entertainment' || category === 'balloons')).toBe(
      true,
    );
    expect(result.recommended_vendors.some(({ kind }) => kind === 'florist')).toBe(false);
    expect(result.recommended_vendors.find(({ category }) => category === 'decor')?.priority).toBe(
      'optional',
    );
  });

  it('keep a requested florist essential', () => {
    const result = vendors(facts({ age: 7, requests: ['florist'] }));
    expect(result.recommended_vendors.find(({ kind }) => kind === 'florist')).toMatchObject({
      priority: 'essential',
      requested: true,
    });
  });
});

describe('summaries count in words', () => {
  it('say "1 venue fits" and "13 venues fit", never "(s)"', () => {
    expect(venueAgent(withTheme(facts({ guest_count: 400 })), staticCatalog).result.summary).toMatch(
      /^1 venue fits 400 guests;/,
    );
    expect(venueAgent(withTheme(facts({ guest_count: 60 })), staticCatalog).result.summary).toMatch(
      /^\d+ venues fit 60 guests;/,
    );
    const one = vendorAgent(
      withTheme(facts({ age: 30, requests: ['dj', 'photographer', 'florist', 'magician', 'balloon_arch'] })),
      staticCatalog,
    ).result;
    expect(one.summary).toMatch(/, 1 optional extra\.$/);
    expect(vendorAgent(withTheme(facts({ age: 7 })), staticCatalog).result.summary).toMatch(
      /\d+ optional extras\.$/,
    );
    for (const party of [JUNGLE, facts({}), facts({ age: 7 }), facts({ guest_count: 400 })]) {
      for (const { result } of Object.values(runAllAgents(party, staticCatalog))) {
        expect(result.summary).not.toMatch(/\(s\)/);
      }
    }
  });
});
