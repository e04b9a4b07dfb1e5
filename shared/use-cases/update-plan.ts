import type { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyPlan, PartyState } from '#shared/contracts/party.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { setFinalPlan } from '#shared/domain/party/transitions.ts';
import { everyAgentAnswered, newestInput, newlyAnswered } from '#shared/domain/pipeline/answered.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { computePlan, samePlan } from '#shared/domain/pipeline/plan.ts';
import type { StateStep } from './state-step.ts';

export interface PlanStep extends StateStep {
  /** The `added_at` of each input that the stored plan answers for the first time. */
  readonly answered: readonly string[];
}

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined || (b !== undefined && Date.parse(b) > Date.parse(a)) ? b : a;

/** How far the plan answers the inputs: it never moves back, so a removal cannot time an input twice. */
function answeredUpTo(current: PartyState): string | undefined {
  const previous = current.final_plan?.answered_up_to;
  if (!everyAgentAnswered(current, understandParty(current))) return previous;
  return later(previous, newestInput(current));
}

/**
 * Merges everything the party holds into its plan; a plan that differs is stored and announced. How
 * far it answers the inputs moves only with a plan that is announced, so that the status route and
 * the page always hold the same plan.
 */
export function updatePlan(current: PartyState, trigger: PartyEvent, now: string): PlanStep {
  const answered_up_to = answeredUpTo(current);
  const answered = newlyAnswered(current, current.final_plan?.answered_up_to, answered_up_to);
  const plan: PartyPlan = {
    ...computePlan(current, understandParty(current)),
    ...(answered_up_to ? { answered_up_to } : {}),
  };
  if (samePlan(current.final_plan, plan)) return { state: current, events: [], answered: [] };
  const state = setFinalPlan(plan, now)(current);
  // A newer plan is already stored (the transition keeps it): nothing to announce.
  if (state === current || !state.final_plan) return { state, events: [], answered: [] };
  return {
    state,
    events: [createEvent('party.plan.updated', state.party_id, state.final_plan, causedBy(trigger))],
    answered,
  };
}
