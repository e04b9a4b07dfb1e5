import { describe, expect, it } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import { addInput, newParty, removeInput } from '#shared/domain/party/transitions.ts';
import { basisOf } from '#shared/domain/pipeline/basis.ts';
import { computeBudget } from '#shared/domain/pipeline/budget-summary.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { computePlan } from '#shared/domain/pipeline/plan.ts';
import { analyze } from '#shared/use-cases/analyze.ts';
import { agentResult, input, inputAddedEvent } from '#test/fixtures/party.ts';

const NOW = '2026-11-24T12:00:00.000Z';

function party(...contents: string[]): PartyState {
  return newParty(
    'fpUNIT0001',
    NOW,
    contents.map((content, index) => input(`inp_${index + 1}`, content)),
  );
}

/** Records an agent as having completed from exactly the basis the party calls for now. */
function completedNow(state: PartyState, agent: PipelineAgent, result = {}): PartyState {
  const basis = basisOf(agent, understandParty(state), state);
  return {
    ...state,
    active_agents: {
      ...state.active_agents,
      [agent]: agentResult(agent, state.inputs_version, {
        result,
        basis: basis.fingerprint,
        dependency_version: basis.dependencyVersion,
      }),
    },
  };
}

const requested = (state: PartyState) =>
  analyze(inputAddedEvent(state.party_id, input('inp_1')), state).flatMap((event) =>
    event.type === 'party.agent.should_execute' ? [event.payload.agent_name] : [],
  );

describe('analyzer', () => {
  it('asks each agent whose inputs exist and whose result is missing, theme first', () => {
    expect(requested(party('jungle theme party for 75 guests', 'nut-free chocolate cake'))).toEqual([
      'theme_agent',
      'venue_agent',
      'cake_agent',
    ]);
  });

  it('asks nothing of agents whose result still fits their facts, only a plan for the new inputs', () => {
    let state = party('jungle theme party for 75 guests');
    state = completedNow(completedNow(state, 'theme_agent'), 'venue_agent');
    const decisions = analyze(inputAddedEvent(state.party_id, input('inp_1')), state);
    expect(decisions.map((event) => event.payload)).toEqual([
      expect.objectContaining({ agent_name: 'budget_agent', reason: 'inputs_changed' }),
    ]);
  });

  it('answers an input that concerns no agent with a plan request, from the very first input', () => {
    const decisions = analyze(inputAddedEvent('fpUNIT0001', input('inp_1')), party('hi there'));
    expect(decisions.map((event) => event.payload)).toEqual([
      expect.objectContaining({ agent_name: 'budget_agent', reason: 'inputs_changed', inputs_version: 1 }),
    ]);
  });

  it('re-runs a dependent whose theme loses its data in the same decision', () => {
    let state = party('unicorn theme', 'a hall for 40 guests');
    state = completedNow(completedNow(state, 'theme_agent', { primary_theme: 'unicorn' }), 'venue_agent');
    const [, hall] = state.inputs;
    const withoutTheme = { ...state, inputs: hall ? [hall] : [], inputs_version: state.inputs_version + 1 };
    const decisions = analyze(inputAddedEvent(state.party_id, input('inp_2')), withoutTheme);
    expect(
      decisions.map((event) => [event.type, 'agent_name' in event.payload ? event.payload.agent_name : null]),
    ).toEqual([
      ['party.agent.data_removed', 'theme_agent'],
      ['party.agent.should_execute', 'venue_agent'],
    ]);
  });

  it('re-runs the dependents when the theme result changes', () => {
    let state = party('jungle theme party for 75 guests');
    state = completedNow(state, 'venue_agent');
    state = completedNow(state, 'theme_agent', { primary_theme: 'jungle' });
    expect(requested(state)).toEqual(['venue_agent']);
  });

  it('asks the budget agent when the stated budget changes, and nothing else for a budget-only input', () => {
    const state = party('budget $1500');
    expect(requested(state)).toEqual(['budget_agent']);
  });

  it('removes the data of agents that no input supports any more', () => {
    const state = completedNow(party('balloons and a magician'), 'vendor_agent');
    const withoutInputs = { ...state, inputs: [], inputs_version: state.inputs_version + 1 };
    const decisions = analyze(inputAddedEvent(state.party_id, input('inp_1')), withoutInputs);
    expect(
      decisions.map((event) => [event.type, 'agent_name' in event.payload ? event.payload.agent_name : null]),
    ).toEqual([['party.agent.data_removed', 'vendor_agent']]);
  });
});

