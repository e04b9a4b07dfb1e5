import { vendorAgent } from '#shared/domain/agents/vendor.ts';
import { THEMES } from '#shared/domain/suppliers/data/themes.ts';
import { VENDORS } from '#shared/domain/suppliers/data/vendors.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';
import { agentHandler } from '#shared/lambda/agent-handler.ts';

export const handler = agentHandler({
  agent: 'vendor_agent',
  recommend: vendorAgent,
  catalog: {
    ...STATIC_CATALOG_SOURCE,
    vendors: () => VENDORS,
    themes: () => THEMES,
  },
});
