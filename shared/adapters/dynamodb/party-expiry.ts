import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { partyKey } from './keys.ts';
import { CORE_SK } from './party-items.ts';
import { QUOTA_PREFIX } from './party-quota.ts';
import { queryAll } from './query-all.ts';

/** Updates in flight at once: a long message log is extended quickly without a burst on its partition. */
const CONCURRENT_UPDATES = 10;

/**
 * Extends every item of the party (state, access, message log) that expires before `expiresAt`, the
 * core item last: the core holds the party's expiry, so until it is extended the next change of the
 * party finds the extension due and repeats it. Only `expires_at` changes, never `version`, so no
 * conditional write of the state loses a race to it; a write that would lower an extended expiry is
 * refused by its own condition instead (see PartyStore). Quota windows keep their short TTL.
 */
export async function extendPartyExpiry(
  doc: DynamoDBDocumentClient,
  tableName: string,
  partyId: string,
  expiresAt: number,
): Promise<void> {
  const { pk } = partyKey(partyId);
  // Eventually consistent is enough: an item it misses was just written, with an expiry as late.
  const due = await queryAll(doc, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'expires_at < :expires',
    ProjectionExpression: 'sk',
    ExpressionAttributeValues: { ':pk': pk, ':expires': expiresAt },
  });
  const others = due
    .map((item) => String(item.sk))
    .filter((sk) => sk !== CORE_SK && !sk.startsWith(QUOTA_PREFIX));
  for (let start = 0; start < others.length; start += CONCURRENT_UPDATES) {
    const slice = others.slice(start, start + CONCURRENT_UPDATES);
    await Promise.all(slice.map((sk) => extendItem(doc, tableName, { pk, sk }, expiresAt)));
  }
  await extendItem(doc, tableName, { pk, sk: CORE_SK }, expiresAt);
}

/** Never creates an item, never shortens one: an item deleted or extended meanwhile is left as it is. */
async function extendItem(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  expiresAt: number,
): Promise<void> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET expires_at = :expires',
        ConditionExpression: 'attribute_exists(pk) AND expires_at < :expires',
        ExpressionAttributeValues: { ':expires': expiresAt },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
