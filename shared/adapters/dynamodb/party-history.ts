import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PartyRecord } from '#shared/use-cases/history/history.ts';
import { MessageLog } from './message-log.ts';
import { PartyStore } from './party-store.ts';

/**
 * Everything the table keeps of one party for its history: its state, every message its log holds
 * and its expiry. Strongly consistent reads, so that what support reads includes the last change
 * (an eventually consistent one may miss the writes of the last second, the moment asked about).
 */
export async function readPartyRecord(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partyId: string,
): Promise<PartyRecord> {
  const store = new PartyStore(doc, tableName);
  const [state, log] = await Promise.all([
    store.getParty(partyId, true),
    new MessageLog(doc, tableName).held(partyId),
  ]);
  return { partyId, state, log, partyExpiresAt: state ? store.expiresAt(state) : null };
}
