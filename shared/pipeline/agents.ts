import type { PartyState } from '#shared/schemas/party.ts';
import type { JsonObject, PipelineAgent } from '#shared/schemas/primitives.ts';
import { classifyInput } from './classify.ts';

export interface AgentOutput {
  readonly result: JsonObject;
  readonly confidence: number;
}

/**
 * What an agent concludes from the party's inputs. This first version reports the inputs that
 * concern the agent; the catalog-backed recommendations of each agent replace it.
 */
export function runAgent(agent: PipelineAgent, state: PartyState): AgentOutput {
  const relevant = state.inputs.filter((input) => classifyInput(input.content).includes(agent));
  return {
    result: {
      considered_inputs: relevant.map((input) => ({ input_id: input.input_id, content: input.content })),
      summary: `${relevant.length} input(s) considered`,
    },
    confidence: relevant.length > 0 ? 0.5 : 0,
  };
}
