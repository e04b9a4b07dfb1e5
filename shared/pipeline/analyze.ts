import type { EventOfType, PartyEvent } from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import type { PartyState } from '#shared/schemas/party.ts';
import { PIPELINE_AGENTS, type PipelineAgent } from '#shared/schemas/primitives.ts';
import { classifyInput } from './classify.ts';
import { AFFECTS, AGENT_PRIORITY } from './dependencies.ts';

export type AnalyzerEvent = EventOfType<
  'party.input.added' | 'party.input.removed' | 'party.agent.completed'
>;

const STATED_BUDGET = /\bbudget\b|\$\s?\d/i;

function byPriority(agents: readonly PipelineAgent[]): PipelineAgent[] {
  return [...agents].sort((a, b) => AGENT_PRIORITY[a] - AGENT_PRIORITY[b]);
}

function inputsFor(agent: PipelineAgent, state: PartyState): string[] {
  return state.inputs
    .filter((input) => classifyInput(input.content).includes(agent))
    .map((input) => input.input_id);
}

/** Decides which agents must run, or lose their data, after one event; reads only the given state. */
export function analyze(event: AnalyzerEvent, state: PartyState): PartyEvent[] {
  const cause = causedBy(event);
  const shouldExecute = (
    agent: PipelineAgent | 'budget_agent',
    executionType: 'start' | 'rerun' | 'recalculate',
    inputIds: string[],
    reason: string,
  ) =>
    createEvent(
      'party.agent.should_execute',
      state.party_id,
      {
        agent_name: agent,
        execution_type: executionType,
        input_ids: inputIds,
        priority: agent === 'budget_agent' ? 4 : AGENT_PRIORITY[agent],
        reason,
        inputs_version: state.inputs_version,
      },
      cause,
    );

  switch (event.type) {
    case 'party.input.added': {
      const input = state.inputs.find((candidate) => candidate.input_id === event.payload.input_id);
      if (!input) return [];
      const runs: PartyEvent[] = byPriority(classifyInput(input.content)).map((agent) =>
        shouldExecute(
          agent,
          state.active_agents[agent]?.status === 'completed' ? 'rerun' : 'start',
          [input.input_id],
          `new_${agent.replace('_agent', '')}_input_detected`,
        ),
      );
      if (STATED_BUDGET.test(input.content)) {
        runs.push(shouldExecute('budget_agent', 'recalculate', [input.input_id], 'stated_budget_changed'));
      }
      return runs;
    }
    case 'party.input.removed':
      return byPriority(PIPELINE_AGENTS.filter((agent) => state.active_agents[agent])).map((agent) => {
        const remaining = inputsFor(agent, state);
        if (remaining.length > 0) return shouldExecute(agent, 'rerun', remaining, 'input_removed');
        return createEvent(
          'party.agent.data_removed',
          state.party_id,
          {
            agent_name: agent,
            reason: 'no_relevant_inputs',
            removed_input_id: event.payload.input_id,
            inputs_version: state.inputs_version,
          },
          cause,
        );
      });
    case 'party.agent.completed': {
      const agent = event.payload.agent_name;
      if (agent !== 'theme_agent' || event.payload.inputs_version !== state.inputs_version) return [];
      const dependents = AFFECTS[agent].filter(
        (dependent): dependent is PipelineAgent =>
          dependent !== 'budget_agent' && inputsFor(dependent, state).length > 0,
      );
      return byPriority(dependents).map((dependent) =>
        shouldExecute(dependent, 'recalculate', inputsFor(dependent, state), 'dependency_on_theme_agent'),
      );
    }
  }
}
