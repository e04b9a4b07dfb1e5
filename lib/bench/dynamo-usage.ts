import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { round } from './stats.ts';

export interface DynamoUsage {
  readonly calls: Record<string, number>;
  readonly read_units: number;
  readonly write_units: number;
}

interface Capacity {
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
  readonly CapacityUnits?: number;
}

/** Write operations consume write units; every other operation, read units. */
const WRITES = /Put|Update|Delete|TransactWrite|BatchWrite/;

/**
 * Counts the DynamoDB calls a client makes and the capacity DynamoDB says they consumed: every
 * request asks for `ReturnConsumedCapacity: TOTAL`, which changes nothing else about it. DynamoDB
 * Local computes capacity from item sizes as the service does (1 KB per write unit, 4 KB per read,
 * half for eventually consistent reads, double inside transactions).
 */
export function countDynamoUsage(client: DynamoDBDocumentClient): () => DynamoUsage {
  const calls: Record<string, number> = {};
  let readUnits = 0;
  let writeUnits = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[name] = (calls[name] ?? 0) + 1;
      try {
        const result = await next(args);
        account(name, (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity);
        return result;
      } catch (error) {
        // A failed conditional write still consumes its write units; DynamoDB says how many on the error.
        account(name, (error as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity, true);
        throw error;
      }
    },
    { step: 'serialize', priority: 'high', name: 'benchCapacityCounter' },
  );
  function account(name: string, consumed: Capacity | Capacity[] | undefined, failedWrite = false) {
    const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
    if (list.length === 0 && failedWrite && WRITES.test(name)) writeUnits += 1;
    for (const capacity of list) {
      const units = capacity.CapacityUnits ?? 0;
      if (WRITES.test(name)) writeUnits += capacity.WriteCapacityUnits ?? units;
      else readUnits += capacity.ReadCapacityUnits ?? units;
    }
  }
  return () => ({ calls: { ...calls }, read_units: round(readUnits), write_units: round(writeUnits) });
}
