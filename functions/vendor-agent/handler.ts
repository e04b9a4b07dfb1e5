import { vendorAgent } from '#shared/agents/vendor.ts';
import { THEMES } from '#shared/catalog/data/themes.ts';
import { VENDORS } from '#shared/catalog/data/vendors.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/catalog/static-source.ts';
import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('vendor_agent', vendorAgent, {
  ...STATIC_CATALOG_SOURCE,
  vendors: () => VENDORS,
  themes: () => THEMES,
});
