import type { VersionHistory } from './history.ts';
import { project, requestedAttributes } from './projection.ts';
import { itemKey, type KeyShape, type TableShapes } from './schema.ts';
import type { Item } from './wire.ts';

type Input = Record<string, unknown>;
type Output = Record<string, unknown>;

export interface StaleChoice {
  /** Whether this read, which could see an older image, does. */
  readonly stale: () => boolean;
  /** Picks which of the older images it sees. */
  readonly random: () => number;
}

/**
 * Turns DynamoDB Local's always-fresh answer to an eventually consistent read into one a lagging
 * replica could give: an item written within the window may show as it was before that write, or
 * be missing if the write created it. Each answer is the fresh one, rewritten; null keeps it.
 */
export class StaleReads {
  constructor(
    private readonly history: VersionHistory,
    private readonly shapes: TableShapes,
    private readonly choice: StaleChoice,
  ) {}

  async getItem(input: Input, fresh: Output, authorization: string | undefined): Promise<Output | null> {
    if (input.ConsistentRead === true) return null;
    const attributes = requestedAttributes(input);
    if (attributes === 'nested') return null;
    const table = String(input.TableName);
    const shape = await this.shapes.of(table, authorization);
    const older = this.olderImage(itemKey(table, shape, (input.Key ?? {}) as Item));
    if (older === undefined) return null;
    const { Item: _fresh, ...rest } = fresh;
    return older ? { ...rest, Item: project(older, attributes) } : rest;
  }

  /** Query and Scan; on an index always, as global secondary indexes are never strongly consistent. */
  async items(input: Input, fresh: Output, authorization: string | undefined): Promise<Output | null> {
    if (input.ConsistentRead === true || !Array.isArray(fresh.Items)) return null;
    const attributes = requestedAttributes(input);
    const table = String(input.TableName);
    const shape = await this.shapes.of(table, authorization);
    const index = typeof input.IndexName === 'string' ? shape.indexes.get(input.IndexName) : undefined;
    // An older image stands in for the fresh item only where this emulation can tell what the read
    // would make of it: no filter to evaluate, no nested path to cut out.
    const replaceable = attributes !== 'nested' && input.FilterExpression === undefined;
    const items: Item[] = [];
    let changed = false;
    for (const item of fresh.Items as Item[]) {
      const older = this.olderImage(itemKey(table, shape, item));
      if (older === undefined || (older && !replaceable && sameKeys(index ?? shape, older, item))) {
        items.push(item);
        continue;
      }
      changed = true;
      // Created within the window, or then under other keys of the index: not in this answer yet.
      if (!older || !sameKeys(index ?? shape, older, item)) continue;
      items.push(
        project(project(older, index?.projected ?? null), attributes === 'nested' ? null : attributes),
      );
    }
    return changed ? { ...fresh, Items: items, Count: items.length } : null;
  }

  async batchGetItem(input: Input, fresh: Output, authorization: string | undefined): Promise<Output | null> {
    const requests = (input.RequestItems ?? {}) as Record<string, Input>;
    const responses = { ...((fresh.Responses ?? {}) as Record<string, Item[]>) };
    let changed = false;
    for (const [table, request] of Object.entries(requests)) {
      const attributes = requestedAttributes(request);
      if (request.ConsistentRead === true || attributes === 'nested') continue;
      const shape = await this.shapes.of(table, authorization);
      for (const key of (request.Keys ?? []) as Item[]) {
        const name = itemKey(table, shape, key);
        const older = this.olderImage(name);
        if (older === undefined) continue;
        changed = true;
        const others = (responses[table] ?? []).filter((item) => itemKey(table, shape, item) !== name);
        responses[table] = older ? [...others, project(older, attributes)] : others;
      }
    }
    return changed ? { ...fresh, Responses: responses } : null;
  }

  /** Undefined reads the current item; otherwise the older image read instead (null: not there yet). */
  private olderImage(key: string): Item | null | undefined {
    const images = this.history.olderImages(key);
    if (images.length === 0 || !this.choice.stale()) return undefined;
    return images[Math.floor(this.choice.random() * images.length)] ?? null;
  }
}

/** Whether the older image sat under the same keys of the table or index read as the fresh item. */
function sameKeys(shape: KeyShape, older: Item, fresh: Item): boolean {
  return [shape.hash, shape.range].every(
    (name) => name === null || JSON.stringify(older[name]) === JSON.stringify(fresh[name]),
  );
}
