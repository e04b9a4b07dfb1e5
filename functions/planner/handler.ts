import * as z from 'zod/mini';
import {
  AgentCompleted,
  AgentDataRemoved,
  AgentFailed,
  AgentShouldExecute,
  InputRemoved,
} from '#shared/contracts/events.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { recordMetric } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';
import { updatePlan } from '#shared/use-cases/update-plan.ts';

const PlannerTrigger = z.discriminatedUnion('type', [
  InputRemoved,
  AgentCompleted,
  AgentFailed,
  AgentDataRemoved,
  // Only ever for the budget agent (see the routing table): a stated budget changed.
  AgentShouldExecute,
]);

export const handler = eventConsumer('planner', PlannerTrigger, async (event) => {
  // Computed inside the conditional write, so the plan always reflects the state it is stored with.
  const written = await partyStore().applyStep(event.party_id, (current, now) =>
    updatePlan(current, event, now),
  );
  if (!written) {
    recordMetric('RunsSkipped', { Reason: 'unchanged' });
    return;
  }
  // A plan is written only when it changed, and then always announced.
  await eventPublisher().publish(written.events);
  recordMetric('PlansPublished', {});
  // The plan was stored at its `updated_at`: each input it answers first waited that long.
  for (const addedAt of written.answered) {
    recordMetric('TimeToPlan', {}, Date.parse(written.state.updated_at) - Date.parse(addedAt));
  }
});
