// One agent's run on the party as it is now, with no store and no bus: whether to run, the run's
// record and the events that report it. The Lambda wrapper (lambda/agent-handler.ts) reads the state
// and writes and publishes what this returns; the bench applies it to a party held in memory.
import { createHash } from 'node:crypto';
import type { EventOfType, PartyEvent } from '#shared/contracts/events.ts';
import type { AgentResult, PartyState } from '#shared/contracts/party.ts';
import type { JsonObject, PipelineAgent } from '#shared/contracts/primitives.ts';
import { completedTheme, readThemeResult } from '#shared/domain/agents/theme-context.ts';
import type { AgentContext, AgentOutput } from '#shared/domain/agents/types.ts';
import { type Cause, causedBy, createEvent, idFrom } from '#shared/domain/event-factory.ts';
import { basisOf } from '#shared/domain/pipeline/basis.ts';
import { inputsFor, understandParty } from '#shared/domain/pipeline/party-facts.ts';

/** An agent function with the catalog areas it reads: each Lambda passes just its own. */
export interface AgentRunner<Catalog> {
  readonly agent: PipelineAgent;
  readonly recommend: (context: AgentContext, catalog: Catalog) => AgentOutput<JsonObject>;
  readonly catalog: Catalog;
}

export type AgentStep =
  /** The inputs it was asked for are gone; the analyzer that saw them go removes its data. */
  | { readonly kind: 'not_concerned' }
  /** The recorded result fits; `events` repeats its report when this very request wrote it. */
  | { readonly kind: 'current'; readonly execution_id: string; readonly events: readonly PartyEvent[] }
  /** A new run: write `run` and, if the write changed the party, publish `events`. */
  | {
      readonly kind: 'ran';
      readonly run: AgentResult;
      readonly events: readonly PartyEvent[];
      /** Why the agent could not produce a result, for the log; the run is recorded as `failed`. */
      readonly failure: Error | null;
    };

/**
 * A run whose result would equal the recorded one (a duplicate request, or one that an earlier run
 * already answered) does nothing; an agent that cannot produce a result reports `failed` and the
 * analyzer may ask again on the next change.
 */
export function runAgent<Catalog>(
  runner: AgentRunner<Catalog>,
  request: EventOfType<'party.agent.should_execute'>,
  state: PartyState,
  clock: () => Date = () => new Date(),
): AgentStep {
  const { agent } = runner;
  const party = understandParty(state);
  // A result now would be a suggestion nobody asked for.
  if (inputsFor(agent, party).length === 0) return { kind: 'not_concerned' };
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
    // This very request wrote it: its first run may have stopped before it told anyone.
    const events =
      previous.execution_id === executionId ? reportEvents(previous, state, causedBy(request)) : [];
    return { kind: 'current', execution_id: previous.execution_id, events };
  }
  const started = clock();
  let outcome: Pick<AgentResult, 'status' | 'result' | 'confidence' | 'error'>;
  let failure: Error | null = null;
  try {
    const output = runner.recommend(
      { facts: party.facts, theme: readThemeResult(completedTheme(state)) },
      runner.catalog,
    );
    outcome = { status: 'completed', result: output.result, confidence: output.confidence, error: null };
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    outcome = { status: 'failed', result: {}, confidence: 0, error: failure.message };
  }
  const end = clock();
  const run: AgentResult = {
    agent_name: agent,
    execution_id: executionId,
    inputs_version: state.inputs_version,
    basis: basis.fingerprint,
    dependency_version: basis.dependencyVersion,
    started_at: started.toISOString(),
    ...outcome,
    execution_time_ms: end.getTime() - started.getTime(),
    completed_at: end.toISOString(),
  };
  return { kind: 'ran', run, events: reportEvents(run, state, causedBy(request)), failure };
}

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
