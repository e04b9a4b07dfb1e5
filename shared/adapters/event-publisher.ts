import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE } from '#shared/contracts/event-envelope.ts';
import type { PartyEvent } from '#shared/contracts/events.ts';
import { type RetryOptions, type RetryPolicy, RetryTiming } from './retry.ts';

/** PutEvents takes at most 10 entries per call. */
const BATCH_SIZE = 10;

export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(readonly failures: readonly { event_id: string; code: string; message: string }[]) {
    super(
      `could not publish ${failures.length} event(s): ${failures.map((failure) => failure.code).join(', ')}`,
    );
  }
}

export interface EventPublisherOptions extends RetryOptions {
  /**
   * The X-Ray trace header of the invocation that publishes, read at each publish (Lambda sets a new
   * one per invocation), or undefined outside a traced invocation. EventBridge hands it to the rules'
   * targets, so the trace continues from function to function across the bus.
   */
  readonly traceHeader?: () => string | undefined;
}

const PUBLISH_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 500 };

/**
 * Puts party events on the bus. PutEvents can succeed as a call while failing single entries
 * (`FailedEntryCount`), so only those entries are sent again, with backoff, before giving up.
 */
export class EventPublisher {
  private readonly timing: RetryTiming;
  private readonly traceHeader: () => string | undefined;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
    options: EventPublisherOptions = {},
  ) {
    this.timing = new RetryTiming(options, PUBLISH_RETRY_POLICY);
    this.traceHeader = options.traceHeader ?? (() => undefined);
  }

  async publish(events: readonly PartyEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += BATCH_SIZE) {
      await this.publishBatch(events.slice(start, start + BATCH_SIZE));
    }
  }

  private async publishBatch(batch: readonly PartyEvent[]): Promise<void> {
    const traceHeader = this.traceHeader();
    let pending = batch.map((event) => ({ event, entry: this.toEntry(event, traceHeader) }));
    let failures: { event_id: string; code: string; message: string }[] = [];
    for (let attempt = 1; attempt <= this.timing.policy.maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await this.timing.backoff(attempt);
      const response = await this.client.send(
        new PutEventsCommand({ Entries: pending.map(({ entry }) => entry) }),
      );
      if (!response.FailedEntryCount) return;
      const results = response.Entries ?? [];
      failures = [];
      pending = pending.filter(({ event }, index) => {
        const result = results[index];
        if (!result?.ErrorCode) return false;
        failures.push({
          event_id: event.event_id,
          code: result.ErrorCode,
          message: result.ErrorMessage ?? '',
        });
        return true;
      });
    }
    if (pending.length > 0) throw new PublishError(failures);
  }

  private toEntry(event: PartyEvent, traceHeader: string | undefined): PutEventsRequestEntry {
    return {
      EventBusName: this.eventBusName,
      Source: EVENT_SOURCE,
      DetailType: event.type,
      Detail: JSON.stringify(event),
      Time: new Date(event.occurred_at),
      ...(traceHeader ? { TraceHeader: traceHeader } : {}),
    };
  }
}
