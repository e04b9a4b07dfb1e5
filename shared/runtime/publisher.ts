// The bus's per-container publisher: apart from container.ts so that only the functions that
// publish import the EventBridge SDK client.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { requireEnv } from './aws-clients.ts';
import { EventPublisher } from './event-publisher.ts';

let publisher: EventPublisher | undefined;

export function eventPublisher(): EventPublisher {
  publisher ??= new EventPublisher(new EventBridgeClient({}), requireEnv('EVENT_BUS_NAME'));
  return publisher;
}
