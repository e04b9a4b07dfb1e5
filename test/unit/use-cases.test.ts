import { describe, expect, it } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import { JsonObject, PIPELINE_AGENTS } from '#shared/contracts/primitives.ts';
import { AGENTS } from '#shared/domain/agents/index.ts';
import { newParty, setAgentResult } from '#shared/domain/party/transitions.ts';
import { newlyAnswered } from '#shared/domain/pipeline/answered.ts';
import { staticCatalog } from '#shared/domain/suppliers/index.ts';
import { runAgent } from '#shared/use-cases/run-agent.ts';
import { updateBudget } from '#shared/use-cases/update-budget.ts';
import { updatePlan } from '#shared/use-cases/update-plan.ts';
import { agentResult, input, shouldExecuteEvent } from '#test/fixtures/party.ts';

// The use cases that both the Lambda handlers and the bench's in-memory pipeline apply: pure steps
// from a state and a trigger to the state to store and the events to publish.

const NOW = '2026-11-24T12:05:00.000Z';
const clock = () => new Date(NOW);

function party(...contents: string[]): PartyState {
  const inputs = contents.map((content, index) => input(`inp_${index + 1}`, content));
  return newParty('fpUSECASE1', NOW, inputs);
}

const runnerFor = (agent: (typeof PIPELINE_AGENTS)[number]) => ({
  agent,
  recommend: AGENTS[agent],
  catalog: staticCatalog,
});

function ran(state: PartyState, agent: (typeof PIPELINE_AGENTS)[number]) {
  const request = shouldExecuteEvent(state.party_id, agent, ['inp_1'], state.inputs_version);
  const step = runAgent(runnerFor(agent), request, state, clock);
  if (step.kind !== 'ran') throw new Error(`${agent} did not run: ${step.kind}`);
  return { step, request };
}

describe('runAgent', () => {
  const jungle = party('jungle theme for 75 guests in Austin, budget $1500, nut-free cake, buffet, a DJ');

  it('records a run of plain JSON for the inputs it saw, and reports it as started and completed', () => {
    const theme = ran(jungle, 'theme_agent').step;
    const themed = setAgentResult(theme.run, NOW)(jungle);
    for (const agent of PIPELINE_AGENTS) {
      // The dependents run on the recorded theme, as the analyzer asks for them once it completes.
      const { step } = agent === 'theme_agent' ? { step: theme } : ran(themed, agent);
      expect(JsonObject.safeParse(step.run.result).success, agent).toBe(true);
      expect(JSON.parse(JSON.stringify(step.run.result)), agent).toEqual(step.run.result);
      expect(step.run).toMatchObject({ status: 'completed', inputs_version: jungle.inputs_version });
      expect(step.run.confidence).toBeGreaterThanOrEqual(0);
      expect(step.run.confidence).toBeLessThanOrEqual(1);
      expect(step.events.map((event) => event.type)).toEqual([
        'party.agent.started',
        'party.agent.completed',
      ]);
    }
  });

  it('treats a stored theme that no longer reads as a theme result as none', () => {
    const oldTheme = agentResult('theme_agent', 1, { result: { summary: 'old' } });
    const withOldTheme = setAgentResult(oldTheme, NOW)(jungle);
    expect(ran(withOldTheme, 'vendor_agent').step.run.result.theme).toBeNull();
  });

  it('does not run for a party where no input concerns the agent any more', () => {
    const cakeOnly = party('nut-free cake');
    const request = shouldExecuteEvent(cakeOnly.party_id, 'venue_agent', ['inp_1'], 1);
    expect(runAgent(runnerFor('venue_agent'), request, cakeOnly, clock)).toEqual({ kind: 'not_concerned' });
  });

  it('repeats the report of a run that this very request wrote, and stays silent for another', () => {
    const { step, request } = ran(jungle, 'theme_agent');
    const recorded = setAgentResult(step.run, NOW)(jungle);
    const again = runAgent(runnerFor('theme_agent'), request, recorded, clock);
    expect(again).toMatchObject({ kind: 'current', execution_id: step.run.execution_id });
    // The very same events (by id), so that the bus and the browser see a repeat, not a new run.
    const ids = (events: readonly { event_id: string }[]) => events.map((event) => event.event_id);
    expect(again.kind === 'current' && ids(again.events)).toEqual(ids(step.events));
    const other = shouldExecuteEvent(jungle.party_id, 'theme_agent', ['inp_1'], jungle.inputs_version);
    expect(runAgent(runnerFor('theme_agent'), other, recorded, clock)).toMatchObject({
      kind: 'current',
      events: [],
    });
  });

  it('records an agent that throws as failed, and reports the failure', () => {
    const broken = {
      agent: 'theme_agent' as const,
      recommend: () => {
        throw new Error('catalog unreadable');
      },
      catalog: staticCatalog,
    };
    const request = shouldExecuteEvent(jungle.party_id, 'theme_agent', ['inp_1'], 1);
    const step = runAgent(broken, request, jungle, clock);
    expect(step).toMatchObject({
      kind: 'ran',
      run: { status: 'failed', error: 'catalog unreadable', result: {}, confidence: 0 },
      failure: new Error('catalog unreadable'),
    });
    expect(step.kind === 'ran' && step.events.map((event) => event.type)).toEqual([
      'party.agent.started',
      'party.agent.failed',
    ]);
  });
});

