import type { PartyInput, PartyState } from '#shared/contracts/party.ts';
import { PIPELINE_AGENTS } from '#shared/contracts/primitives.ts';
import { currentResults } from './current-results.ts';
import { AGENT_OF, inputsFor, type UnderstoodParty } from './party-facts.ts';

const time = Date.parse;

/**
 * Whether every agent that some input concerns has answered the inputs as they are now: each has a
 * result (a failure is an answer too) and none is being re-run because its result no longer fits.
 */
export function everyAgentAnswered(state: PartyState, party: UnderstoodParty): boolean {
  const { state: fitting, updating } = currentResults(state, party);
  if (updating.length > 0) return false;
  return PIPELINE_AGENTS.every(
    (agent) => inputsFor(agent, party).length === 0 || fitting.active_agents[agent] !== undefined,
  );
}

/** When the newest input was added: the plan has answered every input up to it once all agents have. */
export function newestInput(state: PartyState): string | undefined {
  return state.inputs.reduce<string | undefined>(
    (newest, input) =>
      newest === undefined || time(input.added_at) > time(newest) ? input.added_at : newest,
    undefined,
  );
}

/** Whether an agent the input concerns ran after it came: else the plan answered it before it came. */
function madeAgentRun(state: PartyState, input: PartyInput): boolean {
  return input.understood.categories.some((category) => {
    const completedAt = state.active_agents[AGENT_OF[category]]?.completed_at;
    return completedAt != null && time(completedAt) >= time(input.added_at);
  });
}

/**
 * The inputs (their `added_at`) that a plan answering up to `to` answers for the first time, when the
 * previous plan answered up to `from`: what the time-to-plan metric measures, once per input. An input
 * that made no agent run (it says nothing new) is not timed: no plan is written for it, and the next
 * one, written for another reason, would be counted as its answer.
 */
export function newlyAnswered(state: PartyState, from: string | undefined, to: string | undefined): string[] {
  if (to === undefined || to === from) return [];
  return state.inputs
    .filter((input) => time(input.added_at) <= time(to))
    .filter((input) => from === undefined || time(input.added_at) > time(from))
    .filter((input) => madeAgentRun(state, input))
    .map((input) => input.added_at);
}
