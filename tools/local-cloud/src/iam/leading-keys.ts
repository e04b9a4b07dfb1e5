/**
 * `dynamodb:LeadingKeys`: the partition key values of the items a call touches. Undefined when the
 * call has none (a Scan, DescribeTable); null when it touches items whose keys cannot be told here
 * (a Query of an index, whose partition key is not the table's, or a request without its key).
 */
export type LeadingKeys = readonly string[] | null | undefined;

type Input = Record<string, unknown>;

/** An attribute value's text as IAM compares it: the string, the number or the base64 of the bytes. */
function scalar(value: unknown): string | null {
  const typed = (value ?? {}) as { S?: unknown; N?: unknown; B?: unknown };
  const text = typed.S ?? typed.N ?? typed.B;
  return typeof text === 'string' ? text : null;
}

/** The partition key values of some items (or keys); null if any item lacks it. */
export function keysOfItems(items: readonly unknown[], hashKey: string): string[] | null {
  const values = items.map((item) => scalar((item as Input | null)?.[hashKey]));
  return values.includes(null) ? null : [...new Set(values as string[])];
}

/** The value that a Query's key condition sets the partition key equal to. */
function queriedKey(input: Input, hashKey: string): string[] | null {
  const legacy = (input.KeyConditions as Input | undefined)?.[hashKey] as
    | { AttributeValueList?: unknown[] }
    | undefined;
  if (legacy) return keysOfItems([{ [hashKey]: legacy.AttributeValueList?.[0] }], hashKey);
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Input;
  const expression = String(input.KeyConditionExpression ?? '');
  for (const [, left, right] of expression.matchAll(/([#\w.]+)\s*=\s*(:\w+)/g)) {
    if ((left && (names[left] ?? left)) === hashKey)
      return keysOfItems([{ [hashKey]: values[right ?? ''] }], hashKey);
  }
  return null;
}

/** The leading keys of a call on one table whose partition key is `hashKey`. */
export function leadingKeysOf(operation: string, input: Input, hashKey: string | undefined): LeadingKeys {
  if (hashKey === undefined) return null;
  switch (operation) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
    case 'ConditionCheckItem':
      return keysOfItems([input.Key], hashKey);
    case 'PutItem':
      return keysOfItems([input.Item], hashKey);
    case 'Query':
      return input.IndexName === undefined ? queriedKey(input, hashKey) : null;
    default:
      return undefined;
  }
}
