import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import type { PartyFacts } from '#shared/contracts/understanding.ts';

/**
 * The facts each agent reads, besides the theme result for venue, cake and vendor. A result
 * depends on nothing else, so a fingerprint of these facts (and the theme) identifies it; a fact
 * missing here would let a stale result survive a change of it.
 */
export const FACTS_READ: { readonly [K in PipelineAgent]: readonly (keyof PartyFacts)[] } = {
  theme_agent: ['themes', 'colors', 'styles', 'age', 'audience', 'occasion', 'excluded'],
  venue_agent: ['guest_count', 'budget', 'location', 'age', 'audience', 'occasion', 'venue_kind'],
  cake_agent: ['guest_count', 'budget', 'dietary', 'colors', 'location'],
  catering_agent: [
    'guest_count',
    'budget',
    'dietary',
    'age',
    'audience',
    'occasion',
    'location',
    'foods',
    'excluded',
  ],
  vendor_agent: ['age', 'audience', 'budget', 'occasion', 'location', 'requests', 'excluded'],
};
