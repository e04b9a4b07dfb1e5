import type { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { setBudget } from '#shared/domain/party/transitions.ts';
import { computeBudget, sameBudget } from '#shared/domain/pipeline/budget-summary.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import type { StateStep } from './state-step.ts';

/** Totals the party's costs again; a total that differs from the stored one is stored and announced. */
export function updateBudget(current: PartyState, trigger: PartyEvent, now: string): StateStep {
  const budget = computeBudget(current, understandParty(current).facts.budget);
  if (sameBudget(current.budget, budget)) return { state: current, events: [] };
  const state = setBudget(budget, now)(current);
  if (state === current) return { state, events: [] };
  // A budget that went away (nothing left to total) is announced as the empty one it became.
  const announced = state.budget ?? budget;
  return {
    state,
    events: [createEvent('party.budget.updated', state.party_id, announced, causedBy(trigger))],
  };
}
