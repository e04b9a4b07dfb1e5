import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  type DynamoConsistencyProxyOptions,
  startDynamoConsistencyProxy,
} from './dynamodb/consistency-proxy.ts';
import { startDynamoDbLocal } from './dynamodb/local.ts';
import { type DynamoThrottleProxyOptions, startDynamoThrottleProxy } from './dynamodb/throttle-proxy.ts';
import { REGION } from './eventbridge/endpoint.ts';
import { LOCAL_CREDENTIALS } from './hosted-functions.ts';
import { type CfnTemplate, createTable, tablesFromTemplate } from './template/tables.ts';

export interface LocalDynamoOptions {
  readonly port: number;
  /** Keep the data in this folder; in memory when absent. */
  readonly dbPath?: string | undefined;
  /** Each table is named `<tablePrefix>-<its logical id>`. */
  readonly tablePrefix: string;
  /** A throttling proxy in front of DynamoDB Local, or null for none. */
  readonly throttling: Omit<DynamoThrottleProxyOptions, 'upstream'> | null;
  /** The proxy that makes reads eventually consistent, or null for DynamoDB Local's strong ones. */
  readonly consistency: Omit<DynamoConsistencyProxyOptions, 'upstream'> | null;
}

async function createTables(
  endpoint: string,
  template: CfnTemplate,
  prefix: string,
): Promise<Record<string, string>> {
  const client = new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: {
      accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  const names: Record<string, string> = {};
  for (const table of tablesFromTemplate(template)) {
    const name = `${prefix}-${table.logicalId}`;
    names[table.logicalId] = name;
    if (existing.has(name)) continue;
    await createTable(client, name, table);
  }
  client.destroy();
  return names;
}

/**
 * DynamoDB Local with the template's tables, and the proxies asked for in front of it: the
 * consistency proxy next to it, so that it sees every write that reaches the table, and the
 * throttling proxy before that. `endpoint` is where the functions' requests go in.
 */
export async function startDynamo(template: CfnTemplate, options: LocalDynamoOptions) {
  const dynamo = await startDynamoDbLocal({
    port: options.port,
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
  });
  const tableNames = await createTables(dynamo.endpoint, template, options.tablePrefix);
  const consistency = options.consistency
    ? await startDynamoConsistencyProxy({ upstream: dynamo.endpoint, ...options.consistency })
    : null;
  const behindThrottling = consistency?.endpoint ?? dynamo.endpoint;
  const throttling = options.throttling
    ? await startDynamoThrottleProxy({ upstream: behindThrottling, ...options.throttling })
    : null;
  return {
    dynamo,
    tableNames,
    endpoint: throttling?.endpoint ?? behindThrottling,
    /** The proxies, then DynamoDB Local. */
    stop: async () => {
      await throttling?.stop();
      await consistency?.stop();
      await dynamo.stop();
    },
  };
}
