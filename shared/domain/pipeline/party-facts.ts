import type { PartyInput, PartyState } from '#shared/contracts/party.ts';
import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import type {
  Category,
  InputFacts,
  InputUnderstanding,
  PartyFacts,
} from '#shared/contracts/understanding.ts';
import { mergeFacts } from '#shared/domain/understanding/merge-facts.ts';

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

/** Reads what was understood of each input when it was added; no text is read again here. */
export function understandParty(state: PartyState): UnderstoodParty {
  const inputs = state.inputs.map((input) => ({ input, understanding: input.understood }));
  return { inputs, facts: mergeFacts(inputs.map(({ understanding }) => understanding.facts)) };
}

/** The inputs that concern an agent: those classified into its category. */
export function inputsFor(agent: PipelineAgent, party: UnderstoodParty): string[] {
  return party.inputs
    .filter(({ understanding }) => understanding.categories.some((category) => AGENT_OF[category] === agent))
    .map(({ input }) => input.input_id);
}

function statesNothing(facts: InputFacts): boolean {
  return Object.values(facts).every(
    (value) => value === null || (Array.isArray(value) && value.length === 0),
  );
}

/**
 * Inputs of which nothing was understood (no category, no fact): the plan asks the host to clarify
 * them. "It is her 60th birthday" concerns no agent by itself but states an age and an occasion.
 */
export function unclearInputs(party: UnderstoodParty): PartyInput[] {
  return party.inputs
    .filter(
      ({ understanding }) => understanding.categories.length === 0 && statesNothing(understanding.facts),
    )
    .map(({ input }) => input);
}
