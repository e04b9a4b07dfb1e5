import * as z from 'zod/mini';
import { AgentCompleted, InputAdded, InputRemoved } from '#shared/contracts/events.ts';
import { partyStore } from '#shared/lambda/container.ts';
import { eventConsumer } from '#shared/lambda/event-consumer.ts';
import { recordMetric } from '#shared/lambda/observability.ts';
import { eventPublisher } from '#shared/lambda/publisher.ts';
import { analyze } from '#shared/use-cases/analyze.ts';

const AnalyzerEvent = z.discriminatedUnion('type', [InputAdded, InputRemoved, AgentCompleted]);

export const handler = eventConsumer('analyzer', AnalyzerEvent, async (event) => {
  const store = partyStore();
  // Strongly consistent: deciding on a stale state would ask for runs that are not needed.
  const state = await store.requireParty(event.party_id, true);
  const decisions = analyze(event, state);
  // Data that no input supports any more is gone before anyone hears that it was removed. Each
  // removal starts from the state in hand (a stale one only costs the conditional retry).
  let known = state;
  for (const decision of decisions) {
    if (decision.type === 'party.agent.data_removed') {
      const removed = await store.removeAgentResult(
        decision.party_id,
        decision.payload.agent_name,
        decision.payload.inputs_version,
        known,
      );
      known = removed.state;
    }
  }
  await eventPublisher().publish(decisions);
  if (decisions.length === 0) recordMetric('RunsSkipped', { Reason: 'unchanged' });
});
