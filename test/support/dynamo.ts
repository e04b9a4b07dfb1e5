import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTable, type TableDefinition } from '@party-planner/local-cloud/template';
import { inject } from 'vitest';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function testDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
}

export function testDocumentClient() {
  return createDocumentClient(testDynamoClient());
}

/** Creates a fresh table shaped exactly like the stack's party table (read from the synthesized template). */
export async function createPartyTable(client: DynamoDBClient = testDynamoClient()): Promise<string> {
  const definition: TableDefinition = inject('partyTable');
  const tableName = `party-test-${randomUUID()}`;
  await createTable(client, tableName, definition);
  return tableName;
}
