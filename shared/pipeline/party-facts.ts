import type { PartyInput, PartyState } from '#shared/schemas/party.ts';
import type { PipelineAgent } from '#shared/schemas/primitives.ts';
import type { Category, InputUnderstanding, PartyFacts } from './facts.ts';
import { mergeFacts, understandInput } from './understanding/index.ts';

export const AGENT_OF: Record<Category, PipelineAgent> = {
  theme: 'theme_agent',
  venue: 'venue_agent',
  cake: 'cake_agent',
  catering: 'catering_agent',
  vendor: 'vendor_agent',
};

/** A party's inputs as the pipeline understands them: per input, and merged into the party's facts. */
export interface UnderstoodParty {
  readonly inputs: readonly { readonly input: PartyInput; readonly understanding: InputUnderstanding }[];
  readonly facts: PartyFacts;
}

export function understandParty(state: PartyState): UnderstoodParty {
  const inputs = state.inputs.map((input) => ({ input, understanding: understandInput(input.content) }));
  return { inputs, facts: mergeFacts(inputs.map(({ understanding }) => understanding.facts)) };
}

/** The inputs that concern an agent: those classified into its category. */
export function inputsFor(agent: PipelineAgent, party: UnderstoodParty): string[] {
  return party.inputs
    .filter(({ understanding }) => understanding.categories.some((category) => AGENT_OF[category] === agent))
    .map(({ input }) => input.input_id);
}

/** Inputs that fit no category and state no budget: the plan asks the user to clarify them. */
export function unclearInputs(party: UnderstoodParty): PartyInput[] {
  return party.inputs
    .filter(({ understanding }) => understanding.categories.length === 0 && !understanding.facts.budget)
    .map(({ input }) => input);
}
