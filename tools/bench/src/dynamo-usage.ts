import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemBytes } from '@party-planner/local-cloud/dynamodb';
import { DELIVERY_FUNCTIONS } from './cost.ts';
import { round } from './summary.ts';

/** Read and write units spent on one kind of partition. */
export interface PartitionUnits {
  readonly read: number;
  readonly write: number;
}

export interface DynamoUsage {
  readonly calls: Record<string, number>;
  readonly read_units: number;
  readonly write_units: number;
  /**
   * The units by the kind of partition they fell on: the partition key's prefix (`PARTY`, `CONN`,
   * `STATS`), or `index` for queries of a global index. DynamoDB serves at most 3,000 read and 1,000
   * write units a second on one partition, so the units that land on one key bound how fast it goes.
   */
  readonly by_partition: Record<string, PartitionUnits>;
  /** The part of the units that the delivery functions (`DELIVERY_FUNCTIONS`) spent. */
  readonly delivery_read_units: number;
  readonly delivery_write_units: number;
}

interface Capacity {
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
  readonly CapacityUnits?: number;
}

/** Write operations consume write units; every other operation, read units. */
const WRITES = /Put|Update|Delete|TransactWrite|BatchWrite/;
const KB = 1024;
const MARSHALL_OPTIONS = { removeUndefinedValues: true, convertClassInstanceToMap: true };

/** Write units for writing one item, as the document client holds it: one per started kilobyte, at least one. */
const writeUnitsOf = (item: Record<string, unknown>) =>
  Math.max(1, Math.ceil(itemBytes(marshall(item, MARSHALL_OPTIONS)) / KB));

type TransactItem = Record<string, { Item?: Record<string, unknown> } | undefined>;

type KeyedInput = {
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/** The kind of partition one request (or one item of a transaction) falls on; see `by_partition`. */
function partitionKind(input: KeyedInput): string {
  if (input.IndexName) return 'index';
  const queried = /\bpk\s*=\s*(:\w+)/.exec(input.KeyConditionExpression ?? '')?.[1];
  const pk =
    input.Item?.pk ?? input.Key?.pk ?? (queried ? input.ExpressionAttributeValues?.[queried] : undefined);
  return typeof pk === 'string' ? (pk.split('#')[0] ?? pk) : 'unknown';
}

const transactItems = (input: Record<string, unknown>) =>
  ((input.TransactItems as TransactItem[] | undefined) ?? []).map(
    (operation) => (Object.values(operation)[0] ?? {}) as KeyedInput,
  );

/**
 * What a write that DynamoDB rejected is billed, by partition. A failed condition still costs the
 * write's units; a cancelled transaction pays its prepare phase, one pass over its items (DynamoDB
 * Local reports neither).
 */
function rejectedWriteUnits(name: string, input: Record<string, unknown>): [string, number][] {
  return name === 'TransactWriteItems'
    ? transactItems(input).map((item) => [partitionKind(item), writeUnitsOf(item.Item ?? {})])
    : [[partitionKind(input), writeUnitsOf((input.Item as Record<string, unknown> | undefined) ?? {})]];
}

/**
 * A committed transaction: every item twice (prepare and commit), rounded per item (an update,
 * delete or check counted at one unit).
 */
const transactionUnits = (input: Record<string, unknown>): [string, number][] =>
  transactItems(input).map((item) => [partitionKind(item), 2 * writeUnitsOf(item.Item ?? {})]);

/** The units a completed request consumed, from what DynamoDB Local reported. */
function consumedUnits(name: string, input: Record<string, unknown>, output: unknown): [string, number][] {
  if (name === 'TransactWriteItems') return transactionUnits(input);
  const consumed = (output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  const kind = partitionKind(input);
  return list.map((capacity) => {
    const total = capacity.CapacityUnits ?? 0;
    const units = WRITES.test(name) ? capacity.WriteCapacityUnits : capacity.ReadCapacityUnits;
    return [kind, units ?? total];
  });
}

/**
 * Counts the DynamoDB calls a client makes and the capacity they are billed: every request asks for
 * `ReturnConsumedCapacity: TOTAL`, which changes nothing else about it. DynamoDB Local computes
 * capacity from item sizes as the service does (1 KB per write unit, 4 KB per read, half for
 * eventually consistent reads), except for transactions: it doubles the size of the whole request,
 * while the service charges each item twice (prepare and commit), rounded per item. Those are
 * computed here from the request. `runningFunction` names the function a call comes from, so that
 * the delivery functions' units can be told apart by who spent them rather than by key.
 */
export function countDynamoUsage(
  client: DynamoDBDocumentClient,
  runningFunction: () => string | undefined = () => undefined,
): () => DynamoUsage {
  const calls: Record<string, number> = {};
  const units = { read: 0, write: 0, deliveryRead: 0, deliveryWrite: 0 };
  const byPartition = new Map<string, { read: number; write: number }>();
  const charge = (kind: 'read' | 'write', charged: [string, number][], delivery: boolean) => {
    for (const [partition, amount] of charged) {
      units[kind] += amount;
      if (delivery) units[kind === 'read' ? 'deliveryRead' : 'deliveryWrite'] += amount;
      const spent = byPartition.get(partition) ?? { read: 0, write: 0 };
      spent[kind] += amount;
      byPartition.set(partition, spent);
    }
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[name] = (calls[name] ?? 0) + 1;
      const delivery = DELIVERY_FUNCTIONS.includes(runningFunction() ?? '');
      const kind = WRITES.test(name) ? 'write' : 'read';
      try {
        const result = await next(args);
        charge(kind, consumedUnits(name, input, result.output), delivery);
        return result;
      } catch (error) {
        if (kind === 'write') charge('write', rejectedWriteUnits(name, input), delivery);
        throw error;
      }
    },
    { step: 'serialize', priority: 'high', name: 'benchCapacityCounter' },
  );
  return () => ({
    calls: { ...calls },
    read_units: round(units.read),
    write_units: round(units.write),
    delivery_read_units: round(units.deliveryRead),
    delivery_write_units: round(units.deliveryWrite),
    by_partition: Object.fromEntries(
      [...byPartition].map(([partition, spent]) => [
        partition,
        { read: round(spent.read), write: round(spent.write) },
      ]),
    ),
  });
}
