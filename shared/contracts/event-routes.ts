import { EVENT_SOURCE } from './event-envelope.ts';
import { BROADCAST_EVENT_TYPES, BUDGET_REQUEST_REASONS, type PartyEventType } from './events.ts';
import { COST_AGENTS, PIPELINE_AGENTS, type PipelineAgent } from './primitives.ts';

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

export const EVENT_ROUTES: readonly EventRoute[] = [
  {
    id: 'AnalyzeInputs',
    consumer: 'analyzer',
    description: 'New, removed and completed work decides which agents run',
    pattern: onTypes(['party.input.added', 'party.input.removed', 'party.agent.completed']),
  },
  ...PIPELINE_AGENTS.map(
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
    description: 'A cost-bearing agent finished, failed or lost its data',
    pattern: onTypes(['party.agent.completed', 'party.agent.failed', 'party.agent.data_removed'], {
      payload: { agent_name: COST_AGENTS },
    }),
  },
  {
    id: 'RecalculateBudgetOnRequest',
    consumer: 'budget',
    description: 'The analyzer saw a stated budget change',
    pattern: onTypes(['party.agent.should_execute'], {
      payload: { agent_name: ['budget_agent'], reason: [BUDGET_REQUEST_REASONS.statedBudgetChanged] },
    }),
  },
  {
    id: 'UpdatePlan',
    consumer: 'planner',
    description: 'Any result, failure or removal updates the plan',
    pattern: onTypes([
      'party.input.removed',
      'party.agent.completed',
      'party.agent.failed',
      'party.agent.data_removed',
    ]),
  },
  {
    // The plan computes its budget summary itself (the budget agent's pure function on the same
    // state), so it needs no budget.updated: only a changed stated budget, which no agent reports, and
    // an added input that no agent has to answer.
    id: 'UpdatePlanOnStatedBudget',
    consumer: 'planner',
    description: 'The analyzer saw a stated budget change, or an input that no agent has to answer',
    pattern: onTypes(['party.agent.should_execute'], { payload: { agent_name: ['budget_agent'] } }),
  },
  {
    id: 'BroadcastToClients',
    consumer: 'broadcaster',
    description: 'Every party event that browsers see goes to those watching that party',
    // Listed rather than matched by prefix, so that internal routing never costs an invocation.
    pattern: onTypes(BROADCAST_EVENT_TYPES),
  },
];
