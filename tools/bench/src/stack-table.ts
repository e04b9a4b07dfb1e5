import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '@party-planner/local-cloud/dynamodb';
import { type CfnTemplate, createTable, tablesFromTemplate } from '@party-planner/local-cloud/template';

export interface StackTable {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Destroys the client and stops DynamoDB Local. */
  stop(): Promise<void>;
}

/**
 * A DynamoDB Local of its own holding the stack's table, as the synthesized template defines it. The
 * bench's figures assume the single-table layout, so a stack with any other number of tables is refused.
 */
export async function startStackTable(
  assemblyDir: string,
  stackName: string,
  prefix: string,
): Promise<StackTable> {
  const template = JSON.parse(
    readFileSync(join(assemblyDir, `${stackName}.template.json`), 'utf8'),
  ) as CfnTemplate;
  const [table, ...others] = tablesFromTemplate(template);
  if (!table || others.length > 0) throw new Error('the bench expects the stack to have exactly one table');
  const dynamo = await startDynamoDbLocal({ port: 0 });
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const stop = async () => {
    client.destroy();
    await dynamo.stop();
  };
  const tableName = `${prefix}-${table.logicalId}`;
  try {
    await createTable(client, tableName, table);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: dynamo.endpoint, client, tableName, stop };
}
