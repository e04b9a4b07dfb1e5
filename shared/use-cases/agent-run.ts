// The parts of an agent's run that need no store and no bus: its id and the events that report it.
// The Lambda wrapper (lambda/agent-handler.ts) reads the state, runs the agent, writes and publishes.
import { createHash } from 'node:crypto';
import type { PartyEvent } from '#shared/contracts/events.ts';
import type { AgentResult, PartyState } from '#shared/contracts/party.ts';
import { type Cause, createEvent, idFrom } from '#shared/domain/event-factory.ts';

/** Derived from the request, so that a redelivered request is recognised as the same run. */
export function executionIdOf(eventId: string): string {
  return `exec_${createHash('sha256').update(eventId).digest('hex').slice(0, 16)}`;
}

/**
 * The run's started and finished events, published together once its record is written. Their ids
 * come from the run's, so publishing them again after a crash repeats the same events.
 */
export function reportEvents(run: AgentResult, state: PartyState, cause: Cause): PartyEvent[] {
  const common = {
    agent_name: run.agent_name,
    execution_id: run.execution_id,
    inputs_version: run.inputs_version,
  };
  const started = createEvent(
    'party.agent.started',
    state.party_id,
    { ...common, input_count: state.inputs.length, message: `Starting ${run.agent_name}...` },
    cause,
    { newId: () => idFrom(`${run.execution_id}:started`) },
  );
  const finishedId = { newId: () => idFrom(`${run.execution_id}:finished`) };
  const finished =
    run.status === 'completed'
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
          finishedId,
        )
      : createEvent(
          'party.agent.failed',
          state.party_id,
          { ...common, error: run.error ?? 'unknown error', error_type: 'internal', retry_count: 0 },
          cause,
          finishedId,
        );
  return [started, finished];
}
