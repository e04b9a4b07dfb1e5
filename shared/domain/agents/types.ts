import type { JsonObject } from '#shared/contracts/primitives.ts';
import type { PartyFacts } from '#shared/contracts/understanding.ts';
import type { PartyCatalog } from '#shared/domain/suppliers/catalog.ts';
import type { ThemeResult } from './results.ts';

export interface AgentContext {
  readonly facts: PartyFacts;
  /** The theme agent's current result, which the venue, cake and vendor agents build on. */
  readonly theme: ThemeResult | null;
}

export interface AgentOutput<R extends JsonObject = JsonObject> {
  readonly result: R;
  /** 0..1: how much the party's facts constrained the answer, not how good the options are. */
  readonly confidence: number;
}

export type AgentFn<R extends JsonObject = JsonObject> = (
  context: AgentContext,
  catalog: PartyCatalog,
) => AgentOutput<R>;
