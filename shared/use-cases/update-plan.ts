import type { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { setFinalPlan } from '#shared/domain/party/transitions.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { computePlan, samePlan } from '#shared/domain/pipeline/plan.ts';
import type { StateStep } from './state-step.ts';

/** Merges everything the party holds into its plan; a plan that differs is stored and announced. */
export function updatePlan(current: PartyState, trigger: PartyEvent, now: string): StateStep {
  const plan = computePlan(current, understandParty(current));
  if (samePlan(current.final_plan, plan)) return { state: current, events: [] };
  const state = setFinalPlan(plan, now)(current);
  // A newer plan is already stored (the transition keeps it): nothing to announce.
  if (state === current || !state.final_plan) return { state, events: [] };
  return {
    state,
    events: [createEvent('party.plan.updated', state.party_id, state.final_plan, causedBy(trigger))],
  };
}
