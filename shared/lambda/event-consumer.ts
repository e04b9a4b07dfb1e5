import type { EventBridgeEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { describeIssues, issuesText } from '#shared/contracts/zod.ts';
import { instrumented, logger, traceWith } from './observability.ts';

/** A bus event that no schema of this consumer accepts; thrown so that it ends in the dead-letter queue. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  constructor(
    readonly detailType: string,
    readonly issues: ReturnType<typeof describeIssues>,
  ) {
    super(`event ${detailType} does not match its schema: ${issuesText(issues)}`);
  }
}

type Envelope = { party_id: string; correlation_id: string; type: string; event_id: string };

/** Parses an EventBridge delivery's `detail` with the consumer's schema before any work is done. */
export function eventConsumer<S extends z.ZodMiniType<Envelope>>(
  name: string,
  schema: S,
  handle: (event: z.infer<S>) => Promise<void>,
) {
  return instrumented(name, async (delivery: EventBridgeEvent<string, unknown>) => {
    const parsed = schema.safeParse(delivery.detail);
    if (!parsed.success) throw new InvalidEventError(delivery['detail-type'], describeIssues(parsed.error));
    const event = parsed.data as z.infer<S> & Envelope;
    traceWith({ party_id: event.party_id, correlation_id: event.correlation_id, event_type: event.type });
    logger.info('event received', { event_id: event.event_id });
    await handle(event);
  });
}
