import type { AgentResult, PartyState } from '#shared/contracts/party.ts';
import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import { FACTS_READ } from '#shared/domain/agents/facts-read.ts';
import { inputsFor, type UnderstoodParty } from './party-facts.ts';

/** Agents that build on the theme agent's result: the original dependency graph. */
export const THEME_DEPENDENTS: readonly PipelineAgent[] = ['venue_agent', 'cake_agent', 'vendor_agent'];

/** JSON with sorted keys, so equal values always give equal text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface Basis {
  /** What the result was computed from; equal fingerprints mean equal results (agents are deterministic). */
  readonly fingerprint: string;
  /**
   * Orders two runs from the same inputs by the theme they saw: the inputs version of the theme
   * result built on; without one, -1 while a theme is still to come (a run on it will be newer),
   * or the party's inputs version when no input asks for a theme (none will come, so this run is
   * newer than any built on a theme that has since lost its inputs).
   */
  readonly dependencyVersion: number;
}

/**
 * An agent's result records a fingerprint of exactly the facts it reads (`FACTS_READ`) and of the
 * theme result it built on, so the analyzer can tell whether a result is still what the current
 * inputs call for, whatever order the events arrived in.
 */
export function basisOf(agent: PipelineAgent, party: UnderstoodParty, state: PartyState): Basis {
  const projection = Object.fromEntries(FACTS_READ[agent].map((key) => [key, party.facts[key]]));
  const dependent = THEME_DEPENDENTS.includes(agent);
  const theme = dependent ? state.active_agents.theme_agent : undefined;
  const themeUsed = theme?.status === 'completed' ? theme : undefined;
  const themeToCome = dependent && inputsFor('theme_agent', party).length > 0;
  return {
    fingerprint: stable({ facts: projection, theme: themeUsed?.basis ?? null }),
    dependencyVersion: themeUsed ? themeUsed.inputs_version : themeToCome ? -1 : state.inputs_version,
  };
}

/**
 * Whether an agent's result is still what the party's inputs call for: the analyzer re-runs exactly
 * the results that do not fit, and a plan shows only those that do, so both ask this one question.
 */
export function resultFits(
  agent: PipelineAgent,
  result: AgentResult | undefined,
  party: UnderstoodParty,
  state: PartyState,
): boolean {
  return result?.basis !== undefined && result.basis === basisOf(agent, party, state).fingerprint;
}
