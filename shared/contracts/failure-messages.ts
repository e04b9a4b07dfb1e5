import * as z from 'zod/mini';
import './zod.ts';

/**
 * What the failure queues hold, as AWS writes it: the parts a redrive reads. Loose objects, since
 * AWS adds fields over time and a redrive must not refuse a message for one it does not read.
 */

/** An event as EventBridge delivers it, and so as its rule target's dead-letter queue keeps it. */
export const BusEvent = z.looseObject({
  source: z.string().check(z.minLength(1)),
  'detail-type': z.string().check(z.minLength(1)),
  time: z.optional(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
export type BusEvent = z.infer<typeof BusEvent>;

/** Lambda's record of an asynchronous invocation that failed, sent to the on-failure destination. */
export const InvocationRecord = z.looseObject({
  timestamp: z.optional(z.string()),
  requestContext: z.looseObject({
    functionArn: z.optional(z.string()),
    condition: z.optional(z.string()),
    approximateInvokeCount: z.optional(z.number()),
  }),
  requestPayload: BusEvent,
  responsePayload: z.optional(
    z.nullable(z.looseObject({ errorType: z.optional(z.string()), errorMessage: z.optional(z.string()) })),
  ),
});

/** The envelope fields a redrive shows and filters by; the rest of the event is passed on untouched. */
export const RedrivenDetail = z.looseObject({ type: z.string(), party_id: z.string() });
