import * as z from 'zod/mini';
import { AgentCompleted, AgentDataRemoved, AgentFailed, AgentShouldExecute } from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import { setBudget } from '#shared/party/transitions.ts';
import { computeBudget, sameBudget } from '#shared/pipeline/budget.ts';
import { understandParty } from '#shared/pipeline/party-facts.ts';
import { partyStore } from '#shared/runtime/container.ts';
import { eventConsumer } from '#shared/runtime/event-consumer.ts';
import { eventPublisher } from '#shared/runtime/publisher.ts';

const BudgetTrigger = z.discriminatedUnion('type', [
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  AgentShouldExecute,
]);

export const handler = eventConsumer('budget', BudgetTrigger, async (event) => {
  // Computed inside the conditional write, so the budget always reflects the state it is stored with.
  const { state, changed } = await partyStore().mutate(event.party_id, (now) => (current) => {
    const budget = computeBudget(current, understandParty(current).facts.budget);
    return sameBudget(current.budget, budget) ? current : setBudget(budget, now)(current);
  });
  if (!changed) return;
  // A budget that went away (nothing left to total) is announced as the empty one it became.
  const announced = state.budget ?? computeBudget(state, understandParty(state).facts.budget);
  await eventPublisher().publish([
    createEvent('party.budget.updated', state.party_id, announced, causedBy(event)),
  ]);
});
