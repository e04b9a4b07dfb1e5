import {
  BatchGetItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  type DynamoConsistencyProxy,
  startDynamoConsistencyProxy,
} from '../src/dynamodb/consistency-proxy.ts';
import { FaultInjector, type LocalCloudFaults, NO_FAULTS } from '../src/faults.ts';
import { createTestTable, LOCAL_CREDENTIALS } from './support/dynamo.ts';
import { seededRandom } from './support/seeded-random.ts';

const WINDOW_MS = 300;
let proxy: DynamoConsistencyProxy;
let client: DynamoDBClient;
let tableName: string;
let clock = 0;
/** Whether a read that could be stale is: the fault flag's "always" unless a test says otherwise. */
let stale = true;
const staleReads: string[] = [];

beforeAll(async () => {
  tableName = await createTestTable();
  proxy = await startDynamoConsistencyProxy({
    upstream: inject('dynamoEndpoint'),
    windowMs: WINDOW_MS,
    now: () => clock,
    stale: () => stale,
    random: () => 0,
    onStaleRead: (operation) => staleReads.push(operation),
  });
  client = new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
});
afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
});
beforeEach(() => {
  clock += 10 * WINDOW_MS;
  stale = true;
  staleReads.length = 0;
});

let counter = 0;
const freshKey = () => ({ pk: { S: `p${++counter}` }, sk: { S: 'item' } });
type Key = ReturnType<typeof freshKey>;
const put = (key: Key, version: number, extra: Record<string, { S: string }> = {}) =>
  client.send(
    new PutItemCommand({ TableName: tableName, Item: { ...key, version: { N: String(version) }, ...extra } }),
  );
const versionOf = async (key: Key, ConsistentRead?: boolean) => {
  const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead }));
  return Item ? Number(Item.version?.N) : null;
};
const byGsi = (partition: string, ConsistentRead?: boolean) =>
  client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': { S: partition } },
      ConsistentRead,
    }),
  );

describe('DynamoDB consistency proxy', () => {
  it('answers an eventually consistent GetItem with the image before a write inside the window only', async () => {
    const key = freshKey();
    await put(key, 1);
    clock += WINDOW_MS;
    await put(key, 2);
    clock += WINDOW_MS - 1;
    expect(await versionOf(key)).toBe(1);
    expect(await versionOf(key, false)).toBe(1);
    expect(staleReads).toEqual(['GetItem', 'GetItem']);
    clock += 1;
    expect(await versionOf(key)).toBe(2);
  });

  it('never answers a strongly consistent read or TransactGetItems with an older image', async () => {
    const key = freshKey();
    await put(key, 1);
    clock += WINDOW_MS;
    await put(key, 2);
    expect(await versionOf(key, true)).toBe(2);
    const { Responses = [] } = await client.send(
      new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: tableName, Key: key } }] }),
    );
    expect(Responses[0]?.Item?.version).toEqual({ N: '2' });
    expect(staleReads).toEqual([]);
  });

  it('misses an item created inside the window, and shows one deleted inside it', async () => {
    const created = freshKey();
    await put(created, 1);
    expect(await versionOf(created)).toBeNull();
    expect(await versionOf(created, true)).toBe(1);
    const deleted = freshKey();
    await put(deleted, 7);
    clock += WINDOW_MS;
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: deleted }));
    expect(await versionOf(deleted)).toBe(7);
    expect(await versionOf(deleted, true)).toBeNull();
  });

  it('reads fresh inside the window when the read is not drawn stale', async () => {
    const key = freshKey();
    await put(key, 1);
    clock += WINDOW_MS;
    await put(key, 2);
    stale = false;
    expect(await versionOf(key)).toBe(2);
  });

  it('lets a global index lag the table, and refuses a strongly consistent read of it as AWS does', async () => {
    const first = freshKey();
    const second = freshKey();
    await put(first, 1, { gsi1pk: { S: 'lagging' }, gsi1sk: { S: 'a' } });
    clock += WINDOW_MS;
    await put(second, 1, { gsi1pk: { S: 'lagging' }, gsi1sk: { S: 'b' } });
    await put(first, 2, { gsi1pk: { S: 'lagging' }, gsi1sk: { S: 'a' } });
    const lagging = await byGsi('lagging');
    expect(lagging.Items?.map((item) => [item.sk?.S, item.version?.N])).toEqual([['item', '1']]);
    expect(lagging.Count).toBe(1);
    expect(lagging.Items?.[0]?.pk).toEqual(first.pk);
    clock += WINDOW_MS;
    expect((await byGsi('lagging')).Count).toBe(2);
    await expect(byGsi('lagging', true)).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Consistent reads are not supported on global secondary indexes',
    });
  });

  it('drops an item from the index it moved into inside the window', async () => {
    const key = freshKey();
    await put(key, 1, { gsi1pk: { S: 'old-home' }, gsi1sk: { S: 'a' } });
    clock += WINDOW_MS;
    await put(key, 2, { gsi1pk: { S: 'new-home' }, gsi1sk: { S: 'a' } });
    expect((await byGsi('new-home')).Count).toBe(0);
  });

  it('lets conditional writes and updates act on the latest item, and hands back what was asked', async () => {
    const key = freshKey();
    await put(key, 1);
    clock += WINDOW_MS;
    const written = await client.send(
      new PutItemCommand({ TableName: tableName, Item: { ...key, version: { N: '2' } } }),
    );
    expect(written.Attributes).toBeUndefined();
    expect(await versionOf(key)).toBe(1);
    await expect(
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { ...key, version: { N: '2' } },
          ConditionExpression: 'version = :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const updated = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD version :one',
        ConditionExpression: 'version = :two',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':two': { N: '2' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes?.version).toEqual({ N: '3' });
    expect(await versionOf(key, true)).toBe(3);
    const quiet = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD version :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    expect(quiet.Attributes).toBeUndefined();
    const removed = await client.send(
      new DeleteItemCommand({ TableName: tableName, Key: key, ReturnValues: 'ALL_OLD' }),
    );
    expect(removed.Attributes?.version).toEqual({ N: '4' });
    // Every write of the window was recorded with the image before it; random() = 0 picks the oldest.
    expect(await versionOf(key)).toBe(1);
  });

  it('records the writes of a transaction and serves BatchGetItem from older images too', async () => {
    const first = freshKey();
    const second = freshKey();
    await put(first, 1);
    clock += WINDOW_MS;
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...first, version: { N: '2' } } } },
          { Put: { TableName: tableName, Item: { ...second, version: { N: '1' } } } },
        ],
      }),
    );
    const batch = await client.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: [first, second] } } }),
    );
    expect(batch.Responses?.[tableName]?.map((item) => item.version?.N)).toEqual(['1']);
    const strong = await client.send(
      new BatchGetItemCommand({
        RequestItems: { [tableName]: { Keys: [first, second], ConsistentRead: true } },
      }),
    );
    expect(strong.Responses?.[tableName]).toHaveLength(2);
  });
});

describe('the staleReads fault', () => {
  it('makes a share of the reads that could be stale stale, or every one while it is on', () => {
    const settings: LocalCloudFaults = { ...NO_FAULTS };
    const injector = new FaultInjector(settings, seededRandom(7));
    const draws = (count: number) => Array.from({ length: count }, () => injector.staleRead(0.5));
    const some = draws(400).filter(Boolean).length;
    expect(some).toBeGreaterThan(150);
    expect(some).toBeLessThan(250);
    settings.staleReads = true;
    expect(draws(100).every(Boolean)).toBe(true);
  });
});
