import { themeAgent } from '#shared/agents/theme.ts';
import { THEMES } from '#shared/catalog/data/themes.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/catalog/static-source.ts';
import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('theme_agent', themeAgent, {
  ...STATIC_CATALOG_SOURCE,
  themes: () => THEMES,
});
