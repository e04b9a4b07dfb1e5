import { createHash } from 'node:crypto';
import { AgentShouldExecute } from '#shared/events/catalog.ts';
import { causedBy, createEvent } from '#shared/events/factory.ts';
import { runAgent } from '#shared/pipeline/agents.ts';
import type { AgentResult } from '#shared/schemas/party.ts';
import type { PipelineAgent } from '#shared/schemas/primitives.ts';
import { eventPublisher, partyStore } from './container.ts';
import { eventConsumer } from './event-consumer.ts';
import { logger } from './observability.ts';

/**
 * The execution id derives from the request event, so a redelivered request finds its own finished
 * run and does nothing twice.
 */
function executionIdOf(eventId: string): string {
  return `exec_${createHash('sha256').update(eventId).digest('hex').slice(0, 16)}`;
}

export function agentHandler(agent: PipelineAgent) {
  return eventConsumer(agent, AgentShouldExecute, async (request) => {
    if (request.payload.agent_name !== agent) return;
    const store = partyStore();
    const publisher = eventPublisher();
    const executionId = executionIdOf(request.event_id);
    const state = await store.requireParty(request.party_id);
    const previous = state.active_agents[agent];
    if (previous?.execution_id === executionId && previous.status !== 'running') {
      logger.info('duplicate request ignored', { execution_id: executionId });
      return;
    }
    const cause = causedBy(request);
    const started = new Date();
    const inputsVersion = state.inputs_version;
    const run: AgentResult = {
      agent_name: agent,
      status: 'running',
      execution_id: executionId,
      result: {},
      confidence: 0,
      execution_time_ms: 0,
      inputs_version: inputsVersion,
      started_at: started.toISOString(),
      completed_at: null,
      error: null,
    };
    await store.setAgentResult(request.party_id, run);
    await publisher.publish([
      createEvent(
        'party.agent.started',
        request.party_id,
        {
          agent_name: agent,
          execution_id: executionId,
          input_count: state.inputs.length,
          message: `Starting ${agent}...`,
          inputs_version: inputsVersion,
        },
        cause,
      ),
    ]);
    const output = runAgent(agent, state);
    const finished = new Date();
    const elapsed = finished.getTime() - started.getTime();
    await store.setAgentResult(request.party_id, {
      ...run,
      status: 'completed',
      result: output.result,
      confidence: output.confidence,
      execution_time_ms: elapsed,
      completed_at: finished.toISOString(),
    });
    await publisher.publish([
      createEvent(
        'party.agent.completed',
        request.party_id,
        {
          agent_name: agent,
          execution_id: executionId,
          result: output.result,
          confidence: output.confidence,
          execution_time_ms: elapsed,
          inputs_version: inputsVersion,
        },
        cause,
      ),
    ]);
  });
}
