import { AgentShouldExecute } from '#shared/contracts/events.ts';
import { type AgentRunner, runAgent } from '#shared/use-cases/run-agent.ts';
import { partyStore } from './container.ts';
import { eventConsumer } from './event-consumer.ts';
import { logger, recordMetric } from './observability.ts';
import { eventPublisher } from './publisher.ts';

/**
 * Runs one agent on the party as it is now (the decision is `runAgent`'s). Each function passes its
 * own agent and just the catalog areas that agent reads, so its bundle carries no other agent's code
 * or data.
 */
export function agentHandler<Catalog>(runner: AgentRunner<Catalog>) {
  return eventConsumer(runner.agent, AgentShouldExecute, async (request) => {
    if (request.payload.agent_name !== runner.agent) return;
    const store = partyStore();
    // A strongly consistent read: a run on a stale state would only have to run again.
    const state = await store.requireParty(request.party_id, true);
    const step = runAgent(runner, request, state);
    if (step.kind === 'not_concerned') {
      logger.info('no input concerns the agent any more');
      recordMetric('RunsSkipped', { Reason: 'not_concerned' });
      return;
    }
    if (step.kind === 'current') {
      logger.info('result already current', { execution_id: step.execution_id });
      await eventPublisher().publish(step.events);
      recordMetric('RunsSkipped', { Reason: 'already_current' });
      return;
    }
    if (step.failure) logger.error('agent failed', step.failure);
    // One write per run, from the state in hand: the result is its own item, so it rarely races, and
    // a lost race re-reads the party. The run takes milliseconds, so there is no `running` record.
    const { changed } = await store.setAgentResult(state.party_id, step.run, state);
    // A newer run already replaced this one: reporting it would only make the browser flicker.
    if (!changed) {
      recordMetric('RunsSkipped', { Reason: 'superseded' });
      return;
    }
    await eventPublisher().publish(step.events);
    recordMetric('AgentRuns', { Agent: runner.agent, Outcome: step.failure ? 'failed' : 'completed' });
  });
}
