import type { PartyFacts } from '#shared/pipeline/facts.ts';
import type { PipelineAgent } from '#shared/schemas/primitives.ts';

/**
 * The facts each agent reads, besides the theme result for venue, cake and vendor. A result
 * depends on nothing else, so a fingerprint of these facts (and the theme) identifies it.
 */
export const FACTS_READ: { readonly [K in PipelineAgent]: readonly (keyof PartyFacts)[] } = {
  theme_agent: ['themes', 'colors', 'styles', 'age', 'occasion'],
  venue_agent: ['guest_count', 'budget', 'location', 'age'],
  cake_agent: ['guest_count', 'budget', 'dietary', 'colors'],
  catering_agent: ['guest_count', 'budget', 'dietary', 'age', 'occasion'],
  vendor_agent: ['age', 'budget'],
};
