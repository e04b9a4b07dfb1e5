import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '@party-planner/local-cloud';
import type { CfnTemplate } from '@party-planner/local-cloud/template';
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
  /** Every call the functions' roles did not allow so far, as the cloud logged it. */
  accessDenials(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Rewrites the synthesized template in place, before the cloud reads it. */
function editTemplate(assemblyDir: string, edit: (template: CfnTemplate) => CfnTemplate): void {
  const path = join(assemblyDir, `${PARTY_CLOUD.stackName}.template.json`);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate)));
}

/**
 * The local cloud on free ports, from a stack synthesized into a temp dir (as the e2e tests do);
 * `edit` changes the template first (a test that takes a grant away).
 */
export async function startTestCloud(
  extra: Partial<Omit<LocalCloudOptions, 'assemblyDir' | 'stackName'>> = {},
  edit?: (template: CfnTemplate) => CfnTemplate,
): Promise<TestCloud> {
  const assemblyDir = mkdtempSync(join(tmpdir(), 'party-planner-cdk-'));
  await synthesizeApp(assemblyDir);
  if (edit) editTemplate(assemblyDir, edit);
  const denials: Record<string, unknown>[] = [];
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
    log: (line) => {
      if (line.msg === 'access denied') denials.push(line);
      extra.log?.(line);
    },
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
    accessDenials: () => [...denials],
    stop: async () => {
      dynamo.destroy();
      await cloud.stop();
      rmSync(assemblyDir, { recursive: true, force: true });
    },
  };
}
