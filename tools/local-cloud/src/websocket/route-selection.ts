/** Route keys that only the gateway itself selects; a message naming one falls back to `$default`. */
const RESERVED = new Set(['$connect', '$disconnect']);

const REFERENCE = /\$\{request\.body\.([^}]+)\}|\$request\.body\.([A-Za-z0-9_$.-]+)/g;

function lookup(root: unknown, path: string): string | undefined {
  let value = root;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Evaluates a route selection expression against a message body as API Gateway does: the body is
 * parsed as JSON, each `$request.body.<path>` is replaced by the value it names, and anything that
 * does not resolve to a known route (non-JSON, missing key, unknown key) selects `$default`.
 */
export function selectRouteKey(expression: string, body: string, routeKeys: ReadonlySet<string>): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return '$default';
  }
  let unresolved = false;
  const key = expression.replace(
    REFERENCE,
    (_match, braced: string | undefined, bare: string | undefined) => {
      const value = lookup(json, braced ?? bare ?? '');
      if (value === undefined) unresolved = true;
      return value ?? '';
    },
  );
  if (unresolved || RESERVED.has(key) || !routeKeys.has(key)) return '$default';
  return key;
}
