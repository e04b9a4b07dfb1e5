import * as z from 'zod/mini';
import { PartyId, Timestamp, TraceId } from './primitives.ts';

/** Every event this system puts on the bus has `Source` = EVENT_SOURCE and `DetailType` = its `type`. */
export const EVENT_SOURCE = 'party-planner';

/**
 * The envelope shared by every event: `detail` on EventBridge. `correlation_id` follows a whole chain
 * (an HTTP request and everything it caused); `causation_id` names the request or event that directly
 * caused this one.
 */
export function eventSchema<const T extends string, P extends z.ZodMiniType>(type: T, payload: P) {
  return z.object({
    event_id: z.uuid(),
    type: z.literal(type),
    party_id: PartyId,
    occurred_at: Timestamp,
    correlation_id: TraceId,
    causation_id: TraceId,
    payload,
  });
}
