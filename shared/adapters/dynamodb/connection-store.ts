import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CONNECTION_PK_PREFIX, PARTY_INDEX, partyKey } from './keys.ts';
import { queryAll } from './query-all.ts';

/** API Gateway closes a WebSocket after 2 hours, so a row that outlives that is surely stale. */
export const CONNECTION_TTL_SECONDS = 3 * 60 * 60;

/**
 * How long after a connection is stored the `by_party` index may still miss it. A global index is
 * only ever eventually consistent (it cannot be read with ConsistentRead); AWS propagates a write to
 * it within a fraction of a second under normal conditions, and says eventually consistent reads
 * reflect a write within a second. The local cloud emulates a 300 ms window by default.
 */
export const PARTY_INDEX_LAG_MS = 1_000;

export interface ConnectionRecord {
  readonly connection_id: string;
  readonly party_id: string;
  readonly connected_at: string;
}

const connectionKey = (connectionId: string) => ({
  pk: `${CONNECTION_PK_PREFIX}${connectionId}`,
  sk: 'CONNECTION',
});

/** Connections by id, and by party through the `by_party` index, so a broadcast never scans. */
export class ConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async add(connection: ConnectionRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...connectionKey(connection.connection_id),
          gsi1pk: partyKey(connection.party_id).pk,
          gsi1sk: `${CONNECTION_PK_PREFIX}${connection.connection_id}`,
          entity: 'connection',
          expires_at: Math.floor(this.clock().getTime() / 1000) + CONNECTION_TTL_SECONDS,
          ...connection,
        },
      }),
    );
  }

  async remove(connectionId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: connectionKey(connectionId) }));
  }

  async ofParty(partyId: string): Promise<ConnectionRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: PARTY_INDEX,
      KeyConditionExpression: 'gsi1pk = :party AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':party': partyKey(partyId).pk, ':prefix': CONNECTION_PK_PREFIX },
    });
    return items.map(toRecord);
  }
}

function toRecord(item: Record<string, unknown>): ConnectionRecord {
  return {
    connection_id: String(item.connection_id),
    party_id: String(item.party_id),
    connected_at: String(item.connected_at),
  };
}
