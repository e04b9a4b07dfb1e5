import type { PartyState } from '#shared/contracts/party.ts';
import { PIPELINE_AGENTS, type PipelineAgent } from '#shared/contracts/primitives.ts';
import { resultFits } from './basis.ts';
import { AGENT_PRIORITY } from './dependencies.ts';
import { inputsFor, type UnderstoodParty } from './party-facts.ts';

export interface CurrentResults {
  /** The state with only the results that still fit the party's inputs. */
  readonly state: PartyState;
  /** Agents whose result no longer fits and is being re-run: they are planned, just not shown. */
  readonly updating: readonly PipelineAgent[];
}

const BY_PRIORITY = [...PIPELINE_AGENTS].sort((a, b) => AGENT_PRIORITY[a] - AGENT_PRIORITY[b]);

/**
 * The results a plan may show. Between a change and the re-runs it calls for, a result can still
 * carry what a removed or corrected input said ("A favourite for Under the Sea parties"); the
 * analyzer re-runs exactly those that no longer fit (`resultFits`), the same test. A
 * result that no input supports any more is about to be removed; one built on a theme that no
 * longer fits does not fit either, so the theme goes first.
 */
export function currentResults(state: PartyState, party: UnderstoodParty): CurrentResults {
  let current = state;
  const updating: PipelineAgent[] = [];
  for (const agent of BY_PRIORITY) {
    const result = current.active_agents[agent];
    if (result?.status !== 'completed') continue;
    const supported = inputsFor(agent, party).length > 0;
    if (supported && resultFits(agent, result, party, current)) continue;
    if (supported) updating.push(agent);
    const { [agent]: _stale, ...rest } = current.active_agents;
    current = { ...current, active_agents: rest };
  }
  return { state: current, updating };
}
