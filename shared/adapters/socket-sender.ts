import {
  type ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ServerMessage } from '#shared/contracts/messages.ts';
import type { SendOutcome } from '#shared/use-cases/broadcast/deliver.ts';
import { isThrottling, type RetryOptions, type RetryPolicy, RetryTiming } from './retry.ts';

// On top of the SDK's own three attempts: a stage's burst limit recovers within about a second.
const THROTTLE_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2000 };

export type PostOptions = RetryOptions;

export async function sendToConnection(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  message: unknown,
): Promise<SendOutcome> {
  try {
    await client.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode(JSON.stringify(message)),
      }),
    );
    return 'sent';
  } catch (error) {
    // Some gateways answer 410 without naming the error type; the status alone means the same.
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof GoneException || status === 410) return 'gone';
    throw error;
  }
}

/** Posts one message, retrying throttling with jittered backoff; other failures are thrown at once. */
export async function postMessage(
  client: ApiGatewayManagementApiClient,
  connectionId: string,
  message: ServerMessage,
  options: PostOptions = {},
): Promise<SendOutcome> {
  const timing = new RetryTiming(options, THROTTLE_RETRY_POLICY);
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendToConnection(client, connectionId, message);
    } catch (error) {
      if (!isThrottling(error) || attempt >= timing.policy.maxAttempts) throw error;
      await timing.backoff(attempt);
    }
  }
}
