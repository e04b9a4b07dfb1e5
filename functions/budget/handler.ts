import * as z from 'zod/mini';
import { AgentCompleted, AgentDataRemoved, AgentShouldExecute } from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import { setBudget } from '#shared/party/transitions.ts';
import { computeBudget } from '#shared/pipeline/budget.ts';
import { eventPublisher, partyStore } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';

const BudgetTrigger = z.discriminatedUnion('type', [AgentCompleted, AgentDataRemoved, AgentShouldExecute]);

export const handler = eventConsumer('budget', BudgetTrigger, async (event) => {
  // Computed inside the conditional write, so the budget always reflects the state it is stored with.
  const { state, changed } = await partyStore().mutate(
    event.party_id,
    (now) => (current) => setBudget(computeBudget(current), now)(current),
  );
  if (!changed || !state.budget) return;
  await eventPublisher().publish([
    createEvent('party.budget.updated', state.party_id, state.budget, causedBy(event)),
  ]);
});
