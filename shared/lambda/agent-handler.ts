import { AgentShouldExecute } from '#shared/contracts/events.ts';
import type { AgentResult } from '#shared/contracts/party.ts';
import type { JsonObject, PipelineAgent } from '#shared/contracts/primitives.ts';
import { completedTheme, readThemeResult } from '#shared/domain/agents/theme-context.ts';
import type { AgentContext, AgentOutput } from '#shared/domain/agents/types.ts';
import { causedBy } from '#shared/domain/event-factory.ts';
import { basisOf } from '#shared/domain/pipeline/basis.ts';
import { inputsFor, understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { executionIdOf, reportEvents } from '#shared/use-cases/agent-run.ts';
import { partyStore } from './container.ts';
import { eventConsumer } from './event-consumer.ts';
import { logger } from './observability.ts';
import { eventPublisher } from './publisher.ts';

/**
 * Runs one agent on the party as it is now. Each function passes its own agent and just the catalog
 * areas that agent reads, so its bundle carries no other agent's code or data. A run whose result would equal the recorded one (a
 * duplicate request, or one that an earlier run already answered) does nothing; an agent that
 * cannot produce a result reports `failed` and the analyzer may ask again on the next change.
 */
export function agentHandler<Catalog>(
  agent: PipelineAgent,
  recommend: (context: AgentContext, catalog: Catalog) => AgentOutput<JsonObject>,
  catalog: Catalog,
) {
  return eventConsumer(agent, AgentShouldExecute, async (request) => {
    if (request.payload.agent_name !== agent) return;
    const store = partyStore();
    // A strongly consistent read: a run on a stale state would only have to run again.
    const state = await store.requireParty(request.party_id, true);
    const party = understandParty(state);
    // The inputs it was asked for are gone: a result now would be a suggestion nobody asked for,
    // and the analyzer that saw them go removes this agent's data.
    if (inputsFor(agent, party).length === 0) {
      logger.info('no input concerns the agent any more');
      return;
    }
    const basis = basisOf(agent, party, state);
    const previous = state.active_agents[agent];
    const executionId = executionIdOf(request.event_id);
    // A result that fits is left alone, unless it was computed before the inputs this request was
    // made for: running again (to the same result) records and announces it for those inputs, so the
    // plan catches up with an input that changed nothing for this agent.
    const fits =
      previous?.basis === basis.fingerprint &&
      previous.status === 'completed' &&
      (previous.execution_id === executionId || previous.inputs_version >= request.payload.inputs_version);
    if (previous && fits) {
      logger.info('result already current', { execution_id: previous.execution_id });
      // This very request wrote it: its first run may have stopped before it told anyone.
      if (previous.execution_id === executionId)
        await eventPublisher().publish(reportEvents(previous, state, causedBy(request)));
      return;
    }
    const started = new Date();
    const run = {
      agent_name: agent,
      execution_id: executionId,
      inputs_version: state.inputs_version,
      basis: basis.fingerprint,
      dependency_version: basis.dependencyVersion,
      started_at: started.toISOString(),
    };
    let outcome: Pick<AgentResult, 'status' | 'result' | 'confidence' | 'error'>;
    try {
      const output = recommend(
        { facts: party.facts, theme: readThemeResult(completedTheme(state)) },
        catalog,
      );
      outcome = { status: 'completed', result: output.result, confidence: output.confidence, error: null };
    } catch (error) {
      logger.error('agent failed', error as Error);
      outcome = { status: 'failed', result: {}, confidence: 0, error: (error as Error).message };
    }
    const end = new Date();
    const finished: AgentResult = {
      ...run,
      ...outcome,
      execution_time_ms: end.getTime() - started.getTime(),
      completed_at: end.toISOString(),
    };
    // One write per run, from the state in hand: the result is its own item, so it rarely races, and
    // a lost race re-reads the party. The run takes milliseconds, so there is no `running` record.
    const { changed } = await store.setAgentResult(state.party_id, finished, state);
    // A newer run already replaced this one: reporting it would only make the browser flicker.
    if (changed) await eventPublisher().publish(reportEvents(finished, state, causedBy(request)));
  });
}
