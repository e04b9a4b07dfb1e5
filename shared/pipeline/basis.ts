import { FACTS_READ } from '#shared/agents/facts-read.ts';
import type { PartyState } from '#shared/schemas/party.ts';
import type { PipelineAgent } from '#shared/schemas/primitives.ts';
import type { PartyFacts } from './facts.ts';

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
  /** The inputs version of the theme result it built on, -1 without one; newer wins among equal inputs. */
  readonly dependencyVersion: number;
}

/**
 * An agent's result records a fingerprint of exactly the facts it reads (`FACTS_READ`) and of the
 * theme result it built on, so the analyzer can tell whether a result is still what the current
 * inputs call for, whatever order the events arrived in.
 */
export function basisOf(agent: PipelineAgent, facts: PartyFacts, state: PartyState): Basis {
  const projection = Object.fromEntries(FACTS_READ[agent].map((key) => [key, facts[key]]));
  const theme = THEME_DEPENDENTS.includes(agent) ? state.active_agents.theme_agent : undefined;
  const themeUsed = theme?.status === 'completed' ? theme : undefined;
  return {
    fingerprint: stable({ facts: projection, theme: themeUsed?.basis ?? null }),
    dependencyVersion: themeUsed ? themeUsed.inputs_version : -1,
  };
}
