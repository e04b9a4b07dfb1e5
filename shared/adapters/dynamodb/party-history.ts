import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PartyRecord } from '#shared/use-cases/history/history.ts';
import { partyKey } from './keys.ts';
import { MessageLog } from './message-log.ts';
import { PartyStore } from './party-store.ts';

/** The party's expiry (epoch seconds): its state item's, which every other item's is at least. */
async function stateExpiry(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partyId: string,
): Promise<number | null> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: partyKey(partyId),
      ProjectionExpression: 'expires_at',
      ConsistentRead: true,
    }),
  );
  return typeof Item?.expires_at === 'number' ? Item.expires_at : null;
}

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
  const [state, log, partyExpiresAt] = await Promise.all([
    new PartyStore(doc, tableName).getParty(partyId, true),
    new MessageLog(doc, tableName).held(partyId),
    stateExpiry(doc, tableName, partyId),
  ]);
  return { partyId, state, log, partyExpiresAt };
}
