import { PartyError } from '#shared/domain/party/errors.ts';

/** How many posts one invocation keeps in flight: enough to be quick, few enough not to trip throttling. */
export const POST_CONCURRENCY = 10;

/** What posting to one connection comes to: delivered, or the browser is gone for good. */
export type SendOutcome = 'sent' | 'gone';

export type Delivery =
  | { readonly connection_id: string; readonly outcome: SendOutcome }
  | { readonly connection_id: string; readonly outcome: 'failed'; readonly error: unknown };

/**
 * API Gateway answers 410 for a socket whose `$connect` has not completed, as for one that closed.
 * ws-connect stores the connection before the socket opens (and then waits out the index's lag), so
 * a broadcast in that moment meets a socket that is still opening; it resumes from the log once open,
 * and its row must stay. `$connect` cannot take longer than API Gateway's 29-second integration
 * timeout: a connection older than this that answers 410 is gone for good.
 */
export const OPENING_GRACE_MS = 30_000;

/** The connections whose rows a broadcast should forget: those that answered 410 and are not opening. */
export function goneForGood(
  deliveries: readonly Delivery[],
  targets: readonly { readonly connection_id: string; readonly connected_at: string }[],
  now: Date,
): string[] {
  const connectedAt = new Map(
    targets.map((target) => [target.connection_id, Date.parse(target.connected_at)]),
  );
  return deliveries
    .filter((delivery) => delivery.outcome === 'gone')
    .map((delivery) => delivery.connection_id)
    .filter((id) => now.getTime() - (connectedAt.get(id) ?? 0) >= OPENING_GRACE_MS);
}

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
