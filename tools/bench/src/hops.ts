import type { PartyEvent } from '#shared/contracts/events.ts';
import { round } from './summary.ts';

export interface HopFigures {
  /**
   * Events on the bus from an added input to the first plan.updated that its own chain of events
   * produced and that reflects it, both counted.
   */
  readonly to_first_plan: {
    readonly max: number;
    readonly mean: number;
    readonly inputs: number;
    /**
     * Inputs with no plan from their own chain: a plan that an earlier input's chain finished after
     * they arrived already reflected them, and the planner does not publish the same plan twice.
     */
    readonly without_own_plan: number;
  };
  /** The longest chain from any event without a bus cause (an HTTP request's) to a plan.updated. */
  readonly longest_to_any_plan: number;
}

interface Plan {
  readonly version: number;
  readonly hops: number;
  /** The input.added that started the chain this plan ends. */
  readonly root: string | undefined;
}

/**
 * Follows `causation_id` through every event published: an event caused by another bus event is one
 * hop further from the HTTP request that started its chain. Events are fed in publication order, so
 * a cause is always known before its effects. An input is judged by its own chain: a plan that an
 * earlier input's chain finishes after this input arrived reflects it too, but took none of its hops.
 */
export class HopTracker {
  private readonly depth = new Map<string, number>();
  private readonly rootOf = new Map<string, string>();
  /** Per party: added inputs and plans, in publication order. */
  private readonly parties = new Map<
    string,
    { inputs: { version: number; event_id: string }[]; plans: Plan[] }
  >();

  record(event: PartyEvent): void {
    const hops = (this.depth.get(event.causation_id) ?? 0) + 1;
    this.depth.set(event.event_id, hops);
    const root = event.type === 'party.input.added' ? event.event_id : this.rootOf.get(event.causation_id);
    if (root) this.rootOf.set(event.event_id, root);
    const party = this.parties.get(event.party_id) ?? { inputs: [], plans: [] };
    this.parties.set(event.party_id, party);
    if (event.type === 'party.input.added')
      party.inputs.push({ version: event.payload.inputs_version, event_id: event.event_id });
    if (event.type === 'party.plan.updated')
      party.plans.push({ version: event.payload.inputs_version, hops, root });
  }

  figures(): HopFigures {
    const first: number[] = [];
    let longest = 0;
    let withoutOwn = 0;
    for (const { inputs, plans } of this.parties.values()) {
      for (const plan of plans) longest = Math.max(longest, plan.hops);
      for (const input of inputs) {
        const own = plans.find((plan) => plan.root === input.event_id && plan.version >= input.version);
        if (own) first.push(own.hops);
        else withoutOwn += 1;
      }
    }
    return {
      to_first_plan: {
        max: first.length ? Math.max(...first) : 0,
        mean: round(first.reduce((sum, hops) => sum + hops, 0) / Math.max(1, first.length)),
        inputs: first.length,
        without_own_plan: withoutOwn,
      },
      longest_to_any_plan: longest,
    };
  }
}
