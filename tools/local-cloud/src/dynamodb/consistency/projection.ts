import type { Item } from './wire.ts';

/**
 * The attributes a read asks for: null for all of them, 'nested' when it names a path inside one
 * (`a.b`, `a[0]`), which this emulation does not cut out of an older image (it answers fresh then).
 */
export function requestedAttributes(input: Record<string, unknown>): ReadonlySet<string> | null | 'nested' {
  if (Array.isArray(input.AttributesToGet)) return new Set(input.AttributesToGet.map(String));
  if (typeof input.ProjectionExpression !== 'string') return null;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const paths = input.ProjectionExpression.split(',').map((path) => path.trim());
  if (paths.some((path) => /[.[]/.test(path))) return 'nested';
  return new Set(paths.map((path) => (path.startsWith('#') ? (names[path] ?? path) : path)));
}

export function project(item: Item, attributes: ReadonlySet<string> | null): Item {
  if (!attributes) return item;
  return Object.fromEntries(Object.entries(item).filter(([name]) => attributes.has(name)));
}
