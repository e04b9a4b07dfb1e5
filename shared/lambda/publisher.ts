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
  );
  return publisher;
}
