import { beforeEach, describe, expect, it } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import type { JsonObject } from '#shared/contracts/primitives.ts';
import { planContent, realHandlers, startSession } from '#test/support/party-session.ts';
import { drain, seededRandom } from '#test/support/pipeline-driver.ts';

const handlers = realHandlers();

beforeEach(() => handlers.env.bus.clear());

const SCENARIO = ['jungle theme party for 75 guests', 'budget $1500', 'nut-free chocolate cake'];

async function plan(contents: readonly string[]) {
  const party = await startSession(handlers.store);
  const inputIds: string[] = [];
  for (const content of contents) inputIds.push(await party.add(content));
  return { party, partyId: party.partyId, inputIds };
}

const finalState = (partyId: string): Promise<PartyState> =>
  handlers.store.getParty(partyId).then((state) => {
    if (!state) throw new Error(`party ${partyId} is gone`);
    return state;
  });

const resultOf = (state: PartyState, agent: keyof PartyState['active_agents']) =>
  (state.active_agents[agent]?.result ?? {}) as JsonObject & Record<string, unknown>;

describe('the jungle party', () => {
  it('gets a jungle theme, venues for 75, a nut-free cake for 75 and a budget checked against $1500', async () => {
    const { partyId } = await plan(SCENARIO);
    await drain(handlers.env.bus);
    const state = await finalState(partyId);

    expect(resultOf(state, 'theme_agent').primary_theme).toBe('jungle');
    const venues = resultOf(state, 'venue_agent').recommended_venues as { capacity: number }[];
    expect(venues.length).toBeGreaterThan(0);
    expect(venues.every((venue) => venue.capacity >= 75)).toBe(true);
    const cake = resultOf(state, 'cake_agent');
    expect(cake.servings).toBeGreaterThanOrEqual(75);
    const bakeries = cake.recommended_bakeries as { dietary_options: string[] }[];
    expect(bakeries.length).toBeGreaterThan(0);
    expect(
      bakeries.every((bakery) =>
        bakery.dietary_options.map((option) => option.toLowerCase()).includes('nut-free'),
      ),
    ).toBe(true);

    expect(state.budget?.stated_budget).toEqual({ min: null, max: 1500, currency: 'USD', kind: 'amount' });
    expect(['within', 'over', 'under']).toContain(state.budget?.status);
    expect(state.budget?.breakdown).toHaveProperty('venue');
    expect(state.budget?.breakdown).toHaveProperty('cake');
    expect(state.final_plan).toMatchObject({
      completion_percent: 100,
      budget_summary: { stated_budget: { max: 1500 } },
    });
  });

  it('cascades when the theme input goes: theme and venue data removed, the cake re-run without the theme', async () => {
    const { party, partyId, inputIds } = await plan(SCENARIO);
    await drain(handlers.env.bus);
    const before = await finalState(partyId);
    await party.remove(inputIds[0] ?? '');
    await drain(handlers.env.bus);
    const after = await finalState(partyId);

    expect(after.active_agents.theme_agent).toBeUndefined();
    expect(after.active_agents.venue_agent).toBeUndefined();
    expect(
      handlers.env.bus
        .events()
        .filter((event) => event.type === 'party.agent.data_removed')
        .map((event) => event.payload.agent_name),
    ).toEqual(expect.arrayContaining(['theme_agent', 'venue_agent']));
    expect(after.active_agents.cake_agent?.basis).not.toBe(before.active_agents.cake_agent?.basis);
    expect(after.final_plan).toMatchObject({
      completion_percent: 0,
      missing_agents: expect.arrayContaining(['theme_agent', 'venue_agent']),
    });
  });

  it('reaches plan_updated within four events of an added input', async () => {
    const { partyId } = await plan(['space theme']);
    await drain(handlers.env.bus);
    const events = handlers.env.bus.events();
    const byId = new Map(events.map((event) => [event.event_id, event]));
    const planUpdated = events.find(
      (event) => event.type === 'party.plan.updated' && event.party_id === partyId,
    );
    expect(planUpdated).toBeDefined();
    let hops = 1;
    for (
      let cursor = planUpdated;
      cursor && cursor.type !== 'party.input.added';
      cursor = byId.get(String(cursor.causation_id))
    )
      hops += 1;
    expect(hops).toBeLessThanOrEqual(4);
  });
});

describe('plans between a removal and the re-runs it calls for', () => {
  const CONVERSATION = [
    'jungle theme party for 50 guests',
    'change of plans: mermaid theme now',
    'budget $1200',
    'nut-free cake',
    'in Lakeshore',
  ];

  it.each([
    { removed: 1, gone: /under the sea|mermaid/i },
    { removed: 4, gone: /lakeshore/i },
  ])('never show what only input $removed said, in any delivery order', async ({ removed, gone }) => {
    for (const seed of [0, 1, 2, 3]) {
      handlers.env.bus.clear();
      const { party, inputIds } = await plan(CONVERSATION);
      await drain(handlers.env.bus);
      await party.remove(inputIds[removed] ?? '');
      const { inputs_version: version } = await party.state();
      const random = seededRandom(seed);
      await drain(handlers.env.bus, seed === 0 ? {} : { pick: (pending) => Math.floor(random() * pending) });
      const plans = handlers.env.bus
        .events()
        .filter(
          (event) => event.type === 'party.plan.updated' && Number(event.payload.inputs_version) >= version,
        );
      expect(plans.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const planEvent of plans)
        expect(JSON.stringify(planEvent.payload), `seed ${seed}`).not.toMatch(gone);
    }
  });
});

describe('convergence under real delivery', () => {
  it('gives the same final plan when every delivery is shuffled and many are duplicated', async () => {
    const clean = await plan(SCENARIO);
    await drain(handlers.env.bus);
    const expected = planContent(await finalState(clean.partyId));

    for (const seed of [1, 2, 3]) {
      handlers.env.bus.clear();
      const chaotic = await plan(SCENARIO);
      const random = seededRandom(seed);
      await drain(handlers.env.bus, {
        pick: (pending) => Math.floor(random() * pending),
        duplicateShare: 0.3,
        random,
      });
      expect(planContent(await finalState(chaotic.partyId)), `seed ${seed}`).toEqual(expected);
    }
  });
});
