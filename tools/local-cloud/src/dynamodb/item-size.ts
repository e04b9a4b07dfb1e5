// DynamoDB's item size rules (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html),
// for what capacity a request is billed and whether an item fits a size limit.

/** One value as the SDK sends it, such as `{ S: 'text' }`. */
type AttributeValue = object;

const numberBytes = (digits: string) =>
  Math.ceil(digits.replace(/^-|\.|e.*$/gi, '').replace(/^0+/, '').length / 2) + 1;

/**
 * DynamoDB's size of one attribute value as the SDK sends it (`{ S: ... }`, `{ N: ... }`...): a
 * number takes about one byte per two significant digits, a list or map three bytes plus one per
 * member. DynamoDB Local reports capacity from the same sizes, except where it
 * departs from the bill (transactions, rejected writes); those are computed from this.
 */
function valueBytes(value: AttributeValue): number {
  const [[type, content] = ['NULL', true]] = Object.entries(value as Record<string, unknown>);
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(content));
    case 'N':
      return numberBytes(String(content));
    case 'B':
      return (content as Uint8Array).byteLength;
    case 'SS':
      return (content as string[]).reduce((sum, member) => sum + Buffer.byteLength(member), 0);
    case 'NS':
      return (content as string[]).reduce((sum, member) => sum + numberBytes(member), 0);
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, member) => sum + 1 + valueBytes(member), 0);
    case 'M':
      return 3 + itemBytes(content as Record<string, AttributeValue>) + Object.keys(content as object).length;
    default:
      return 1;
  }
}

/** An item's size: its attribute names plus their values. */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value),
    0,
  );
}
