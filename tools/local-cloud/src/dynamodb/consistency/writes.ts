import type { IncomingMessage } from 'node:http';
import { parseJsonObject } from '../../aws-json-server.ts';
import type { VersionHistory } from './history.ts';
import type { KeyLocks } from './key-locks.ts';
import { itemKey, keyOf, type TableShapes } from './schema.ts';
import { type Answer, type Item, type Upstream, withBody } from './wire.ts';

type Input = Record<string, unknown>;

/** One item a write request changes: its table and key. */
interface Written {
  readonly table: string;
  readonly item: Item;
  /** True when `item` is the whole item (a put) rather than its key. */
  readonly whole: boolean;
}

const SINGLE_ITEM: ReadonlySet<string> = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const OLD_OR_NOTHING: ReadonlySet<string> = new Set(['NONE', 'ALL_OLD']);

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
 * before: handed back by the write itself where it can be, else read strongly consistently before
 * it, under a per-key lock so that no other write through the proxy slips in between. What the
 * caller gets back is unchanged either way. Conditions and updates act on
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
    if (SINGLE_ITEM.has(operation) && OLD_OR_NOTHING.has(String(input.ReturnValues ?? 'NONE')))
      return this.forwardAskingOld(incoming, body, operation, input);
    const authorization = incoming.headers.authorization;
    const prepared = await this.prepare(writtenBy(operation, input), authorization).catch(() => null);
    // A request this cannot make sense of (no such table, a bad key) changes nothing: DynamoDB Local
    // answers it with its own error.
    if (!prepared) return this.upstream.forward(incoming, body);
    try {
      const answer = await this.upstream.forward(incoming, body);
      if (answer.status !== 200) return answer;
      const unprocessed = await this.unprocessed(operation, answer, authorization);
      prepared.written.forEach((write, index) => {
        if (!unprocessed.has(write.name)) this.history.record(write.name, prepared.before[index] ?? null);
      });
      return answer;
    } finally {
      prepared.release();
    }
  }

  /**
   * A single-item write whose caller wants back the old item or nothing: DynamoDB hands the old item
   * back with the write itself (`ReturnValues: ALL_OLD`), so no read is needed before it. The proxy
   * drops it from the answer again when the caller did not ask for it.
   */
  private async forwardAskingOld(incoming: IncomingMessage, body: Buffer, operation: string, input: Input) {
    const authorization = incoming.headers.authorization;
    const [written] = await this.named(writtenBy(operation, input), authorization).catch(() => []);
    if (!written) return this.upstream.forward(incoming, body);
    const release = await this.locks.acquire([written.name]);
    try {
      const asking = Buffer.from(JSON.stringify({ ...input, ReturnValues: 'ALL_OLD' }));
      const answer = await this.upstream.forward(incoming, asking);
      const json = answer.status === 200 ? parseJsonObject(answer.body) : null;
      if (!json) return answer;
      const { Attributes, ...rest } = json;
      this.history.record(written.name, (Attributes as Item | undefined) ?? null);
      return input.ReturnValues === 'ALL_OLD' ? answer : withBody(answer, rest);
    } finally {
      release();
    }
  }

  /** The items a batch handed back unwritten, for the caller to send again; no other write has any. */
  private async unprocessed(operation: string, answer: Answer, authorization: string | undefined) {
    if (operation !== 'BatchWriteItem') return new Set<string>();
    const left = (parseJsonObject(answer.body)?.UnprocessedItems ?? {}) as Record<string, Input[]>;
    return new Set((await this.named(batchWrites(left), authorization)).map(({ name }) => name));
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
