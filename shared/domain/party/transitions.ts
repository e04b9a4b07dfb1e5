// Pure state transitions of a party. Each returns the next state, or the very same object when the
// change is already there (a redelivered event, a stale result), which tells the store to write nothing.
import type { AgentResult, Budget, PartyInput, PartyPlan, PartyState } from '#shared/contracts/party.ts';
import type { AgentName } from '#shared/contracts/primitives.ts';
import { DuplicateInputError, InputNotFoundError, LimitExceededError } from './errors.ts';
import { LIMITS } from './limits.ts';

export type Transition = (state: PartyState) => PartyState;

export function checkInputLimits(input: PartyInput): void {
  if (input.content.length > LIMITS.inputLength) {
    throw new LimitExceededError('input_length', LIMITS.inputLength, input.content.length);
  }
  if (input.tags.length > LIMITS.tagsPerInput) {
    throw new LimitExceededError('tags_per_input', LIMITS.tagsPerInput, input.tags.length);
  }
  const longest = Math.max(0, ...input.tags.map((tag) => tag.length));
  if (longest > LIMITS.tagLength) throw new LimitExceededError('tag_length', LIMITS.tagLength, longest);
}

function checkInputCount(count: number): void {
  if (count > LIMITS.inputsPerParty)
    throw new LimitExceededError('inputs_per_party', LIMITS.inputsPerParty, count);
}

export function newParty(
  partyId: string,
  now: string,
  initialInputs: readonly PartyInput[] = [],
): PartyState {
  initialInputs.forEach(checkInputLimits);
  checkInputCount(initialInputs.length);
  const ids = new Set(initialInputs.map((input) => input.input_id));
  if (ids.size !== initialInputs.length) {
    const duplicate = initialInputs.find(
      (input, index) => initialInputs.findIndex((other) => other.input_id === input.input_id) !== index,
    );
    throw new DuplicateInputError(partyId, duplicate?.input_id ?? '');
  }
  return {
    party_id: partyId,
    status: 'planning',
    inputs: [...initialInputs],
    active_agents: {},
    budget: null,
    final_plan: null,
    created_at: now,
    updated_at: now,
    version: 0,
    inputs_version: initialInputs.length > 0 ? 1 : 0,
  };
}

function sameInput(a: PartyInput, b: PartyInput): boolean {
  return a.content === b.content && a.source_type === b.source_type && a.added_by === b.added_by;
}

export function addInput(input: PartyInput, now: string): Transition {
  checkInputLimits(input);
  return (state) => {
    const existing = state.inputs.find((candidate) => candidate.input_id === input.input_id);
    if (existing) {
      if (sameInput(existing, input)) return state;
      throw new DuplicateInputError(state.party_id, input.input_id);
    }
    checkInputCount(state.inputs.length + 1);
    return {
      ...state,
      inputs: [...state.inputs, input],
      inputs_version: state.inputs_version + 1,
      updated_at: now,
    };
  };
}

/** How many removals a party remembers; a retry comes within seconds, not fifty removals later. */
const REMEMBERED_REMOVALS = 50;

export function removeInput(inputId: string, now: string): Transition {
  return (state) => {
    if (!state.inputs.some((input) => input.input_id === inputId)) {
      if (state.removed_inputs?.[inputId] !== undefined) return state;
      throw new InputNotFoundError(state.party_id, inputId);
    }
    const inputs_version = state.inputs_version + 1;
    // By the version each removal made, not by key order: an object puts integer-like ids first, and
    // an id removed again keeps its old place.
    const removals = Object.entries({ ...state.removed_inputs, [inputId]: inputs_version }).sort(
      ([, a], [, b]) => a - b,
    );
    return {
      ...state,
      inputs: state.inputs.filter((input) => input.input_id !== inputId),
      inputs_version,
      removed_inputs: Object.fromEntries(removals.slice(-REMEMBERED_REMOVALS)),
      updated_at: now,
    };
  };
}

/** Orders runs by the inputs they saw, then by the theme result they built on. */
function isNewer(a: AgentResult, b: AgentResult): boolean {
  if (a.inputs_version !== b.inputs_version) return a.inputs_version > b.inputs_version;
  return (a.dependency_version ?? -1) > (b.dependency_version ?? -1);
}

/**
 * Records an agent run. A run computed from older inputs than the recorded one is dropped (the newer
 * run wins); a redelivered record of the same run and status changes nothing. A run from older inputs
 * than the party's does not fill an empty slot either: the slot is empty because its data was
 * removed, or because no run has finished yet, and in both cases the analyzer has asked (or will ask,
 * on the change that made the inputs newer) for a run from the current inputs.
 */
export function setAgentResult(result: AgentResult, now: string): Transition {
  return (state) => {
    const current = state.active_agents[result.agent_name];
    if (current && isNewer(current, result)) return state;
    if (!current && result.inputs_version < state.inputs_version) return state;
    if (current && current.execution_id === result.execution_id && current.status === result.status)
      return state;
    return {
      ...state,
      active_agents: { ...state.active_agents, [result.agent_name]: result },
      updated_at: now,
    };
  };
}

/** Removes an agent's result unless a run from newer inputs than `inputsVersion` has replaced it. */
export function removeAgentResult(agentName: AgentName, inputsVersion: number, now: string): Transition {
  return (state) => {
    const current = state.active_agents[agentName];
    if (!current || current.inputs_version > inputsVersion) return state;
    const { [agentName]: _removed, ...rest } = state.active_agents;
    return { ...state, active_agents: rest, updated_at: now };
  };
}

/**
 * A budget with no cost to total and no stated budget says nothing: the party then has none, as if
 * the costs had never been there, so removing every priced input leaves what never adding them would.
 */
export function isEmptyBudget(budget: Budget): boolean {
  return budget.based_on_agents.length === 0 && !budget.stated_budget;
}

export function setBudget(budget: Budget, now: string): Transition {
  return (state) => {
    if (state.budget && state.budget.inputs_version > budget.inputs_version) return state;
    const next = isEmptyBudget(budget) ? null : budget;
    if (next === null && state.budget === null) return state;
    return { ...state, budget: next, updated_at: now };
  };
}

export function setFinalPlan(plan: PartyPlan, now: string): Transition {
  return (state) => {
    if (state.final_plan && state.final_plan.inputs_version > plan.inputs_version) return state;
    const plan_version = (state.final_plan?.plan_version ?? 0) + 1;
    return { ...state, final_plan: { ...plan, plan_version }, updated_at: now };
  };
}
