import type { PartyEvent } from '#shared/contracts/events.ts';
import type { PartyState } from '#shared/contracts/party.ts';

/**
 * A use case's answer: the party as it should be stored and the events that announce the change.
 * An unchanged state (the same object) carries no events, so whoever applies the step (a conditional
 * write on DynamoDB, or the bench's party in memory) writes and publishes nothing.
 */
export interface StateStep {
  readonly state: PartyState;
  readonly events: readonly PartyEvent[];
}
