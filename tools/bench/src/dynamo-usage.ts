import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { itemBytes } from '@party-planner/local-cloud/dynamodb';
import { DELIVERY_FUNCTIONS } from './cost.ts';
import { round } from './summary.ts';

export interface DynamoUsage {
  readonly calls: Record<string, number>;
  readonly read_units: number;
  readonly write_units: number;
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

/** One pass of a transaction over its items (an update, delete or check counted at one unit). */
function transactionPassUnits(input: Record<string, unknown>): number {
  const items = (input.TransactItems as TransactItem[] | undefined) ?? [];
  return items.reduce((sum, operation) => sum + writeUnitsOf(Object.values(operation)[0]?.Item ?? {}), 0);
}

/**
 * What a write that DynamoDB rejected is billed. A failed condition still costs the write's units; a
 * cancelled transaction pays its prepare phase (DynamoDB Local reports neither).
 */
function rejectedWriteUnits(name: string, input: Record<string, unknown>): number {
  return name === 'TransactWriteItems'
    ? transactionPassUnits(input)
    : writeUnitsOf((input.Item as Record<string, unknown> | undefined) ?? {});
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
  const charge = (kind: 'read' | 'write', amount: number, delivery: boolean) => {
    units[kind] += amount;
    if (delivery) units[kind === 'read' ? 'deliveryRead' : 'deliveryWrite'] += amount;
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[name] = (calls[name] ?? 0) + 1;
      const delivery = DELIVERY_FUNCTIONS.includes(runningFunction() ?? '');
      try {
        const result = await next(args);
        if (name === 'TransactWriteItems') charge('write', 2 * transactionPassUnits(input), delivery);
        else {
          const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
          const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
          for (const capacity of list) {
            const total = capacity.CapacityUnits ?? 0;
            if (WRITES.test(name)) charge('write', capacity.WriteCapacityUnits ?? total, delivery);
            else charge('read', capacity.ReadCapacityUnits ?? total, delivery);
          }
        }
        return result;
      } catch (error) {
        if (WRITES.test(name)) charge('write', rejectedWriteUnits(name, input), delivery);
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
  });
}
