import { cakeAgent } from '#shared/domain/agents/cake.ts';
import { BAKERIES } from '#shared/domain/suppliers/data/bakeries.ts';
import { THEMES } from '#shared/domain/suppliers/data/themes.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';
import { agentHandler } from '#shared/lambda/agent-handler.ts';

export const handler = agentHandler({
  agent: 'cake_agent',
  recommend: cakeAgent,
  catalog: {
    ...STATIC_CATALOG_SOURCE,
    bakeries: () => BAKERIES,
    themes: () => THEMES,
  },
});
