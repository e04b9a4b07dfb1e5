import { themeAgent } from '#shared/domain/agents/theme.ts';
import { THEMES } from '#shared/domain/suppliers/data/themes.ts';
import { STATIC_CATALOG_SOURCE } from '#shared/domain/suppliers/static-source.ts';
import { agentHandler } from '#shared/lambda/agent-handler.ts';

export const handler = agentHandler({
  agent: 'theme_agent',
  recommend: themeAgent,
  catalog: {
    ...STATIC_CATALOG_SOURCE,
    themes: () => THEMES,
  },
});
