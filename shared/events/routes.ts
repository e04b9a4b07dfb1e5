import type { PipelineAgent } from '#shared/schemas/primitives.ts';
import type { PartyEventType } from './catalog.ts';
import { EVENT_SOURCE } from './envelope.ts';

/**
 * The EventBridge pattern language, as far as this stack's rules use it. Patterns are plain JSON so
 * that the CDK app, the local cloud and the tests all read the same routing table.
 */
export type EventPattern = { readonly [key: string]: EventPattern | readonly PatternValue[] };
type PatternValue = string | number | boolean | null | { readonly [matcher: string]: unknown };

export type Consumer = 'analyzer' | `${PipelineAgent}` | 'budget' | 'planner' | 'broadcaster';

export interface EventRoute {
  /** Unique within the stack; names the rule. */
  readonly id: string;
  readonly consumer: Consumer;
  readonly description: string;
  readonly pattern: EventPattern;
}

function onTypes(types: readonly PartyEventType[], detail?: EventPattern): EventPattern {
  return { source: [EVENT_SOURCE], 'detail-type': types, ...(detail ? { detail } : {}) };
}

const COST_AGENTS = ['venue_agent', 'cake_agent', 'catering_agent', 'vendor_agent'] as const;
const PIPELINE: readonly PipelineAgent[] = [
  'theme_agent',
  'venue_agent',
  'cake_agent',
  'catering_agent',
  'vendor_agent',
];

export const EVENT_ROUTES: readonly EventRoute[] = [
  {
    id: 'AnalyzeInputs',
    consumer: 'analyzer',
    description: 'New, removed and completed work decides which agents run',
    pattern: onTypes(['party.input.added', 'party.input.removed', 'party.agent.completed']),
  },
  ...PIPELINE.map(
    (agent): EventRoute => ({
      id: `Run${agent.replace('_agent', '').replace(/^./, (c) => c.toUpperCase())}Agent`,
      consumer: agent,
      description: `Runs the ${agent} when the analyzer asks for it`,
      pattern: onTypes(['party.agent.should_execute'], { payload: { agent_name: [agent] } }),
    }),
  ),
  {
    id: 'RecalculateBudgetOnCosts',
    consumer: 'budget',
    description: 'A cost-bearing agent finished or lost its data',
    pattern: onTypes(['party.agent.completed', 'party.agent.data_removed'], {
      payload: { agent_name: COST_AGENTS },
    }),
  },
  {
    id: 'RecalculateBudgetOnRequest',
    consumer: 'budget',
    description: 'The analyzer saw a stated budget change',
    pattern: onTypes(['party.agent.should_execute'], { payload: { agent_name: ['budget_agent'] } }),
  },
  {
    id: 'UpdatePlan',
    consumer: 'planner',
    description: 'Any result, failure, removal or budget change updates the plan',
    pattern: onTypes([
      'party.input.removed',
      'party.agent.completed',
      'party.agent.failed',
      'party.agent.data_removed',
      'party.budget.updated',
    ]),
  },
  {
    id: 'BroadcastToClients',
    consumer: 'broadcaster',
    description: 'Every party event goes to the browsers watching that party',
    pattern: { source: [EVENT_SOURCE], 'detail-type': [{ prefix: 'party.' }] },
  },
];
