import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as analyzer } from '#functions/analyzer/handler.ts';
import { handler as budget } from '#functions/budget/handler.ts';
import { handler as planner } from '#functions/planner/handler.ts';
import { handler as themeAgent } from '#functions/theme-agent/handler.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { AgentCompleted, AgentShouldExecute, type PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { createEvent } from '#shared/domain/event-factory.ts';
import {
  agentResult,
  input,
  inputAddedEvent,
  shouldExecuteEvent,
  uniquePartyId,
} from '#test/fixtures/party.ts';
import { testDocumentClient } from '#test/support/dynamo.ts';
import { handlerEnvironment } from '#test/support/handler-env.ts';
import { busDelivery, lambdaContext } from '#test/support/lambda.ts';

let env: Awaited<ReturnType<typeof handlerEnvironment>>;
let store: PartyStore;
const context = lambdaContext();
const cause = { correlation_id: 'req-1', causation_id: 'req-1' };

beforeAll(async () => {
  env = await handlerEnvironment();
  store = new PartyStore(testDocumentClient(), env.tableName);
});
afterAll(() => env.stop());
beforeEach(() => env.bus.clear());

function published<T extends PartyEvent['type']>(type: T) {
  return env.bus.events().filter((event) => event.type === type);
}

function firstInput(state: PartyState) {
  const [first] = state.inputs;
  if (!first) throw new Error('party has no input');
  return first;
}

async function partyWith(...contents: string[]) {
  const partyId = uniquePartyId();
  const state = await store.createParty(
    partyId,
    contents.map((content, index) => input(`inp_${index + 1}`, content)),
  );
  return state;
}

describe('analyzer', () => {
  it('asks the agents that an input concerns to run, theme first', async () => {
    const state = await partyWith('jungle theme party for 75 guests with a chocolate cake');
    const added = inputAddedEvent(state.party_id, firstInput(state));
    await analyzer(busDelivery(added), context);
    const requests = published('party.agent.should_execute').map((event) => AgentShouldExecute.parse(event));
    expect(requests.map((request) => request.payload.agent_name)).toEqual([
      'theme_agent',
      'venue_agent',
      'cake_agent',
    ]);
    expect(requests.map((request) => request.payload.priority)).toEqual([1, 2, 2]);
    expect(
      requests.every(
        (request) =>
          request.causation_id === added.event_id && request.correlation_id === added.correlation_id,
      ),
    ).toBe(true);
  });

  it('removes data that no input supports any more when an input goes', async () => {
    const state = await partyWith('space theme');
    await store.setAgentResult(
      state.party_id,
      agentResult('theme_agent', 1, { result: { primary_theme: 'space' } }),
    );
    const { state: after } = await store.removeInput(state.party_id, 'inp_1');
    const removed = createEvent(
      'party.input.removed',
      state.party_id,
      { input_id: 'inp_1', removed_by: 'user', reason: 'user_action', inputs_version: after.inputs_version },
      cause,
    );
    await analyzer(busDelivery(removed), context);
    expect(published('party.agent.data_removed')).toHaveLength(1);
    expect((await store.getParty(state.party_id))?.active_agents).toEqual({});
  });

  it('sends a malformed event to the dead-letter path instead of guessing', async () => {
    await expect(
      analyzer(busDelivery({ type: 'party.input.added', party_id: 'x' }), context),
    ).rejects.toThrow(/does not match its schema/);
  });
});

describe('agents', () => {
  it('runs, records the result with its inputs version, and reports started then completed, once per request', async () => {
    const state = await partyWith('unicorn theme');
    const request = shouldExecuteEvent(state.party_id, 'theme_agent');
    await themeAgent(busDelivery(request), context);
    expect(env.bus.events().map((event) => event.type)).toEqual([
      'party.agent.started',
      'party.agent.completed',
    ]);
    const completed = AgentCompleted.parse(published('party.agent.completed')[0]);
    const stored = (await store.getParty(state.party_id))?.active_agents.theme_agent;
    expect(stored).toMatchObject({
      status: 'completed',
      inputs_version: 1,
      execution_id: completed.payload.execution_id,
    });

    // A redelivered request finds its own result: it runs nothing and repeats the same two events
    // (same ids, so the broadcaster logs nothing new), in case its first run stopped before them.
    const first = env.bus.events().map((event) => event.event_id);
    env.bus.clear();
    await themeAgent(busDelivery(request), context);
    expect(env.bus.events().map((event) => event.event_id)).toEqual(first);
    expect((await store.getParty(state.party_id))?.active_agents.theme_agent).toEqual(stored);

    // Another request for the same facts is answered by the result already there: nothing at all.
    env.bus.clear();
    await themeAgent(busDelivery(shouldExecuteEvent(state.party_id, 'theme_agent')), context);
    expect(env.bus.entries).toEqual([]);
  });

  it('records a fitting result again for newer inputs that changed nothing for it, so the plan catches up', async () => {
    const state = await partyWith('unicorn theme');
    await themeAgent(busDelivery(shouldExecuteEvent(state.party_id, 'theme_agent')), context);
    await store.addInput(state.party_id, input('inp_2', 'hi there'));
    env.bus.clear();
    await themeAgent(busDelivery(shouldExecuteEvent(state.party_id, 'theme_agent', ['inp_1'], 2)), context);
    expect(published('party.agent.completed').map((event) => event.payload.inputs_version)).toEqual([2]);
    expect((await store.getParty(state.party_id))?.active_agents.theme_agent?.inputs_version).toBe(2);
  });

  it('writes nothing when the inputs it was asked for are gone', async () => {
    const state = await partyWith('unicorn theme');
    await store.removeInput(state.party_id, firstInput(state).input_id);
    await themeAgent(busDelivery(shouldExecuteEvent(state.party_id, 'theme_agent')), context);
    expect(env.bus.entries).toEqual([]);
    expect((await store.getParty(state.party_id))?.active_agents.theme_agent).toBeUndefined();
  });
});

