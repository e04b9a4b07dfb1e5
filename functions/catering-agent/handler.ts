import { cateringAgent } from '#shared/domain/agents/catering.ts';
import { CATERERS } from '#shared/domain/suppliers/data/caterers.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';
import { agentHandler } from '#shared/lambda/agent-handler.ts';

export const handler = agentHandler({
  agent: 'catering_agent',
  recommend: cateringAgent,
  catalog: {
    ...STATIC_CATALOG_SOURCE,
    caterers: () => CATERERS,
  },
});
