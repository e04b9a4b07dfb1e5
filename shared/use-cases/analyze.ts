import { BUDGET_REQUEST_REASONS, type EventOfType, type PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { PIPELINE_AGENTS, type PipelineAgent } from '#shared/contracts/primitives.ts';
import { type Cause, causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { resultFits, THEME_DEPENDENTS } from '#shared/domain/pipeline/basis.ts';
import { AGENT_PRIORITY, BUDGET_PRIORITY } from '#shared/domain/pipeline/dependencies.ts';
import { inputsFor, type UnderstoodParty, understandParty } from '#shared/domain/pipeline/party-facts.ts';

export type AnalyzerEvent = EventOfType<
  'party.input.added' | 'party.input.removed' | 'party.agent.completed'
>;

function reasonFor(event: AnalyzerEvent, agent: PipelineAgent): string {
  if (event.type === 'party.agent.completed') return `dependency_on_${event.payload.agent_name}`;
  if (event.type === 'party.input.removed') return 'input_removed';
  return `new_${agent.replace('_agent', '')}_input_detected`;
}

/**
 * A changed input may concern any agent. A finished run can only have made stale the agents built
 * on it (the theme's dependents) or itself (a run that read an older state): asking again for the
 * others, whose runs are likely still under way, would only duplicate work in flight.
 */
function agentsToCheck(event: AnalyzerEvent): PipelineAgent[] {
  if (event.type !== 'party.agent.completed') return [...PIPELINE_AGENTS];
  const finished = event.payload.agent_name;
  return PIPELINE_AGENTS.filter(
    (agent) => agent === finished || (finished === 'theme_agent' && THEME_DEPENDENTS.includes(agent)),
  );
}

function dataRemoval(
  event: AnalyzerEvent,
  state: PartyState,
  agent: PipelineAgent,
  cause: Cause,
): PartyEvent {
  return createEvent(
    'party.agent.data_removed',
    state.party_id,
    {
      agent_name: agent,
      reason: 'no_relevant_inputs',
      removed_input_id: event.type === 'party.input.removed' ? event.payload.input_id : null,
      inputs_version: state.inputs_version,
    },
    cause,
  );
}

function withoutAgent(state: PartyState, agent: PipelineAgent): PartyState {
  const { [agent]: _gone, ...rest } = state.active_agents;
  return { ...state, active_agents: rest };
}

function runRequest(
  event: AnalyzerEvent,
  state: PartyState,
  agent: PipelineAgent,
  inputIds: string[],
  hasResult: boolean,
  cause: Cause,
): PartyEvent {
  const rerun = event.type === 'party.agent.completed' ? 'recalculate' : 'rerun';
  return createEvent(
    'party.agent.should_execute',
    state.party_id,
    {
      agent_name: agent,
      execution_type: hasResult ? rerun : 'start',
      input_ids: inputIds,
      priority: AGENT_PRIORITY[agent],
      reason: reasonFor(event, agent),
      inputs_version: state.inputs_version,
    },
    cause,
  );
}

/**
 * Every accepted change is answered with a plan for the current inputs. A removal reaches the
 * planner directly, and so does any run or removal of data decided here; an added input that
 * decides nothing ("hi there", a repeated fact) would otherwise never get one.
 */
function budgetRequest(
  event: AnalyzerEvent,
  state: PartyState,
  party: UnderstoodParty,
  decidedNothing: boolean,
  cause: Cause,
): PartyEvent | null {
  const stated = party.facts.budget;
  const recorded = state.budget?.stated_budget ?? null;
  const budgetChanged = JSON.stringify(stated) !== JSON.stringify(recorded);
  if (!budgetChanged && !(event.type === 'party.input.added' && decidedNothing)) return null;
  return createEvent(
    'party.agent.should_execute',
    state.party_id,
    {
      agent_name: 'budget_agent',
      execution_type: 'recalculate',
      input_ids: [],
      priority: BUDGET_PRIORITY,
      reason: budgetChanged
        ? BUDGET_REQUEST_REASONS.statedBudgetChanged
        : BUDGET_REQUEST_REASONS.inputsChanged,
      inputs_version: state.inputs_version,
    },
    cause,
  );
}

/**
 * Compares what the party's inputs call for with what the agents last produced, and asks for
 * exactly the difference: agents whose result no longer fits their facts (or the theme they built
 * on) run again, agents that no input supports any more lose their data, and a changed stated
 * budget is recalculated. Because it reads only the current state, events may arrive duplicated,
 * late or in any order and the party still converges on the same plan.
 */
export function analyze(event: AnalyzerEvent, state: PartyState): PartyEvent[] {
  const cause = causedBy(event);
  const party = understandParty(state);
  const decisions: PartyEvent[] = [];
  const byPriority = agentsToCheck(event).sort((a, b) => AGENT_PRIORITY[a] - AGENT_PRIORITY[b]);
  // The state as it will be once the removals decided so far are done: an agent built on a theme
  // whose data goes now must not keep a fingerprint of that theme.
  let projected = state;

  for (const agent of byPriority) {
    const current = projected.active_agents[agent];
    const inputIds = inputsFor(agent, party);
    if (inputIds.length === 0) {
      if (current) {
        decisions.push(dataRemoval(event, state, agent, cause));
        projected = withoutAgent(projected, agent);
      }
      continue;
    }
    if (resultFits(agent, current, party, projected) && current?.status !== 'failed') continue;
    decisions.push(runRequest(event, state, agent, inputIds, current !== undefined, cause));
  }
  if (event.type === 'party.agent.completed') return decisions;
  const budget = budgetRequest(event, state, party, decisions.length === 0, cause);
  return budget ? [...decisions, budget] : decisions;
}
