import { cateringAgent } from '#shared/agents/catering.ts';
import { CATERERS } from '#shared/catalog/data/caterers.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/catalog/static-source.ts';
import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('catering_agent', cateringAgent, {
  ...STATIC_CATALOG_SOURCE,
  caterers: () => CATERERS,
});
