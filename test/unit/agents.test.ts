import { describe, expect, it } from 'vitest';
import {
  AGENTS,
  type AgentContext,
  CakeResult,
  CateringResult,
  cakeAgent,
  cateringAgent,
  FACTS_READ,
  runAllAgents,
  runPipelineAgent,
  ThemeResult,
  themeAgent,
  VendorResult,
  VenueResult,
  vendorAgent,
  venueAgent,
} from '#shared/agents/index.ts';
import {
  Bakery,
  Caterer,
  type PartyCatalog,
  staticCatalog,
  Theme,
  VENDOR_CATEGORIES,
  Vendor,
  Venue,
} from '#shared/catalog/index.ts';
import { NO_FACTS, type PartyFacts } from '#shared/pipeline/facts.ts';
import { JsonObject, PIPELINE_AGENTS } from '#shared/schemas/primitives.ts';

function facts(overrides: Partial<PartyFacts>): PartyFacts {
  return { ...NO_FACTS, ...overrides };
}

/** The context a dependent agent gets once the theme agent has answered for the same facts. */
function withTheme(partyFacts: PartyFacts): AgentContext {
  return { facts: partyFacts, theme: themeAgent({ facts: partyFacts, theme: null }, staticCatalog).result };
}

const usd = (max: number, min: number | null = null) => ({ min, max, currency: 'USD' });

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
      withTheme(facts({ guest_count: 30, budget: { min: null, max: 900, currency: 'EUR' } })),
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
      occasion: 'graduation',
      location: 'Riverside',
      dietary: ['vegan'],
      colors: ['teal'],
      styles: ['rustic'],
      themes: ['pirate'],
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

describe('runPipelineAgent', () => {
  it('takes the theme as stored and returns plain JSON', () => {
    const stored: JsonObject = JSON.parse(
      JSON.stringify(themeAgent({ facts: JUNGLE, theme: null }, staticCatalog).result),
    );
    for (const agent of PIPELINE_AGENTS) {
      const output = runPipelineAgent(agent, { facts: JUNGLE, theme: stored }, staticCatalog);
      expect(JsonObject.safeParse(output.result).success, agent).toBe(true);
      expect(JSON.parse(JSON.stringify(output.result)), agent).toEqual(output.result);
      expect(output.confidence).toBeGreaterThanOrEqual(0);
      expect(output.confidence).toBeLessThanOrEqual(1);
    }
    expect(runPipelineAgent('venue_agent', { facts: JUNGLE, theme: stored }, staticCatalog)).toEqual(
      venueAgent(withTheme(JUNGLE), staticCatalog),
    );
  });

  it('treats a stored theme that is not a theme result as none', () => {
    const output = runPipelineAgent(
      'vendor_agent',
      { facts: JUNGLE, theme: { summary: 'old' } },
      staticCatalog,
    );
    expect(output.result.theme).toBeNull();
  });
});
