import { createHash, randomUUID } from 'node:crypto';
import type { EventOfType, PartyEventType, PayloadOf } from '#shared/contracts/events.ts';

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

/**
 * A UUID (version 8, RFC 9562) derived from a seed: an event re-published on a redelivery gets the
 * id it had the first time, so consumers that key on event ids see it as the same event.
 */
export function idFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
