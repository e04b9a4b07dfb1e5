import type { Item, Upstream } from './wire.ts';

/** The key attributes of a table or index, and for an index what of an item it holds. */
export interface KeyShape {
  readonly hash: string;
  readonly range: string | null;
  /** Null holds every attribute (`ALL`, and the table itself). */
  readonly projected: ReadonlySet<string> | null;
}

export interface TableShape extends KeyShape {
  readonly indexes: ReadonlyMap<string, KeyShape>;
}

interface DescribedKeys {
  KeySchema?: { AttributeName: string; KeyType: string }[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

interface Described extends DescribedKeys {
  GlobalSecondaryIndexes?: (DescribedKeys & { IndexName: string })[];
  LocalSecondaryIndexes?: (DescribedKeys & { IndexName: string })[];
}

function shapeOf(described: DescribedKeys, table: KeyShape | null): KeyShape {
  const keys = described.KeySchema ?? [];
  const hash = keys.find((key) => key.KeyType === 'HASH')?.AttributeName ?? '';
  const range = keys.find((key) => key.KeyType === 'RANGE')?.AttributeName ?? null;
  const type = described.Projection?.ProjectionType ?? 'ALL';
  if (!table || type === 'ALL') return { hash, range, projected: null };
  // An index always holds its own and the table's key attributes.
  const names = [hash, range, table.hash, table.range, ...(described.Projection?.NonKeyAttributes ?? [])];
  const projected = new Set(names.filter((name): name is string => name !== null));
  return { hash, range, projected };
}

/** Key shapes by table, read once from DynamoDB Local: what the proxy needs to name an item. */
export class TableShapes {
  private readonly shapes = new Map<string, Promise<TableShape>>();

  constructor(private readonly upstream: Upstream) {}

  of(tableName: string, authorization: string | undefined): Promise<TableShape> {
    let shape = this.shapes.get(tableName);
    if (!shape) {
      shape = this.describe(tableName, authorization);
      // A failed describe (no such table yet) is asked again next time rather than remembered.
      shape.catch(() => this.shapes.delete(tableName));
      this.shapes.set(tableName, shape);
    }
    return shape;
  }

  private async describe(tableName: string, authorization: string | undefined): Promise<TableShape> {
    const answer = (await this.upstream.call('DescribeTable', { TableName: tableName }, authorization)) as {
      Table?: Described;
    };
    const table = answer.Table ?? {};
    const own = shapeOf(table, null);
    const indexes = new Map<string, KeyShape>();
    for (const index of [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])])
      indexes.set(index.IndexName, shapeOf(index, own));
    return { ...own, indexes };
  }
}

/** The item's primary key, named the same way whatever its other attributes or their order. */
export function itemKey(tableName: string, shape: KeyShape, item: Item): string {
  return JSON.stringify([
    tableName,
    item[shape.hash] ?? null,
    shape.range ? (item[shape.range] ?? null) : null,
  ]);
}

/** Just the key attributes of an item. */
export function keyOf(shape: KeyShape, item: Item): Item {
  const key: Item = {};
  for (const name of [shape.hash, shape.range]) {
    const value = name === null ? undefined : item[name];
    if (name !== null && value !== undefined) key[name] = value;
  }
  return key;
}
