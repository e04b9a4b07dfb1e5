import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { PartyError } from '#shared/party/errors.ts';
import { type SendOutcome, sendToConnection } from '#shared/runtime/socket-sender.ts';
import { isThrottling, type RetryOptions, type RetryPolicy, RetryTiming } from '#shared/store/retry.ts';
import type { ServerMessage } from './catalog.ts';

/** How many posts one invocation keeps in flight: enough to be quick, few enough not to trip throttling. */
export const POST_CONCURRENCY = 10;

// On top of the SDK's own three attempts: a stage's burst limit recovers within about a second.
const THROTTLE_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2000 };

export type PostOptions = RetryOptions;

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

export type Delivery =
  | { readonly connection_id: string; readonly outcome: SendOutcome }
  | { readonly connection_id: string; readonly outcome: 'failed'; readonly error: unknown };

/** Runs `post` for every connection with at most `concurrency` in flight; one failure stops no other. */
export async function deliverToAll(
  connectionIds: readonly string[],
  post: (connectionId: string) => Promise<SendOutcome>,
  concurrency = POST_CONCURRENCY,
): Promise<Delivery[]> {
  const deliveries: Delivery[] = new Array(connectionIds.length);
  let next = 0;
  const worker = async () => {
    while (next < connectionIds.length) {
      const index = next++;
      const connectionId = connectionIds[index] as string;
      try {
        deliveries[index] = { connection_id: connectionId, outcome: await post(connectionId) };
      } catch (error) {
        deliveries[index] = { connection_id: connectionId, outcome: 'failed', error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, connectionIds.length) }, worker));
  return deliveries;
}

/**
 * Some connections could not be reached for a reason other than being gone. Thrown after every
 * other connection got the message, so that the platform redelivers the event: the redelivery keeps
 * its seq, and clients that already have it drop the copy.
 */
export class DeliveryFailedError extends PartyError {
  override readonly name = 'DeliveryFailedError';
  readonly code = 'internal';
  constructor(
    readonly partyId: string,
    readonly seq: number,
    readonly failures: readonly { connection_id: string; error: unknown }[],
  ) {
    super(`party ${partyId}: seq ${seq} could not be posted to ${failures.length} connection(s)`, {
      party_id: partyId,
      seq,
      connection_ids: failures.map((failure) => failure.connection_id),
    });
    this.cause = failures[0]?.error;
  }
}
