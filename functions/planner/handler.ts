import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  AgentShouldExecute,
  InputRemoved,
} from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import { setFinalPlan } from '#shared/party/transitions.ts';
import { understandParty } from '#shared/pipeline/party-facts.ts';
import { computePlan, samePlan } from '#shared/pipeline/plan.ts';
import { partyStore } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';
import { eventPublisher } from '#shared/runtime/publisher.ts';

const PlannerTrigger = z.discriminatedUnion('type', [
  InputRemoved,
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  // Only ever for the budget agent (see the routing table): a stated budget changed.
  AgentShouldExecute,
]);

export const handler = eventConsumer('planner', PlannerTrigger, async (event) => {
  const { state, changed } = await partyStore().mutate(event.party_id, (now) => (current) => {
    const plan = computePlan(current, understandParty(current));
    return samePlan(current.final_plan, plan) ? current : setFinalPlan(plan, now)(current);
  });
  if (!changed || !state.final_plan) return;
  await eventPublisher().publish([
    createEvent('party.plan.updated', state.party_id, state.final_plan, causedBy(event)),
  ]);
});
