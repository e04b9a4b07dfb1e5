import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  AgentShouldExecute,
  InputRemoved,
} from '#shared/contracts/events.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { setFinalPlan } from '#shared/domain/party/transitions.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { computePlan, samePlan } from '#shared/domain/pipeline/plan.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';

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
