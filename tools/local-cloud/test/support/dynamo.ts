import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTable, type TableDefinition, tablesFromTemplate } from '../../src/template/tables.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A table as a synthesized template defines one: string keys, a global index, a TTL attribute. */
const [TABLE] = tablesFromTemplate({
  Resources: {
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      },
    },
  },
});
if (!TABLE) throw new Error('the fixture template defines no table');
export const TEST_TABLE: TableDefinition = TABLE;

/** A client of the DynamoDB Local that the package's global setup started. */
export function testDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
}

/** Creates a fresh, uniquely named table of the fixture's shape. */
export async function createTestTable(client: DynamoDBClient = testDynamoClient()): Promise<string> {
  const tableName = `local-cloud-test-${randomUUID()}`;
  await createTable(client, tableName, TEST_TABLE);
  return tableName;
}
