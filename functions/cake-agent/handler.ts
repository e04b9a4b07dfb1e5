import { cakeAgent } from '#shared/agents/cake.ts';
import { BAKERIES } from '#shared/catalog/data/bakeries.ts';
import { THEMES } from '#shared/catalog/data/themes.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/catalog/static-source.ts';
import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('cake_agent', cakeAgent, {
  ...STATIC_CATALOG_SOURCE,
  bakeries: () => BAKERIES,
  themes: () => THEMES,
});
