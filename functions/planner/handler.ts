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
  let written: { answered: readonly string[]; at: string } = { answered: [], at: '' };
  // Computed inside the conditional write, so the plan always reflects the state it is stored with;
  // the last attempt is the one written.
  const events = await partyStore().applyStep(event.party_id, (current, now) => {
    const step = updatePlan(current, event, now);
    written = { answered: step.answered, at: now };
    return step;
  });
  await eventPublisher().publish(events);
  if (events.length > 0) recordMetric('PlansPublished', {});
  else if (written.answered.length === 0) recordMetric('RunsSkipped', { Reason: 'unchanged' });
  for (const addedAt of written.answered) {
    recordMetric('TimeToPlan', {}, Date.parse(written.at) - Date.parse(addedAt));
  }
});
