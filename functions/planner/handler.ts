import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  BudgetUpdated,
  InputRemoved,
} from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import { setFinalPlan } from '#shared/party/transitions.ts';
import { computePlan } from '#shared/pipeline/plan.ts';
import { eventPublisher, partyStore } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';

const PlannerTrigger = z.discriminatedUnion('type', [
  InputRemoved,
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  BudgetUpdated,
]);

export const handler = eventConsumer('planner', PlannerTrigger, async (event) => {
  const { state } = await partyStore().mutate(
    event.party_id,
    (now) => (current) => setFinalPlan(computePlan(current), now)(current),
  );
  if (!state.final_plan) return;
  await eventPublisher().publish([
    createEvent('party.plan.updated', state.party_id, state.final_plan, causedBy(event)),
  ]);
});
