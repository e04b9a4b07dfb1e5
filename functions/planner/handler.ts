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
  const events = await partyStore().applyStep(event.party_id, (current, now) =>
    updatePlan(current, event, now),
  );
  await eventPublisher().publish(events);
});
