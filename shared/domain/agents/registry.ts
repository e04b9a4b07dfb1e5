import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import type { PartyFacts } from '#shared/contracts/understanding.ts';
import type { PartyCatalog } from '#shared/domain/suppliers/catalog.ts';
import { cakeAgent } from './cake.ts';
import { cateringAgent } from './catering.ts';
import type { CakeResult, CateringResult, ThemeResult, VendorResult, VenueResult } from './results.ts';
import { themeAgent } from './theme.ts';
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
