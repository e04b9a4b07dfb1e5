// The bus's per-container publisher: apart from container.ts so that only the functions that
// publish import the EventBridge SDK client.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventPublisher } from '#shared/adapters/event-publisher.ts';
import { readVariable } from './environment.ts';
import { countThrottles } from './observability.ts';

let publisher: EventPublisher | undefined;

export function eventPublisher(): EventPublisher {
  publisher ??= new EventPublisher(
    countThrottles(new EventBridgeClient({}), 'eventbridge'),
    readVariable('EVENT_BUS_NAME'),
    { traceHeader: currentTraceHeader },
  );
  return publisher;
}

/**
 * The runtime sets `_X_AMZN_TRACE_ID` afresh for each invocation (with active tracing), so it is read
 * at each publish, never kept with the container's publisher; unset or empty means not traced.
 */
function currentTraceHeader(): string | undefined {
  return process.env._X_AMZN_TRACE_ID || undefined;
}
