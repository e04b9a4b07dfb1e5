import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '@party-planner/local-cloud/dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { countDynamoUsage } from '../src/dynamo-usage.ts';

// The cost in `npm run bench` rests on these units: they must be what DynamoDB bills, not what
// DynamoDB Local happens to report.
const tableName = 'capacity';
let dynamo: DynamoDbLocal;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: 0 });
  await testClient().send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await dynamo?.stop();
});

function testClient(): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  clients.push(client);
  return client;
}

/** A fresh client per test, built as the handlers build theirs: the counter is middleware on it. */
const testDocumentClient = () => createDocumentClient(testClient());

const item = (sk: string, bytes = 10) => ({ pk: 'CAPACITY', sk, body: 'x'.repeat(bytes) });

it('bills a plain write one unit per started kilobyte, and a strongly consistent read one per 4 KB', async () => {
  const doc = testDocumentClient();
  const usage = countDynamoUsage(doc);
  await doc.send(new PutCommand({ TableName: tableName, Item: item('small') }));
  await doc.send(new PutCommand({ TableName: tableName, Item: item('big', 1500) }));
  await doc.send(
    new GetCommand({ TableName: tableName, Key: { pk: 'CAPACITY', sk: 'big' }, ConsistentRead: true }),
  );
  expect(usage()).toMatchObject({ write_units: 3, read_units: 1 });
});

it('bills every item of a transaction twice, rounded per item', async () => {
  const doc = testDocumentClient();
  const usage = countDynamoUsage(doc);
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: item('tx-1') } },
        { Put: { TableName: tableName, Item: item('tx-2', 1500) } },
      ],
    }),
  );
  expect(usage().write_units).toBe(2 * (1 + 2));
});

it('bills a failed condition and the prepare phase of a cancelled transaction', async () => {
  const doc = testDocumentClient();
  await doc.send(new PutCommand({ TableName: tableName, Item: item('taken') }));
  const usage = countDynamoUsage(doc);
  const onlyIfAbsent = { ConditionExpression: 'attribute_not_exists(pk)' };
  await expect(
    doc.send(new PutCommand({ TableName: tableName, Item: item('taken'), ...onlyIfAbsent })),
  ).rejects.toThrow();
  await expect(
    doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: item('taken'), ...onlyIfAbsent } },
          { Put: { TableName: tableName, Item: item('free') } },
        ],
      }),
    ),
  ).rejects.toThrow();
  expect(usage().write_units).toBe(1 + 2);
});

it("counts the delivery functions' units apart, by the function that makes the call", async () => {
  const doc = testDocumentClient();
  let running = 'broadcaster';
  const usage = countDynamoUsage(doc, () => running);
  await doc.send(new PutCommand({ TableName: tableName, Item: item('delivered') }));
  running = 'planner';
  await doc.send(new PutCommand({ TableName: tableName, Item: item('planned') }));
  expect(usage()).toMatchObject({ write_units: 2, delivery_write_units: 1 });
});

it('tells the units apart by the partition key they fall on, a transaction item by item', async () => {
  const doc = testDocumentClient();
  const usage = countDynamoUsage(doc);
  await doc.send(new PutCommand({ TableName: tableName, Item: { pk: 'PARTY#p1', sk: 'STATE' } }));
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { pk: 'PARTY#p1', sk: 'RESULT' } } },
        { Put: { TableName: tableName, Item: { pk: 'STATS', sk: 'SHARD#01' } } },
      ],
    }),
  );
  await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :party',
      ExpressionAttributeValues: { ':party': 'PARTY#p1' },
      ConsistentRead: true,
    }),
  );
  expect(usage().by_partition).toEqual({ PARTY: { read: 1, write: 3 }, STATS: { read: 0, write: 2 } });
});
