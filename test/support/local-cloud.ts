import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '@party-planner/local-cloud';
import { PARTY_CLOUD, synthesizeApp } from '#bin/party-cloud.ts';
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { LOCAL_CREDENTIALS } from './dynamo.ts';

export interface TestCloud {
  readonly cloud: LocalCloud;
  /** A document client of the cloud's DynamoDB, for reading and seeding state directly. */
  readonly doc: DynamoDBDocumentClient;
  /** The physical name of the stack's table. */
  readonly tableName: string;
  /** The ids of the party's open WebSocket connections, as the broadcaster finds them. */
  connectionsOf(partyId: string): Promise<string[]>;
  /** Drops a connection from the server side, as API Gateway does on `DELETE @connections/{id}`. */
  dropConnection(connectionId: string): Promise<number>;
  stop(): Promise<void>;
}

/** The local cloud on free ports, from a stack synthesized into a temp dir (as the e2e tests do). */
export async function startTestCloud(
  extra: Partial<Omit<LocalCloudOptions, 'assemblyDir' | 'stackName'>> = {},
): Promise<TestCloud> {
  const assemblyDir = mkdtempSync(join(tmpdir(), 'party-planner-cdk-'));
  await synthesizeApp(assemblyDir);
  const cloud = await startLocalCloud({
    ...PARTY_CLOUD,
    assemblyDir,
    ports: { http: 0, websocket: 0, eventbridge: 0, dynamodb: 0 },
    delayScale: 0.0001,
    functionLogLevel: 'CRITICAL',
    // Whatever the machine: concurrent containers of one function must race in every test run.
    functionConcurrency: 3,
    // E2E_STALE_READS=1 runs any end-to-end test with every read that may be stale stale, to find
    // what relies on reading its own writes without asking for ConsistentRead.
    ...(process.env.E2E_STALE_READS === '1' ? { faults: { staleReads: true } } : {}),
    ...extra,
  });
  const dynamo = new DynamoDBClient({
    endpoint: cloud.endpoints.dynamodb,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const [tableName] = Object.values(cloud.tableNames);
  if (!tableName) throw new Error('the stack defines no table');
  const doc = createDocumentClient(dynamo);
  const connections = new ConnectionStore(doc, tableName);
  return {
    cloud,
    doc,
    tableName,
    connectionsOf: async (partyId) =>
      (await connections.ofParty(partyId)).map((record) => record.connection_id),
    dropConnection: async (connectionId) =>
      (
        await fetch(`${cloud.endpoints.management}/@connections/${encodeURIComponent(connectionId)}`, {
          method: 'DELETE',
        })
      ).status,
    stop: async () => {
      dynamo.destroy();
      await cloud.stop();
      rmSync(assemblyDir, { recursive: true, force: true });
    },
  };
}
