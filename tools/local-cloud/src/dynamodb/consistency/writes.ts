import type { IncomingMessage } from 'node:http';
import type { VersionHistory } from './history.ts';
import type { KeyLocks } from './key-locks.ts';
import { itemKey, keyOf, type TableShapes } from './schema.ts';
import { type Answer, type Item, parseJson, type Upstream } from './wire.ts';

type Input = Record<string, unknown>;

/** One item a write request changes: its table and key. */
interface Written {
  readonly table: string;
  readonly item: Item;
  /** True when `item` is the whole item (a put) rather than its key. */
  readonly whole: boolean;
}

export const WRITE_OPERATIONS: ReadonlySet<string> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
  'BatchWriteItem',
]);

function one(table: unknown, item: unknown, whole: boolean): Written {
  return { table: String(table), item: (item ?? {}) as Item, whole };
}

/** The items a write request changes; a transaction's condition checks change none. */
function writtenBy(operation: string, input: Input): Written[] {
  if (operation === 'PutItem') return [one(input.TableName, input.Item, true)];
  if (operation === 'UpdateItem' || operation === 'DeleteItem')
    return [one(input.TableName, input.Key, false)];
  if (operation === 'TransactWriteItems') {
    return ((input.TransactItems ?? []) as Record<string, Input | undefined>[]).flatMap((entry) => {
      if (entry.Put) return [one(entry.Put.TableName, entry.Put.Item, true)];
      const keyed = entry.Update ?? entry.Delete;
      return keyed ? [one(keyed.TableName, keyed.Key, false)] : [];
    });
  }
  return batchWrites((input.RequestItems ?? {}) as Record<string, Input[]>);
}

function batchWrites(requests: Record<string, Input[]>): Written[] {
  return Object.entries(requests).flatMap(([table, entries]) =>
    entries.map((entry) => {
      const put = entry.PutRequest as Input | undefined;
      const remove = entry.DeleteRequest as Input | undefined;
      return put ? one(table, put.Item, true) : one(table, remove?.Key, false);
    }),
  );
}

/**
 * Forwards a write and, once DynamoDB acknowledged it, records the image each item it changed had
 * before. That image is read strongly consistently under a per-key lock instead of asked for with
 * `ReturnValues`, which would change what the caller gets back. Conditions and updates act on
 * DynamoDB Local's one copy, which is always the latest, as they do on AWS.
 */
export class RecordedWrites {
  constructor(
    private readonly upstream: Upstream,
    private readonly shapes: TableShapes,
    private readonly history: VersionHistory,
    private readonly locks: KeyLocks,
  ) {}

  async forward(incoming: IncomingMessage, body: Buffer, operation: string, input: Input): Promise<Answer> {
    const authorization = incoming.headers.authorization;
    const prepared = await this.prepare(writtenBy(operation, input), authorization).catch(() => null);
    // A request this cannot make sense of (no such table, a bad key) changes nothing: DynamoDB Local
    // answers it with its own error.
    if (!prepared) return this.upstream.forward(incoming, body);
    try {
      const answer = await this.upstream.forward(incoming, body);
      if (answer.status !== 200) return answer;
      // A batch may hand back items it left unwritten, for the caller to send again.
      const left = (parseJson(answer.body)?.UnprocessedItems ?? {}) as Record<string, Input[]>;
      const unprocessed = new Set(
        (await this.named(batchWrites(left), authorization)).map(({ name }) => name),
      );
      prepared.written.forEach((write, index) => {
        if (!unprocessed.has(write.name)) this.history.record(write.name, prepared.before[index] ?? null);
      });
      return answer;
    } finally {
      prepared.release();
    }
  }

  /** Locks the written items' keys and reads their images before the write. */
  private async prepare(writes: readonly Written[], authorization: string | undefined) {
    const written = await this.named(writes, authorization);
    const release = await this.locks.acquire(written.map((write) => write.name));
    try {
      const before = await Promise.all(
        written.map(async ({ table, key }) => {
          const input = { TableName: table, Key: key, ConsistentRead: true };
          const read = (await this.upstream.call('GetItem', input, authorization)) as { Item?: Item };
          return read.Item ?? null;
        }),
      );
      return { written, before, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  private named(writes: readonly Written[], authorization: string | undefined) {
    return Promise.all(
      writes.map(async (write) => {
        const shape = await this.shapes.of(write.table, authorization);
        const key = write.whole ? keyOf(shape, write.item) : write.item;
        return { table: write.table, key, name: itemKey(write.table, shape, key) };
      }),
    );
  }
}
