import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  AgentShouldExecute,
} from '#shared/contracts/events.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { recordMetric } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';
import { updateBudget } from '#shared/use-cases/update-budget.ts';

const BudgetTrigger = z.discriminatedUnion('type', [
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  AgentShouldExecute,
]);

export const handler = eventConsumer('budget', BudgetTrigger, async (event) => {
  // Computed inside the conditional write, so the budget always reflects the state it is stored with.
  const written = await partyStore().applyStep(event.party_id, (current, now) =>
    updateBudget(current, event, now),
  );
  const events = written?.events ?? [];
  await eventPublisher().publish(events);
  if (events.length > 0) recordMetric('AgentRuns', { Agent: 'budget_agent', Outcome: 'completed' });
  else recordMetric('RunsSkipped', { Reason: 'unchanged' });
});