describe('budget', () => {
  const withCosts = (venue: [number, number], cake: [number, number]) => {
    let state = party('a park for 75 guests', 'cake');
    state = completedNow(state, 'venue_agent', { estimated_cost: { min: venue[0], max: venue[1] } });
    return completedNow(state, 'cake_agent', { estimated_cost: { min: cake[0], max: cake[1] } });
  };
  const stated = { min: null, max: 1500, currency: 'USD', kind: 'amount' } as const;

  it('totals each category and compares the total with the stated budget', () => {
    const budget = computeBudget(withCosts([200, 400], [100, 300]), stated);
    expect(budget).toMatchObject({
      total_budget: { min: 300, max: 700 },
      breakdown: { venue: { min: 200, max: 400 }, cake: { min: 100, max: 300 } },
      status: 'under',
      difference: -800,
      cost_saving_tips: [],
    });
  });

  it('says by how much it is over and what to cut, costliest first', () => {
    const budget = computeBudget(withCosts([1200, 1800], [400, 500]), stated);
    expect(budget).toMatchObject({ status: 'over', difference: 100 });
    expect(budget.cost_saving_tips?.[0]).toMatch(/venue/i);
  });

  it('is within when only the dearer options exceed it, unknown without a stated budget', () => {
    expect(computeBudget(withCosts([500, 1000], [200, 700]), stated).status).toBe('within');
    expect(computeBudget(withCosts([500, 1000], [200, 700]), null)).toMatchObject({
      status: 'unknown',
      difference: null,
    });
  });
});

describe('planner', () => {
  it('counts the required agents, lists what is missing and asks to clarify unclear inputs', () => {
    let state = party('space theme', 'hmm not sure yet');
    state = completedNow(state, 'theme_agent', {
      primary_theme: 'space',
      colors: ['navy', 'silver'],
      decorations: ['planets'],
    });
    const plan = computePlan(state, understandParty(state));
    expect(plan.completion_percent).toBe(50);
    expect(plan.active_agents).toEqual(['theme_agent']);
    expect(plan.missing_agents).toEqual(['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent']);
    expect(plan.recommendations).toContainEqual({
      category: 'Theme',
      priority: 'high',
      description: expect.stringContaining('space'),
    });
    expect(plan.recommendations).toContainEqual(expect.objectContaining({ category: 'Clarify' }));
    expect(plan.next_steps.length).toBeLessThanOrEqual(5);
    expect(plan.checklist_summary).toEqual({ total_tasks: 6, completed_tasks: 1, pending_tasks: 5 });
  });
});

describe('removals a party remembers', () => {
  it('keeps the latest 50 by when they were removed, whatever the ids look like', () => {
    const now = '2026-11-25T00:00:00.000Z';
    let state = newParty('fpTESTPARTY0001', now);
    // Integer-like ids come first in an object's key order; "1" is also removed twice.
    const ids = ['1', ...Array.from({ length: 55 }, (_, index) => `inp_${index}`), '2', '1'];
    for (const id of ids) {
      state = addInput(input(id), now)(state);
      state = removeInput(id, now)(state);
    }
    const remembered = Object.entries(state.removed_inputs ?? {}).sort(([, a], [, b]) => a - b);
    expect(remembered).toHaveLength(50);
    expect(remembered.slice(-3).map(([id]) => id)).toEqual(['inp_54', '2', '1']);
    expect(remembered[0]?.[0]).toBe('inp_7');
  });
});