describe('updateBudget and updatePlan', () => {
  const withVenue = (() => {
    const state = party('jungle theme for 75 guests in Austin, budget $1500');
    const theme = setAgentResult(ran(state, 'theme_agent').step.run, NOW)(state);
    return setAgentResult(ran(theme, 'venue_agent').step.run, NOW)(theme);
  })();
  const trigger = shouldExecuteEvent(withVenue.party_id, 'venue_agent');

  it('stores and announces a budget that changed, once', () => {
    const first = updateBudget(withVenue, trigger, NOW);
    expect(first.state.budget).not.toBeNull();
    expect(first.events).toMatchObject([
      { type: 'party.budget.updated', payload: first.state.budget, causation_id: trigger.event_id },
    ]);
    const second = updateBudget(first.state, trigger, NOW);
    expect(second).toEqual({ state: first.state, events: [] });
  });

  it('stores and announces a plan that changed, once, numbered', () => {
    const first = updatePlan(withVenue, trigger, NOW);
    expect(first.state.final_plan?.plan_version).toBe(1);
    expect(first.events).toMatchObject([{ type: 'party.plan.updated', payload: first.state.final_plan }]);
    expect(updatePlan(first.state, trigger, NOW)).toEqual({ state: first.state, events: [], answered: [] });
  });

  it('answers an input once every agent it concerns has run for it, and times it once', () => {
    const first = updatePlan(withVenue, trigger, NOW);
    const [added] = withVenue.inputs;
    expect(first.answered).toEqual([added?.added_at]);
    expect(first.state.final_plan?.answered_up_to).toBe(added?.added_at);
    expect(newlyAnswered(first.state, added?.added_at, added?.added_at)).toEqual([]);
  });

  it('does not answer an input while an agent it concerns has no result', () => {
    const state = party('jungle theme for 75 guests in Austin');
    const themed = setAgentResult(ran(state, 'theme_agent').step.run, NOW)(state);
    const step = updatePlan(themed, trigger, NOW);
    expect(step.answered).toEqual([]);
    expect(step.state.final_plan?.answered_up_to).toBeUndefined();
  });

  it('does not time an input that made no agent run: the plan had answered it before it came', () => {
    const first = updatePlan(withVenue, trigger, NOW);
    const later = { ...input('inp_2', 'hello there'), added_at: '2026-11-24T12:10:00.000Z' };
    const withHello = { ...first.state, inputs: [...first.state.inputs, later] };
    expect(newlyAnswered(withHello, undefined, later.added_at)).toEqual([withVenue.inputs[0]?.added_at]);
  });
});
