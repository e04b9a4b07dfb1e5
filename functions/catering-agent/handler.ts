import { agentHandler } from '#shared/runtime/agent-handler.ts';

export const handler = agentHandler('catering_agent');
