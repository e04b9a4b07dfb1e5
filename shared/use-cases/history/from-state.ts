import type { HistoryEvent, HistoryNow, LoggedMessage } from '#shared/contracts/history.ts';
import type { AgentResult, PartyState } from '#shared/contracts/party.ts';
import { AGENT_NAMES } from '#shared/contracts/primitives.ts';
import { fact, inputFacts, partyFacts, removedFacts } from './now-inputs.ts';
import { understoodText } from './understood.ts';
import { budgetText, planText, quoted } from './words.ts';

const AGENT_EVENT_TYPES = {
  running: 'party.agent.started',
  completed: 'party.agent.completed',
  failed: 'party.agent.failed',
} as const satisfies Record<AgentResult['status'], string>;

function runText(result: AgentResult): string {
  const times = [
    result.started_at ? `started ${result.started_at}` : null,
    result.completed_at ? `ended ${result.completed_at}` : null,
  ].filter(Boolean);
  const error = result.error ? `: ${result.error}` : '';
  return `${result.status} on inputs v${result.inputs_version}${error}${times.length ? ` (${times.join(', ')})` : ''}`;
}

const stateEvent = (
  fields: Pick<HistoryEvent, 'time' | 'type' | 'agent' | 'outcome'> &
    Partial<Pick<HistoryEvent, 'understood'>>,
): HistoryEvent => ({
  kind: 'event',
  source: 'state',
  seq: null,
  understood: null,
  ...fields,
  event_id: null,
  correlation_id: null,
  causation_id: null,
});

/**
 * What the state remembers that the held log does not: inputs with no `input_added` message, and
 * agent runs none of whose messages is held (expired, or never broadcast: an event that failed and
 * awaits its redrive). The ids travel with the messages only; the state keeps the times.
 */
export function stateOnlyEvents(state: PartyState, held: readonly LoggedMessage[]): HistoryEvent[] {
  const loggedInputs = new Set<string>();
  const loggedRuns = new Set<string>();
  for (const { message } of held) {
    if (message.type === 'input_added') loggedInputs.add(message.payload.input_id);
    if (message.agent !== null && message.payload && 'execution_id' in message.payload)
      loggedRuns.add(message.payload.execution_id);
  }
  const inputs = state.inputs
    .filter((input) => !loggedInputs.has(input.input_id))
    .map((input) =>
      stateEvent({
        time: input.added_at,
        type: 'party.input.added',
        agent: null,
        outcome: `added ${input.input_id} ${quoted(input.content)} (from the state: the log holds no message of it); ${understoodText(input.understood)}`,
        understood: input.understood,
      }),
    );
  const runs = Object.values(state.active_agents)
    .filter((result) => !loggedRuns.has(result.execution_id))
    .map((result) =>
      stateEvent({
        time: result.completed_at ?? result.started_at,
        type: AGENT_EVENT_TYPES[result.status],
        agent: result.agent_name,
        outcome: `${runText(result)} (from the state: the log holds none of its messages)`,
      }),
    );
  return [...inputs, ...runs].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
}

/**
 * The party as it stands: its facts, the plan, what it was built from, and every input and agent run
 * it holds; the held log tells what a removed input said.
 */
export function currentFacts(state: PartyState, held: readonly LoggedMessage[]): HistoryNow[] {
  const { final_plan: plan, budget } = state;
  const behind = plan && plan.inputs_version < state.inputs_version ? ' (behind the inputs)' : '';
  const agents = AGENT_NAMES.flatMap((name) => {
    const result = state.active_agents[name];
    return result ? [result] : [];
  });
  return [
    fact({
      subject: 'party',
      id: null,
      time: state.updated_at,
      inputs_version: state.inputs_version,
      detail: `${state.status}, inputs v${state.inputs_version}, created ${state.created_at}, last change ${state.updated_at}`,
    }),
    partyFacts(state),
    fact({
      subject: 'plan',
      id: null,
      time: null,
      inputs_version: plan?.inputs_version ?? null,
      detail: plan ? `${planText(plan)}${behind}` : 'no plan yet',
    }),
    fact({
      subject: 'budget',
      id: null,
      time: null,
      inputs_version: budget?.inputs_version ?? null,
      detail: budget ? `on inputs v${budget.inputs_version}: ${budgetText(budget)}` : 'no budget yet',
    }),
    ...agents.map((result) =>
      fact({
        subject: 'agent',
        id: result.agent_name,
        time: result.completed_at ?? result.started_at,
        inputs_version: result.inputs_version,
        detail: runText(result),
      }),
    ),
    ...inputFacts(state),
    ...removedFacts(state, held),
  ];
}
