import { createHash } from 'node:crypto';
import { runPipelineAgent } from '#shared/agents/index.ts';
import { staticCatalog } from '#shared/catalog/index.ts';
import { AgentShouldExecute } from '#shared/events/catalog.ts';
import { type Cause, causedBy, createEvent } from '#shared/events/factory.ts';
import { basisOf } from '#shared/pipeline/basis.ts';
import { understandParty } from '#shared/pipeline/party-facts.ts';
import type { AgentResult, PartyState } from '#shared/schemas/party.ts';
import type { PipelineAgent } from '#shared/schemas/primitives.ts';
import { eventPublisher, partyStore } from './container.ts';
import { eventConsumer } from './event-consumer.ts';
import { logger } from './observability.ts';

/** Derived from the request, so that a redelivered request is recognised as the same run. */
function executionIdOf(eventId: string): string {
  return `exec_${createHash('sha256').update(eventId).digest('hex').slice(0, 16)}`;
}

function themeOf(state: PartyState) {
  const theme = state.active_agents.theme_agent;
  return theme?.status === 'completed' ? theme.result : null;
}

async function report(
  run: AgentResult,
  state: PartyState,
  cause: Cause,
  outcome: 'started' | 'finished',
): Promise<void> {
  const common = {
    agent_name: run.agent_name,
    execution_id: run.execution_id,
    inputs_version: run.inputs_version,
  };
  const event =
    outcome === 'started'
      ? createEvent(
          'party.agent.started',
          state.party_id,
          { ...common, input_count: state.inputs.length, message: `Starting ${run.agent_name}...` },
          cause,
        )
      : run.status === 'completed'
        ? createEvent(
            'party.agent.completed',
            state.party_id,
            {
              ...common,
              result: run.result,
              confidence: run.confidence,
              execution_time_ms: run.execution_time_ms,
            },
            cause,
          )
        : createEvent(
            'party.agent.failed',
            state.party_id,
            { ...common, error: run.error ?? 'unknown error', error_type: 'internal', retry_count: 0 },
            cause,
          );
  await eventPublisher().publish([event]);
}

/**
 * Runs one agent on the party as it is now. A run whose result would equal the recorded one (a
 * duplicate request, or one that an earlier run already answered) does nothing; an agent that
 * cannot produce a result reports `failed` and the analyzer may ask again on the next change.
 */
export function agentHandler(agent: PipelineAgent) {
  return eventConsumer(agent, AgentShouldExecute, async (request) => {
    if (request.payload.agent_name !== agent) return;
    const store = partyStore();
    const state = await store.requireParty(request.party_id);
    const party = understandParty(state);
    const basis = basisOf(agent, party.facts, state);
    const previous = state.active_agents[agent];
    if (previous?.basis === basis.fingerprint && previous.status === 'completed') {
      logger.info('result already current', { execution_id: previous.execution_id });
      return;
    }
    const cause = causedBy(request);
    const started = new Date();
    const run: AgentResult = {
      agent_name: agent,
      status: 'running',
      execution_id: executionIdOf(request.event_id),
      result: {},
      confidence: 0,
      execution_time_ms: 0,
      inputs_version: state.inputs_version,
      basis: basis.fingerprint,
      dependency_version: basis.dependencyVersion,
      started_at: started.toISOString(),
      completed_at: null,
      error: null,
    };
    // Each write starts from the state in hand instead of reading the party again: on a busy party
    // the conditional write fails with the current item and the store retries from that.
    const recorded = await store.setAgentResult(state.party_id, run, state);
    await report(run, state, cause, 'started');
    let finished: AgentResult;
    try {
      const output = runPipelineAgent(agent, { facts: party.facts, theme: themeOf(state) }, staticCatalog);
      finished = { ...run, status: 'completed', result: output.result, confidence: output.confidence };
    } catch (error) {
      logger.error('agent failed', error as Error);
      finished = { ...run, status: 'failed', error: (error as Error).message };
    }
    const end = new Date();
    finished = {
      ...finished,
      execution_time_ms: end.getTime() - started.getTime(),
      completed_at: end.toISOString(),
    };
    const { changed } = await store.setAgentResult(state.party_id, finished, recorded.state);
    // A newer run already replaced this one: reporting it would only make the browser flicker.
    if (changed) await report(finished, state, cause, 'finished');
  });
}
