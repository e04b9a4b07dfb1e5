import type { EventOfType, PartyEvent } from '#shared/contracts/events.ts';
import type { AgentResult, PartyState } from '#shared/contracts/party.ts';
import type { PipelineAgent } from '#shared/contracts/primitives.ts';
import { runPipelineAgent } from '#shared/domain/agents/index.ts';
import { completedTheme } from '#shared/domain/agents/theme-context.ts';
import { causedBy, createEvent } from '#shared/domain/event-factory.ts';
import { inputAddedEvent } from '#shared/domain/party/inputs.ts';
import { toPartyInput } from '#shared/domain/party/new-input.ts';
import {
  addInput,
  newParty,
  removeAgentResult,
  setAgentResult,
  setBudget,
  setFinalPlan,
} from '#shared/domain/party/transitions.ts';
import { basisOf } from '#shared/domain/pipeline/basis.ts';
import { computeBudget, sameBudget } from '#shared/domain/pipeline/budget-summary.ts';
import { understandParty } from '#shared/domain/pipeline/party-facts.ts';
import { computePlan, samePlan } from '#shared/domain/pipeline/plan.ts';
import { staticCatalog } from '#shared/domain/suppliers/index.ts';
import { analyze } from '#shared/use-cases/analyze.ts';
import { busDelivery, compiledRoutes } from './bus-delivery.ts';
import { scriptFor } from './inputs.ts';
import { type Summary, summarize } from './stats.ts';

/*
 * The domain work of one input with no I/O at all: the same pure functions the Lambda handlers call
 * (understanding, analyze, agents, budget, plan, state transitions), routed by the same table, on a
 * party held in memory. It is the floor under both other measurements. The handler glue (store
 * calls, publishing) is mirrored in a few lines each; the decisions themselves are not re-implemented.
 */

const ROUTES = compiledRoutes();

class MemoryParty {
  readonly published: PartyEvent[] = [];
  constructor(public state: PartyState) {}

  private now(): string {
    return new Date().toISOString();
  }

  runAgent(agent: PipelineAgent, request: EventOfType<'party.agent.should_execute'>): PartyEvent[] {
    const party = understandParty(this.state);
    const basis = basisOf(agent, party, this.state);
    const previous = this.state.active_agents[agent];
    if (previous?.basis === basis.fingerprint && previous.status === 'completed') return [];
    const output = runPipelineAgent(
      agent,
      { facts: party.facts, theme: completedTheme(this.state) },
      staticCatalog,
    );
    const now = this.now();
    const run: AgentResult = {
      agent_name: agent,
      status: 'completed',
      execution_id: `exec_${request.event_id.slice(0, 16)}`,
      result: output.result,
      confidence: output.confidence,
      execution_time_ms: 0,
      inputs_version: this.state.inputs_version,
      basis: basis.fingerprint,
      dependency_version: basis.dependencyVersion,
      started_at: now,
      completed_at: now,
      error: null,
    };
    this.state = setAgentResult(run, now)(this.state);
    const common = { agent_name: agent, execution_id: run.execution_id, inputs_version: run.inputs_version };
    const cause = causedBy(request);
    return [
      createEvent(
        'party.agent.started',
        this.state.party_id,
        { ...common, input_count: this.state.inputs.length, message: `Starting ${agent}...` },
        cause,
      ),
      createEvent(
        'party.agent.completed',
        this.state.party_id,
        { ...common, result: run.result, confidence: run.confidence, execution_time_ms: 0 },
        cause,
      ),
    ];
  }

  deliver(consumer: string, event: PartyEvent): PartyEvent[] {
    const now = this.now();
    if (consumer === 'analyzer') {
      if (
        event.type !== 'party.input.added' &&
        event.type !== 'party.input.removed' &&
        event.type !== 'party.agent.completed'
      )
        return [];
      const decisions = analyze(event, this.state);
      for (const decision of decisions) {
        if (decision.type === 'party.agent.data_removed') {
          this.state = removeAgentResult(
            decision.payload.agent_name,
            decision.payload.inputs_version,
            now,
          )(this.state);
        }
      }
      return decisions;
    }
    if (consumer === 'budget') {
      const budget = computeBudget(this.state, understandParty(this.state).facts.budget);
      if (sameBudget(this.state.budget, budget)) return [];
      this.state = setBudget(budget, now)(this.state);
      return [createEvent('party.budget.updated', this.state.party_id, budget, causedBy(event))];
    }
    if (consumer === 'planner') {
      const plan = computePlan(this.state, understandParty(this.state));
      if (samePlan(this.state.final_plan, plan)) return [];
      this.state = setFinalPlan(plan, now)(this.state);
      const written = this.state.final_plan ?? plan;
      return [createEvent('party.plan.updated', this.state.party_id, written, causedBy(event))];
    }
    if (consumer === 'broadcaster') return [];
    if (event.type !== 'party.agent.should_execute' || event.payload.agent_name !== consumer) return [];
    return this.runAgent(consumer as PipelineAgent, event);
  }

  /** Adds an input and runs every delivery it causes, FIFO; returns when the plan saw it (ms). */
  add(content: string): number {
    const started = performance.now();
    const input = toPartyInput({ content, source_type: 'text', tags: [], added_by: 'user' }, this.now());
    this.state = addInput(input, this.now())(this.state);
    const target = this.state.inputs_version;
    const first = inputAddedEvent(this.state.party_id, input, target, {
      correlation_id: input.input_id,
      causation_id: input.input_id,
    });
    const queue: PartyEvent[] = [first];
    let planAt = Number.NaN;
    for (let event = queue.shift(); event; event = queue.shift()) {
      this.published.push(event);
      if (
        event.type === 'party.plan.updated' &&
        event.payload.inputs_version >= target &&
        Number.isNaN(planAt)
      )
        planAt = performance.now() - started;
      const delivery = busDelivery(event);
      for (const route of ROUTES) {
        if (route.matches(delivery)) queue.push(...this.deliver(route.consumer, event));
      }
    }
    return planAt;
  }
}

export interface InMemoryResult {
  readonly latency_ms: Summary;
  /** Inputs after which no plan changed: they would leave an end-to-end wait unanswered. */
  readonly unanswered: number;
  readonly events_per_input: number;
  /** Every event the pipeline published, for the pattern-matching benchmark. */
  readonly events: PartyEvent[];
}

/** Runs each party's script on its own, one input after another, repeated `rounds` times for stable figures. */
export function runInMemory(parties: number, inputsPerParty: number, rounds: number): InMemoryResult {
  const latencies: number[] = [];
  const events: PartyEvent[] = [];
  let unanswered = 0;
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < parties; index++) {
      const party = new MemoryParty(newParty(`fpBENCH${round}x${index}`, new Date().toISOString()));
      for (const content of scriptFor(index, inputsPerParty)) {
        const latency = party.add(content);
        if (Number.isNaN(latency)) unanswered += 1;
        else latencies.push(latency);
      }
      if (round === 0) events.push(...party.published);
    }
  }
  const inputs = parties * inputsPerParty;
  return {
    latency_ms: summarize(latencies),
    unanswered,
    events_per_input: events.length / inputs,
    events,
  };
}
