import type { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { AGENTS } from '#shared/domain/agents/index.ts';
import { inputAddedEvent } from '#shared/domain/party/inputs.ts';
import { toPartyInput } from '#shared/domain/party/new-input.ts';
import { addInput, newParty, removeAgentResult, setAgentResult } from '#shared/domain/party/transitions.ts';
import { staticCatalog } from '#shared/domain/suppliers/index.ts';
import { analyze } from '#shared/use-cases/analyze.ts';
import { runAgent } from '#shared/use-cases/run-agent.ts';
import type { StateStep } from '#shared/use-cases/state-step.ts';
import { updateBudget } from '#shared/use-cases/update-budget.ts';
import { updatePlan } from '#shared/use-cases/update-plan.ts';
import { busDelivery, compiledRoutes } from './bus-delivery.ts';
import { scriptFor } from './party-scripts.ts';
import { type Summary, summarize } from './summary.ts';

/*
 * The domain work of one input with no I/O at all: the use cases the Lambda handlers call (analyze,
 * run an agent, update the budget, update the plan), routed by the same table, on a party held in
 * memory. It is the floor under both other measurements. Where a handler writes conditionally and
 * publishes, this party just takes the new state and queues the events.
 */

const ROUTES = compiledRoutes();
const isAgent = (consumer: string): consumer is keyof typeof AGENTS => consumer in AGENTS;

class MemoryParty {
  readonly published: PartyEvent[] = [];
  constructor(public state: PartyState) {}

  private now(): string {
    return new Date().toISOString();
  }

  private apply(step: StateStep): readonly PartyEvent[] {
    this.state = step.state;
    return step.events;
  }

  private analyze(event: PartyEvent): readonly PartyEvent[] {
    if (
      event.type !== 'party.input.added' &&
      event.type !== 'party.input.removed' &&
      event.type !== 'party.agent.completed'
    )
      return [];
    const decisions = analyze(event, this.state);
    for (const decision of decisions) {
      if (decision.type === 'party.agent.data_removed') {
        const { agent_name, inputs_version } = decision.payload;
        this.state = removeAgentResult(agent_name, inputs_version, this.now())(this.state);
      }
    }
    return decisions;
  }

  private runAgent(consumer: string, event: PartyEvent): readonly PartyEvent[] {
    if (!isAgent(consumer) || event.type !== 'party.agent.should_execute') return [];
    if (event.payload.agent_name !== consumer) return [];
    const step = runAgent(
      { agent: consumer, recommend: AGENTS[consumer], catalog: staticCatalog },
      event,
      this.state,
    );
    if (step.kind === 'not_concerned') return [];
    if (step.kind === 'current') return step.events;
    const next = setAgentResult(step.run, this.now())(this.state);
    if (next === this.state) return [];
    this.state = next;
    return step.events;
  }

  deliver(consumer: string, event: PartyEvent): readonly PartyEvent[] {
    switch (consumer) {
      case 'analyzer':
        return this.analyze(event);
      case 'budget':
        return this.apply(updateBudget(this.state, event, this.now()));
      case 'planner':
        return this.apply(updatePlan(this.state, event, this.now()));
      case 'broadcaster':
        return [];
      default:
        return this.runAgent(consumer, event);
    }
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