describe('budget and planner', () => {
  it('total the costs and merge the results into a plan', async () => {
    const state = await partyWith('jungle theme', 'a park for 75 guests');
    await store.setAgentResult(
      state.party_id,
      agentResult('theme_agent', 1, { result: { summary: 'Jungle' } }),
    );
    await store.setAgentResult(
      state.party_id,
      agentResult('venue_agent', 1, { result: { estimated_cost: { min: 200, max: 450 } } }),
    );
    const completed = createEvent(
      'party.agent.completed',
      state.party_id,
      {
        agent_name: 'venue_agent',
        execution_id: 'exec_venue_agent',
        result: {},
        confidence: 0.9,
        execution_time_ms: 5,
        inputs_version: 1,
      },
      cause,
    );
    await budget(busDelivery(completed), context);
    const [budgetEvent] = published('party.budget.updated');
    expect(budgetEvent?.payload).toMatchObject({
      total_budget: { min: 200, max: 450 },
      based_on_agents: ['venue_agent'],
    });

    await planner(busDelivery(completed), context);
    const [planEvent] = published('party.plan.updated');
    expect(planEvent?.payload).toMatchObject({
      completion_percent: 100,
      active_agents: ['theme_agent', 'venue_agent'],
      checklist_summary: { total_tasks: 6, completed_tasks: 2, pending_tasks: 4 },
    });
    expect((await store.getParty(state.party_id))?.final_plan?.completion_percent).toBe(100);
  });

  it('drop a cost that a failed re-run replaced, as the routing table sends failures to both', async () => {
    const state = await partyWith('a park for 75 guests');
    await store.setAgentResult(
      state.party_id,
      agentResult('venue_agent', 1, { result: { estimated_cost: { min: 200, max: 450 } } }),
    );
    const completed = (agent_name: 'venue_agent') =>
      createEvent(
        'party.agent.completed',
        state.party_id,
        {
          agent_name,
          execution_id: 'exec_ok',
          result: {},
          confidence: 1,
          execution_time_ms: 1,
          inputs_version: 1,
        },
        cause,
      );
    await budget(busDelivery(completed('venue_agent')), context);
    await store.setAgentResult(
      state.party_id,
      agentResult('venue_agent', 1, { status: 'failed', error: 'no venue', execution_id: 'exec_failed' }),
    );
    env.bus.clear();
    const failed = createEvent(
      'party.agent.failed',
      state.party_id,
      {
        agent_name: 'venue_agent',
        execution_id: 'exec_failed',
        error: 'no venue',
        error_type: 'internal',
        retry_count: 0,
        inputs_version: 1,
      },
      cause,
    );
    await budget(busDelivery(failed), context);
    expect(published('party.budget.updated')[0]?.payload).toMatchObject({
      total_budget: { min: 0, max: 0 },
      based_on_agents: [],
    });
    await planner(busDelivery(failed), context);
    expect(published('party.plan.updated')[0]?.payload).toMatchObject({
      missing_agents: expect.arrayContaining(['venue_agent']),
    });
  });
});

describe('publishing', () => {
  it('retries the entries that PutEvents reports as failed', async () => {
    const state = await partyWith('balloons and a magician');
    env.bus.failNext(1);
    const added = inputAddedEvent(state.party_id, firstInput(state));
    await analyzer(busDelivery(added), context);
    expect(published('party.agent.should_execute').map((event) => event.payload.agent_name)).toEqual([
      'vendor_agent',
    ]);
  });
});
