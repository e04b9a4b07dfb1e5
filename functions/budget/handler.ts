import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  AgentShouldExecute,
} from '#shared/contracts/events.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { setBudget } from '#shared/domain/party/transitions.ts';
import { computeBudget, sameBudget } from '#shared/domain/pipeline/budget-summary.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';

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
