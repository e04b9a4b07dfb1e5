import type { JsonObject, PipelineAgent } from '#shared/contracts/primitives.ts';
import type { PartyFacts } from '#shared/contracts/understanding.ts';
import type { PartyCatalog } from '#shared/domain/suppliers/catalog.ts';
import { cakeAgent } from './cake.ts';
import { cateringAgent } from './catering.ts';
import type { CakeResult, CateringResult, ThemeResult, VendorResult, VenueResult } from './results.ts';
import { themeAgent } from './theme.ts';
import { readThemeResult } from './theme-context.ts';
import type { AgentContext, AgentFn, AgentOutput } from './types.ts';
import { vendorAgent } from './vendor.ts';
import { venueAgent } from './venue.ts';

export interface AgentResults {
  theme_agent: ThemeResult;
  venue_agent: VenueResult;
  cake_agent: CakeResult;
  catering_agent: CateringResult;
  vendor_agent: VendorResult;
}

export type AgentRegistry = { readonly [K in PipelineAgent]: AgentFn<AgentResults[K]> };

export const AGENTS: AgentRegistry = {
  theme_agent: themeAgent,
  venue_agent: venueAgent,
  cake_agent: cakeAgent,
  catering_agent: cateringAgent,
  vendor_agent: vendorAgent,
};

/** The context as a handler has it: the theme agent's result as stored, plain JSON. */
export interface StoredAgentContext {
  readonly facts: PartyFacts;
  readonly theme: JsonObject | null;
}

/**
 * Runs one agent for a handler. A stored theme that no longer reads as a theme result counts as
 * none, rather than failing the run: the theme agent's next result replaces it.
 */
export function runPipelineAgent(
  name: PipelineAgent,
  context: StoredAgentContext,
  catalog: PartyCatalog,
): AgentOutput<JsonObject> {
  const agent: AgentFn = AGENTS[name];
  return agent({ facts: context.facts, theme: readThemeResult(context.theme) }, catalog);
}

export type AllAgentOutputs = { readonly [K in PipelineAgent]: AgentOutput<AgentResults[K]> };

/** Every agent in dependency order, the theme first: what the pipeline settles on for these facts. */
export function runAllAgents(facts: PartyFacts, catalog: PartyCatalog): AllAgentOutputs {
  const theme = themeAgent({ facts, theme: null }, catalog);
  const context: AgentContext = { facts, theme: theme.result };
  return {
    theme_agent: theme,
    venue_agent: venueAgent(context, catalog),
    cake_agent: cakeAgent(context, catalog),
    catering_agent: cateringAgent(context, catalog),
    vendor_agent: vendorAgent(context, catalog),
  };
}
