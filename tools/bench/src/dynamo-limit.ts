import { randomBytes, randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { PARTY_INDEX } from '#shared/adapters/dynamodb/keys.ts';
import { startStackTable } from './stack-table.ts';
import { round } from './summary.ts';

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

/** Fills the partitions the mix reads: each party's state items and its one open socket. */
async function seed(doc: DynamoDBDocumentClient, table: string): Promise<void> {
  for (let index = 0; index < PARTITIONS; index++) {
    for (let item = 0; item < ITEMS_PER_PARTITION; item++) {
      await doc.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `BENCH#${index}`, sk: `STATE#${item}`, data_z: payload() },
        }),
      );
    }
    // The broadcaster finds the socket by the party index.
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: { pk: `CONN#${index}`, sk: 'CONNECTION', gsi1pk: `BENCH#${index}`, gsi1sk: `CONN#${index}` },
      }),
    );
  }
}

/** Draws operations at random in the proportions one input needs them. */
function picker(mix: readonly [string, number][], opsPerInput: number): () => Operation {
  return () => {
    let ticket = Math.random() * opsPerInput;
    for (const [name, count] of mix) {
      ticket -= count;
      if (ticket <= 0) return OPERATIONS[name] as Operation;
    }
    return OPERATIONS[mix[0]?.[0] ?? 'GetItem'] as Operation;
  };
}

/** Operations per second with `concurrency` requests kept in flight for `durationMs`. */
async function rate(
  doc: DynamoDBDocumentClient,
  table: string,
  pick: () => Operation,
  concurrency: number,
  durationMs: number,
): Promise<number> {
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
}

interface DynamoLimitOptions {
  /** The whole measurement's time, warm-up included. */
  readonly durationMs: number;
  /** Requests in flight to try; the best rate among them is the limit. */
  readonly concurrencies: readonly number[];
}

/**
 * The DynamoDB-bound limit of the throughput target: a DynamoDB Local of its own with the stack's
 * table, nothing else running, driven as hard as it goes with the mix of operations that one input
 * costs (as the in-process run counted them). Its rate divided by the operations per input is the
 * most inputs per second that this DynamoDB Local could serve, whatever ran in front of it.
 */
export async function measureDynamoLimitAlone(
  assemblyDir: string,
  stackName: string,
  callsPerInput: Readonly<Record<string, number>>,
  options: DynamoLimitOptions,
): Promise<DynamoLimit> {
  const mix = Object.entries(callsPerInput).filter(([name, count]) => count > 0 && OPERATIONS[name]);
  const opsPerInput = mix.reduce((sum, [, count]) => sum + count, 0);
  const stack = await startStackTable(assemblyDir, stackName, 'limit');
  try {
    const doc = createDocumentClient(stack.client);
    await seed(doc, stack.tableName);
    const pick = picker(mix, opsPerInput);
    // DynamoDB Local (SQLite underneath) does not always go faster with more requests in flight: the
    // limit is the best rate over a few levels. A fresh JVM runs cold, so a warm-up share comes first
    // and is not counted; it and every level get an equal share of the time.
    const share = options.durationMs / (options.concurrencies.length + 1);
    await rate(doc, stack.tableName, pick, 8, share);
    let best = { opsPerSecond: 0, concurrency: 0 };
    for (const concurrency of options.concurrencies) {
      const opsPerSecond = await rate(doc, stack.tableName, pick, concurrency, share);
      if (opsPerSecond > best.opsPerSecond) best = { opsPerSecond, concurrency };
    }
    return {
      ops_per_second: round(best.opsPerSecond, 0),
      inputs_per_second: round(best.opsPerSecond / Math.max(1, opsPerInput), 1),
      ops_per_input: round(opsPerInput, 1),
      concurrency: best.concurrency,
    };
  } finally {
    await stack.stop();
  }
}
