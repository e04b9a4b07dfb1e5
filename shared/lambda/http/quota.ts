import type { Mutation } from '#shared/adapters/dynamodb/party-store.ts';
import { partyQuota } from '#shared/lambda/container.ts';
import { logger } from '#shared/lambda/observability.ts';

/**
 * Makes a change under the party's quota of changes per minute. It is counted first, so that a flood
 * is refused before anything is written, and given back when nothing changed: a request refused by
 * the party's rules (a full party, an unknown input) or a retry of a change already made costs none.
 */
export async function changeWithinQuota(partyId: string, change: () => Promise<Mutation>): Promise<Mutation> {
  const quota = partyQuota();
  const use = await quota.consume(partyId);
  let mutation: Mutation;
  try {
    mutation = await change();
  } catch (error) {
    // The refusal is what the caller must hear; a failed refund only costs the party one change.
    await quota.refund(use).catch((refundError: unknown) => {
      logger.warn('quota refund failed', { error: refundError as Error });
    });
    throw error;
  }
  if (!mutation.changed) await quota.refund(use);
  return mutation;
}
