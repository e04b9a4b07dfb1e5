import { compileEventPattern } from '@party-planner/local-cloud/event-pattern';
import { describe, expect, it } from 'vitest';
import { EVENT_ROUTES } from '#shared/contracts/event-routes.ts';

describe('the stack routing table', () => {
  const routes = EVENT_ROUTES.map((route) => ({ route, matches: compileEventPattern(route.pattern) }));
  /** The rules a should_execute event with this payload goes to, as EventBridge would deliver it. */
  const targetsOf = (payload: Record<string, string>) => {
    const event = {
      version: '0',
      id: '7f4c5f0e-0d0a-4d1e-9d6b-2a8c1b7f3e21',
      'detail-type': 'party.agent.should_execute',
      source: 'party-planner',
      account: '000000000000',
      time: '2025-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { type: 'party.agent.should_execute', payload },
    };
    return routes.filter(({ matches }) => matches(event)).map(({ route }) => route.id);
  };

  it('routes a should_execute event for the venue agent to that agent only (browsers never see it)', () => {
    expect(targetsOf({ agent_name: 'venue_agent' })).toEqual(['RunVenueAgent']);
  });

  it('sends a changed stated budget to the budget and the planner, a plan request to the planner only', () => {
    const asked = (reason: string) => targetsOf({ agent_name: 'budget_agent', reason });
    expect(asked('stated_budget_changed')).toEqual([
      'RecalculateBudgetOnRequest',
      'UpdatePlanOnStatedBudget',
    ]);
    expect(asked('inputs_changed')).toEqual(['UpdatePlanOnStatedBudget']);
  });
});
