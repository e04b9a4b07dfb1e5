import { venueAgent } from '#shared/domain/agents/venue.ts';
import { THEMES } from '#shared/domain/suppliers/data/themes.ts';
import { VENUES } from '#shared/domain/suppliers/data/venues.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';
import { agentHandler } from '#shared/lambda/agent-handler.ts';

export const handler = agentHandler({
  agent: 'venue_agent',
  recommend: venueAgent,
  catalog: {
    ...STATIC_CATALOG_SOURCE,
    venues: () => VENUES,
    themes: () => THEMES,
  },
});
