import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '#lib/local-cloud/dynamodb-local.ts';
import { type CfnTemplate, createTable, tablesFromTemplate } from '#lib/local-cloud/tables.ts';
import { createDocumentClient } from '#shared/runtime/aws-clients.ts';
import { PARTY_INDEX } from '#shared/store/keys.ts';
import { round } from './stats.ts';

export interface DynamoLimit {
  /** Operations per second DynamoDB Local sustained on the mix, with nothing else running. */
  readonly ops_per_second: number;
  /** The same as inputs: what one input needs of each operation, divided into that rate. */
  readonly inputs_per_second: number;
  readonly ops_per_input: number;
  readonly concurrency: number;
}

/** Item payloads like the store's: deflated JSON of results, plans and messages, mostly under 1 KB. */
const payload = () => randomBytes(400);
const PARTITIONS = 64;
/** A party's state: the core, a handful of results, the budget and the plan. */
const ITEMS_PER_PARTITION = 7;

type Operation = (doc: DynamoDBDocumentClient, table: string) => Promise<unknown>;

const partition = () => `BENCH#${Math.floor(Math.random() * PARTITIONS)}`;

const hashName = () => `~${randomBytes(6).toString('base64url')}`;

/**
 * One operation of each kind the handlers send, shaped like theirs (keys, conditions, sizes, what
 * comes back), in the proportions of their callers: the broadcaster's log head update and connection
 * lookup are most of the updates and a third of the queries.
 */
const OPERATIONS: Record<string, Operation> = {
  PutItem: (doc, table) =>
    doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: partition(), sk: `MSG#${randomUUID()}`, data_z: payload() },
      }),
    ),
  GetItem: (doc, table) =>
    doc.send(
      new GetCommand({ TableName: table, Key: { pk: partition(), sk: 'STATE#0' }, ConsistentRead: true }),
    ),
  Query: (doc, table) =>
    doc.send(
      Math.random() < 0.6
        ? new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :state)',
            ExpressionAttributeValues: { ':pk': partition(), ':state': 'STATE#' },
            ConsistentRead: true,
          })
        : new QueryCommand({
            TableName: table,
            IndexName: PARTY_INDEX,
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': partition() },
          }),
    ),
  UpdateItem: (doc, table) =>
    doc.send(
      Math.random() < 0.85
        ? new UpdateCommand({
            TableName: table,
            Key: { pk: partition(), sk: 'LOG' },
            UpdateExpression:
              'SET last_seq = if_not_exists(last_seq, :zero) + :one, #event = if_not_exists(last_seq, :zero) + :one, allocated_at = :now',
            ConditionExpression: 'attribute_not_exists(#event)',
            ExpressionAttributeNames: { '#event': hashName() },
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': Date.now() },
            ReturnValues: 'ALL_NEW',
          })
        : new UpdateCommand({
            TableName: table,
            Key: { pk: partition(), sk: 'QUOTA#0' },
            UpdateExpression: 'ADD used :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
    ),
  // A state write with its statistics shard.
  TransactWriteItems: (doc, table) =>
    doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { pk: partition(), sk: `STATE#${randomUUID()}`, data_z: payload() },
            },
          },
          {
            Update: {
              TableName: table,
              Key: { pk: 'BENCH#COUNTERS', sk: `SHARD#${Math.floor(Math.random() * 16)}` },
              UpdateExpression: 'ADD total_inputs :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    ),
};

/**
 * The DynamoDB-bound limit of the throughput target: DynamoDB Local alone, driven as hard as it goes
 * with the mix of operations that one input costs (as the in-process run counted them), on the
 * stack's table shape. Its rate divided by the operations per input is the most inputs per second
 * that this DynamoDB Local could serve, whatever ran in front of it.
 */
export async function measureDynamoLimit(
  doc: DynamoDBDocumentClient,
  table: string,
  callsPerInput: Readonly<Record<string, number>>,
  options: { durationMs: number; concurrencies: readonly number[] },
): Promise<DynamoLimit> {
  const mix = Object.entries(callsPerInput).filter(([name, count]) => count > 0 && OPERATIONS[name]);
  const opsPerInput = mix.reduce((sum, [, count]) => sum + count, 0);
  for (let index = 0; index < PARTITIONS; index++) {
    for (let item = 0; item < ITEMS_PER_PARTITION; item++) {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `BENCH#${index}`, sk: `STATE#${item}`, data_z: payload() },
        }),
      );
    }
    // The party's one open socket, as the broadcaster finds it.
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: `CONN#${index}`, sk: 'CONNECTION', gsi1pk: `BENCH#${index}`, gsi1sk: `CONN#${index}` },
      }),
    );
  }
  const pick = (): Operation => {
    let ticket = Math.random() * opsPerInput;
    for (const [name, count] of mix) {
      ticket -= count;
      if (ticket <= 0) return OPERATIONS[name] as Operation;
    }
    return OPERATIONS[mix[0]?.[0] ?? 'GetItem'] as Operation;
  };
  const rate = async (concurrency: number, durationMs: number) => {
    let done = 0;
    const started = performance.now();
    const until = started + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          await pick()(doc, table);
          done += 1;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  };
  // DynamoDB Local (SQLite underneath) does not always go faster with more requests in flight: the
  // limit is the best rate over a few levels, each given an equal share of the time.
  // A fresh JVM runs cold: the first share of the time warms it up and is not counted.
  await rate(8, options.durationMs / (options.concurrencies.length + 1));
  let best = { opsPerSecond: 0, concurrency: 0 };
  for (const concurrency of options.concurrencies) {
    const opsPerSecond = await rate(concurrency, options.durationMs / options.concurrencies.length);
    if (opsPerSecond > best.opsPerSecond) best = { opsPerSecond, concurrency };
  }
  return {
    ops_per_second: round(best.opsPerSecond, 0),
    inputs_per_second: round(best.opsPerSecond / Math.max(1, opsPerInput), 1),
    ops_per_input: round(opsPerInput, 1),
    concurrency: best.concurrency,
  };
}

/** Runs the measurement on a DynamoDB Local of its own, with the stack's table (from the template). */
export async function measureDynamoLimitAlone(
  assemblyDir: string,
  stackName: string,
  callsPerInput: Readonly<Record<string, number>>,
  options: { durationMs: number; concurrencies: readonly number[] },
): Promise<DynamoLimit> {
  const template = JSON.parse(
    readFileSync(join(assemblyDir, `${stackName}.template.json`), 'utf8'),
  ) as CfnTemplate;
  const [table] = tablesFromTemplate(template);
  if (!table) throw new Error('the stack defines no table');
  const dynamo = await startDynamoDbLocal({ port: 0 });
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const tableName = `limit-${table.logicalId}`;
    await createTable(client, tableName, table);
    return await measureDynamoLimit(createDocumentClient(client), tableName, callsPerInput, options);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
