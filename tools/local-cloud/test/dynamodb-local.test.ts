import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../src/dynamodb/local.ts';
import { createTable } from '../src/template/tables.ts';
import { LOCAL_CREDENTIALS, TEST_TABLE } from './support/dynamo.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'party-planner-db-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const client = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });

it('keeps tables in a folder across restarts when asked (npm start -- --db-path), creating it first', async () => {
  const data = join(folder, 'not-there-yet');
  const first = await startDynamoDbLocal({ dbPath: data });
  await createTable(client(first.endpoint), 'kept', TEST_TABLE);
  await first.stop();

  const second = await startDynamoDbLocal({ dbPath: data });
  const { TableNames } = await client(second.endpoint).send(new ListTablesCommand({}));
  await second.stop();
  expect(TableNames).toContain('kept');
});

it('goes down with a script that dies without stopping it', async () => {
  const script = [
    `import { startDynamoDbLocal } from '${new URL('../src/dynamodb/local.ts', import.meta.url).href}';`,
    'const db = await startDynamoDbLocal();',
    'console.log(db.endpoint);',
    "throw new Error('the script dies');",
  ].join('\n');
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    script,
  ]).catch((error: { stdout: string }) => error);
  const endpoint = stdout.trim().split('\n').at(-1) ?? '';
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(fetch(endpoint, { method: 'POST' })).rejects.toThrow();
});
