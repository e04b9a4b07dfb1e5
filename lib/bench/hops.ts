import type { PartyEvent } from '#shared/events/catalog.ts';
import { round } from './stats.ts';

export interface HopFigures {
  /** Events on the bus from an added input to the first plan.updated that reflects it, both counted. */
  readonly to_first_plan: { readonly max: number; readonly mean: number; readonly inputs: number };
  /** The longest chain from any event without a bus cause (an HTTP request's) to a plan.updated. */
  readonly longest_to_any_plan: number;
}

/**
 * Follows `causation_id` through every event published: an event caused by another bus event is one
 * hop further from the HTTP request that started its chain. Events are fed in publication order, so
 * a cause is always known before its effects.
 */
export class HopTracker {
  private readonly depth = new Map<string, number>();
  /** Per party: added inputs (version) and plans (version, hops), in publication order. */
  private readonly parties = new Map<
    string,
    { inputs: number[]; plans: { version: number; hops: number }[] }
  >();

  record(event: PartyEvent): void {
    const hops = (this.depth.get(event.causation_id) ?? 0) + 1;
    this.depth.set(event.event_id, hops);
    const party = this.parties.get(event.party_id) ?? { inputs: [], plans: [] };
    this.parties.set(event.party_id, party);
    if (event.type === 'party.input.added') party.inputs.push(event.payload.inputs_version);
    if (event.type === 'party.plan.updated')
      party.plans.push({ version: event.payload.inputs_version, hops });
  }

  figures(): HopFigures {
    const first: number[] = [];
    let longest = 0;
    for (const { inputs, plans } of this.parties.values()) {
      for (const plan of plans) longest = Math.max(longest, plan.hops);
      for (const version of inputs) {
        const reflecting = plans.find((plan) => plan.version >= version);
        if (reflecting) first.push(reflecting.hops);
      }
    }
    return {
      to_first_plan: {
        max: first.length ? Math.max(...first) : 0,
        mean: round(first.reduce((sum, hops) => sum + hops, 0) / Math.max(1, first.length)),
        inputs: first.length,
      },
      longest_to_any_plan: longest,
    };
  }
}
