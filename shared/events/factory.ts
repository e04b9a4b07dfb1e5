import { randomUUID } from 'node:crypto';
import type { EventOfType, PartyEventType, PayloadOf } from './catalog.ts';

/** What caused an event: the chain it belongs to and the request or event right before it. */
export interface Cause {
  readonly correlation_id: string;
  readonly causation_id: string;
}

export function causedBy(event: { event_id: string; correlation_id: string }): Cause {
  return { correlation_id: event.correlation_id, causation_id: event.event_id };
}

export interface EventFactoryOptions {
  readonly newId?: () => string;
  readonly clock?: () => Date;
}

export function createEvent<T extends PartyEventType>(
  type: T,
  partyId: string,
  payload: PayloadOf<T>,
  cause: Cause,
  options: EventFactoryOptions = {},
): EventOfType<T> {
  return {
    event_id: (options.newId ?? randomUUID)(),
    type,
    party_id: partyId,
    occurred_at: (options.clock?.() ?? new Date()).toISOString(),
    correlation_id: cause.correlation_id,
    causation_id: cause.causation_id,
    payload,
  } as EventOfType<T>;
}
