import { venueAgent } from '#shared/agents/venue.ts';
import { THEMES } from '#shared/catalog/data/themes.ts';
import { VENUES } from '#shared/catalog/data/venues.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/catalog/static-source.ts';
import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('venue_agent', venueAgent, {
  ...STATIC_CATALOG_SOURCE,
  venues: () => VENUES,
  themes: () => THEMES,
});
