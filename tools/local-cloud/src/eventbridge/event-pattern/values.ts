/**
 * The value side of the EventBridge pattern language: what one field's list (`"state": [ ... ]`) accepts.
 * Validation follows Amazon's rule compiler (aws/event-ruler `JsonRuleCompiler`) check for check, so that
 * a pattern the local cloud accepts is one EventBridge accepts, with the same reasons when it is not.
 */

import { isJsonObject } from './matching.ts';

/** Thrown for any pattern EventBridge would refuse; `code` is the AWS error code. */
export class InvalidEventPatternError extends Error {
  readonly code = 'InvalidEventPatternException';
  override readonly name = 'InvalidEventPatternException';

  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}

export function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/** The values an event can offer a pattern: flattening never hands objects or arrays to a field. */
export type Scalar = string | number | boolean | null;
type Predicate = (value: Scalar) => boolean;

export interface FieldMatcher {
  /** Whether one event value satisfies any pattern of the field. */
  readonly test: Predicate;
  /** The list holds `{"exists": false}`: the field may be missing. */
  readonly acceptsAbsence: boolean;
  /** `wildcard` and `anything-but`/`wildcard` patterns, which count against the rule-complexity limit. */
  readonly wildcards: readonly Wildcard[];
}

export interface Wildcard {
  /** Identifies the pattern within its field; the same text under `anything-but` is another pattern. */
  readonly key: string;
  /** The literal text between the wildcard characters. */
  readonly segments: readonly string[];
}

/** Compiles one field's list, e.g. `["a", {"prefix": "b"}, {"exists": false}]`. */
export function compileField(values: readonly unknown[]): FieldMatcher {
  const field = new FieldBuilder();
  for (const value of values) {
    if (typeof value === 'string') field.exactString(value);
    else if (typeof value === 'number') field.exactNumbers.add(value);
    else if (typeof value === 'boolean' || value === null) field.exactLiterals.push(value);
    else if (isJsonObject(value)) compileExpression(value, field);
    else fail('Match value must be String, number, true, false, or null');
  }
  if (values.length === 0) fail('Empty arrays are not allowed');
  return field.build();
}

class FieldBuilder {
  readonly exactStrings = new Set<string>();
  readonly exactNumbers = new Set<number>();
  readonly exactLiterals: (boolean | null)[] = [];
  readonly predicates: Predicate[] = [];
  readonly wildcards: Wildcard[] = [];
  matchesAnyValue = false;
  acceptsAbsence = false;

  exactString(value: string): void {
    // EventBridge compares IP literals as addresses, so "::1" also matches "0:0:0:0:0:0:0:1".
    const address = ipAddressOrUndefined(value);
    if (address === undefined) this.exactStrings.add(value);
    else this.predicates.push((v) => typeof v === 'string' && sameAddress(address, v));
  }

  build(): FieldMatcher {
    return { test: this.combined(), acceptsAbsence: this.acceptsAbsence, wildcards: this.wildcards };
  }

  private combined(): Predicate {
    if (this.matchesAnyValue) return () => true;
    const { exactStrings: strings, exactNumbers: numbers, exactLiterals: literals, predicates } = this;
    const onlyStrings = numbers.size === 0 && literals.length === 0 && predicates.length === 0;
    if (onlyStrings && strings.size === 1) {
      const [only] = strings;
      return (v) => v === only;
    }
    if (onlyStrings) return (v) => typeof v === 'string' && strings.has(v);
    if (strings.size === 0 && numbers.size === 0 && literals.length === 0 && predicates.length === 1) {
      const [only] = predicates;
      if (only) return only;
    }
    return (v) => {
      if (
        typeof v === 'string' ? strings.has(v) : typeof v === 'number' ? numbers.has(v) : literals.includes(v)
      ) {
        return true;
      }
      for (const predicate of predicates) if (predicate(v)) return true;
      return false;
    };
  }
}

function compileExpression(expression: Record<string, unknown>, field: FieldBuilder): void {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) fail('Match expression name not found');
  const extraKeyReason = addOperator(operator, expression[operator], field);
  if (keys.length > 1) fail(extraKeyReason);
}

/** Adds one `{operator: operand}` to the field; returns how Amazon words a second key beside it. */
function addOperator(operator: string, operand: unknown, field: FieldBuilder): string {
  switch (operator) {
    case 'prefix':
    case 'suffix':
      field.predicates.push(affix(operator, operand));
      return ONE_KEY;
    case 'equals-ignore-case': {
      const matches = ignoringCase(stringOperand(operand, 'equals-ignore-case'), 'equals');
      field.predicates.push((v) => typeof v === 'string' && matches(v));
      return ONE_KEY;
    }
    case 'wildcard': {
      const text = stringOperand(operand, 'wildcard');
      const segments = parseWildcard(text);
      const matches = wildcardMatcher(segments);
      field.predicates.push((v) => typeof v === 'string' && matches(v));
      field.wildcards.push({ key: `wildcard:${text}`, segments });
      return ONE_KEY;
    }
    case 'anything-but':
      field.predicates.push(anythingBut(operand, field.wildcards));
      return TOO_MANY_ELEMENTS;
    case 'numeric':
      if (!Array.isArray(operand)) fail('Value of numeric must be an array.');
      field.predicates.push(numericRange(operand));
      return TOO_MANY_ELEMENTS;
    case 'exists':
      if (operand === true) field.matchesAnyValue = true;
      else if (operand === false) field.acceptsAbsence = true;
      else fail('exists match pattern must be either true or false.');
      return ONE_KEY;
    case 'cidr': {
      // Amazon's compiler really reports a non-string CIDR as a bad prefix.
      const range = cidrRange(stringOperand(operand, 'prefix'));
      field.predicates.push((v) => typeof v === 'string' && inRange(range, v));
      return ONE_KEY;
    }
    default:
      return fail(`Unrecognized match type ${operator}`);
  }
}

const ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_ELEMENTS = 'Too many elements in numeric expression';

function stringOperand(operand: unknown, operator: string): string {
  if (typeof operand !== 'string') fail(`${operator} match pattern must be a string`);
  return operand;
}

/** `{"prefix": "x"}`, `{"prefix": {"equals-ignore-case": "x"}}` and the same for suffix. */
function affix(operator: 'prefix' | 'suffix', operand: unknown): Predicate {
  if (isJsonObject(operand)) {
    const keys = Object.keys(operand);
    const [inner] = keys;
    const label = operator === 'prefix' ? 'Prefix' : 'Suffix';
    if (inner === undefined) fail(`${label} expression name not found`);
    if (inner !== 'equals-ignore-case') fail(`Unsupported ${operator} pattern: ${inner}`);
    const matches = ignoringCase(stringOperand(operand[inner], 'equals-ignore-case'), operator);
    if (keys.length > 1) fail(ONE_KEY);
    return (v) => typeof v === 'string' && matches(v);
  }
  const text = stringOperand(operand, operator);
  return operator === 'prefix'
    ? (v) => typeof v === 'string' && v.startsWith(text)
    : (v) => typeof v === 'string' && v.endsWith(text);
}

/**
 * Every value except the excluded ones matches, including values of other types (`null`, numbers
 * against a string list); only a missing field does not.
 */
function anythingBut(operand: unknown, wildcards: Wildcard[]): Predicate {
  if (!isJsonObject(operand)) return anythingButValues(operand);

  const keys = Object.keys(operand);
  const [operator] = keys;
  if (operator === undefined) fail('Anything-But expression name not found');
  if (!['equals-ignore-case', 'prefix', 'suffix', 'wildcard'].includes(operator)) {
    fail(`Unsupported anything-but pattern: ${operator}`);
  }
  const inner = operand[operator];
  if (!Array.isArray(inner) && typeof inner !== 'string' && typeof inner !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const texts = (Array.isArray(inner) ? inner : [inner]).map((text) => {
    if (typeof text === 'string') {
      if (text === '' && (operator === 'prefix' || operator === 'suffix')) {
        fail('Null prefix/suffix not allowed');
      }
      return text;
    }
    if (operator === 'equals-ignore-case') {
      fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    }
    return fail(operator === 'wildcard' ? 'wildcard match pattern must be a string' : PREFIX_SUFFIX_STRING);
  });
  if (keys.length > 1) fail(TOO_MANY_ELEMENTS);

  const excluded = texts.map((text): ((value: string) => boolean) => {
    switch (operator) {
      case 'prefix':
        return (v) => v.startsWith(text);
      case 'suffix':
        return (v) => v.endsWith(text);
      case 'equals-ignore-case':
        return ignoringCase(text, 'equals');
      default: {
        const segments = parseWildcard(text);
        wildcards.push({ key: `anything-but-wildcard:${text}`, segments });
        return wildcardMatcher(segments);
      }
    }
  });
  return (v) => typeof v !== 'string' || !excluded.some((isExcluded) => isExcluded(v));
}

const PREFIX_SUFFIX_STRING = 'prefix/suffix match pattern must be a string';

/** `{"anything-but": "x"}`, `{"anything-but": 5}` and lists of either, never mixed. */
function anythingButValues(operand: unknown): Predicate {
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  const values: unknown[] = Array.isArray(operand) ? operand : [operand];
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      fail('Inside anything but list, start|null|boolean is not supported.');
    }
  }
  const strings = values.every((value) => typeof value === 'string');
  const numbers = values.every((value) => typeof value === 'number');
  if (strings === numbers) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  const excluded = new Set(values);
  const type = strings ? 'string' : 'number';
  return (v) => typeof v !== type || !excluded.has(v);
}

/** `["=", 5]`, `["<", 5]`, `[">", 0, "<=", 5]` and the other one- and two-sided ranges. */
function numericRange(terms: readonly unknown[]): Predicate {
  const [operator] = terms;
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${tokenText(terms, 0)}`);
  const operandAt = (index: number, name: string): number => {
    const value = terms[index];
    if (typeof value !== 'number') fail(`Value of ${name} must be numeric`);
    if (!Number.isFinite(value)) fail(`Cannot compare number : ${value}`);
    return value;
  };
  const onlyTerms = (count: number, reason = TOO_MANY_ELEMENTS) => {
    if (terms.length > count) fail(reason);
  };

  switch (operator) {
    case '=': {
      const value = operandAt(1, 'equals');
      onlyTerms(2);
      return (v) => v === value;
    }
    case '<':
    case '<=': {
      const top = operandAt(1, operator);
      onlyTerms(2);
      return operator === '<'
        ? (v) => typeof v === 'number' && v < top
        : (v) => typeof v === 'number' && v <= top;
    }
    case '>':
    case '>=': {
      const bottom = operandAt(1, operator);
      const openBottom = operator === '>';
      if (terms.length === 2) {
        return openBottom
          ? (v) => typeof v === 'number' && v > bottom
          : (v) => typeof v === 'number' && v >= bottom;
      }
      const upper = terms[2];
      if (typeof upper !== 'string') fail(`Bad value in numeric range: ${tokenText(terms, 2)}`);
      if (upper !== '<' && upper !== '<=') fail(`Bad numeric range operator: ${upper}`);
      const top = operandAt(3, upper);
      onlyTerms(4, 'Too many terms in numeric range expression');
      if (!(bottom < top)) fail('Bottom must be less than top');
      const openTop = upper === '<';
      return (v) =>
        typeof v === 'number' && (openBottom ? v > bottom : v >= bottom) && (openTop ? v < top : v <= top);
    }
    default:
      fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

/** How Jackson prints the token at `index`, for messages that quote it. */
function tokenText(terms: readonly unknown[], index: number): string {
  if (index >= terms.length) return ']';
  const term = terms[index];
  if (Array.isArray(term)) return '[';
  if (isJsonObject(term)) return '{';
  return String(term);
}

// --- Case-insensitive comparison -------------------------------------------------------------------------------

/**
 * Amazon folds the pattern, not the event: each pattern character stands for its lower- and upper-case
 * spelling, which may differ in length (`ß` also matches `SS`).
 */
function ignoringCase(pattern: string, mode: 'equals' | 'prefix' | 'suffix'): (value: string) => boolean {
  const spellings = [...pattern].map((char) => [...new Set([char.toLowerCase(), char.toUpperCase()])]);
  if (spellings.every((options) => options.every((option) => option.length === 1))) {
    return singleUnitCaseMatcher(spellings, mode);
  }
  const fromStart = (value: string, index: number, position: number, exact: boolean): boolean => {
    const options = spellings[index];
    if (options === undefined) return !exact || position === value.length;
    return options.some(
      (option) =>
        value.startsWith(option, position) && fromStart(value, index + 1, position + option.length, exact),
    );
  };
  const fromEnd = (value: string, index: number, end: number): boolean => {
    const options = spellings[index];
    if (options === undefined) return true;
    return options.some(
      (option) =>
        end >= option.length &&
        value.startsWith(option, end - option.length) &&
        fromEnd(value, index - 1, end - option.length),
    );
  };
  if (mode === 'suffix') return (value) => fromEnd(value, spellings.length - 1, value.length);
  return (value) => fromStart(value, 0, 0, mode === 'equals');
}

/** The common case, where every spelling is one UTF-16 unit: a tight loop over char codes. */
function singleUnitCaseMatcher(spellings: string[][], mode: 'equals' | 'prefix' | 'suffix') {
  const lower = spellings.map(([first]) => first?.charCodeAt(0) ?? -1);
  const upper = spellings.map((options) => (options[1] ?? options[0])?.charCodeAt(0) ?? -1);
  const length = lower.length;
  return (value: string): boolean => {
    if (mode === 'equals' ? value.length !== length : value.length < length) return false;
    const offset = mode === 'suffix' ? value.length - length : 0;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(offset + i);
      if (code !== lower[i] && code !== upper[i]) return false;
    }
    return true;
  };
}

// --- Wildcards -------------------------------------------------------------------------------------------------

/** Splits a wildcard pattern at its `*`s, unescaping `\*` and `\\`; the errors are Amazon's. */
export function parseWildcard(text: string): string[] {
  // Amazon reports positions in UTF-8 bytes of the quoted value.
  const position = (index: number) => 1 + new TextEncoder().encode(text.slice(0, index)).length;
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '*') {
      if (text[i + 1] === '*') fail(`Consecutive wildcard characters at pos ${position(i)}`);
      segments.push(current);
      current = '';
    } else if (char === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${position(i)}`);
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

function wildcardMatcher(segments: readonly string[]): (value: string) => boolean {
  const [first = '', ...rest] = segments;
  const last = rest.pop();
  if (last === undefined) return (value) => value === first;
  const minimum = segments.reduce((sum, segment) => sum + segment.length, 0);
  return (value) => {
    if (value.length < minimum || !value.startsWith(first) || !value.endsWith(last)) return false;
    // Leftmost placement of each middle segment is optimal when `*` is the only operator.
    let position = first.length;
    const end = value.length - last.length;
    for (const segment of rest) {
      const found = value.indexOf(segment, position);
      if (found < 0 || found + segment.length > end) return false;
      position = found + segment.length;
    }
    return true;
  };
}

// --- IP addresses ----------------------------------------------------------------------------------------------

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

type Address = readonly number[];
interface AddressRange {
  readonly bottom: Address;
  readonly top: Address;
}

/** The address bytes (4 or 16) of an IP literal; `undefined` for anything else. */
function ipAddressOrUndefined(text: string): Address | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

function sameAddress(address: Address, text: string): boolean {
  const other = ipAddressOrUndefined(text);
  return (
    other !== undefined && other.length === address.length && other.every((byte, i) => byte === address[i])
  );
}

function parseIpv4(text: string): Address | undefined {
  // Like Java, any number of leading zeros is fine; a long run of other digits is simply > 255.
  const bytes = text.split('.').map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

/** Java's rules: hex groups of 1–4 digits, one `::` at most; IPv4-mapped addresses become IPv4. */
function parseIpv6(text: string): Address | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (groups.some((half) => half.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group)))) return undefined;
  const [head = [], tail] = groups;
  const count = head.length + (tail?.length ?? 0);
  if (tail === undefined ? count !== 8 : count > 7) return undefined;
  const words = [...head, ...Array<string>(8 - count).fill('0'), ...(tail ?? [])].map((group) =>
    parseInt(group, 16),
  );
  const bytes = words.flatMap((word) => [word >> 8, word & 0xff]);
  const ipv4Mapped =
    bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return ipv4Mapped ? bytes.slice(12) : bytes;
}

/** Amazon's CIDR checks, messages included (a `/32` IPv4 block is refused there too). */
function cidrRange(cidr: string): AddressRange {
  // Java's String.split drops trailing empty parts, so "10.0.0.0/8/" passes as "10.0.0.0/8".
  const parts = cidr.split('/');
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  const [ip = '', mask] = parts;
  if (parts.length !== 2 || mask === undefined) fail("Malformed CIDR, one '/' required");
  const maskBits = /^[+-]?\d{1,10}$/.test(mask) ? Number(mask) : Number.NaN;
  if (!Number.isInteger(maskBits) || Math.abs(maskBits) > 2 ** 31 - 1) {
    fail('Malformed CIDR, mask bits must be an integer');
  }
  if (maskBits < 0) fail('Malformed CIDR, mask bits must not be negative');
  if (!IPV4_SHAPE.test(ip) && !IPV6_SHAPE.test(ip)) fail(`Nonstandard IP address: ${ip}`);
  const address = ipAddressOrUndefined(ip) ?? fail(`Invalid IP address: ${ip}`);
  if (address.length === 4 && maskBits > 31) fail('IPv4 mask bits must be < 32');
  if (address.length === 16 && maskBits > 127) fail('IPv6 mask bits must be < 128');

  const fixedBitsIn = (index: number) => Math.min(8, Math.max(0, maskBits - index * 8));
  const keep = (index: number) => (0xff << (8 - fixedBitsIn(index))) & 0xff;
  return {
    bottom: address.map((byte, i) => byte & keep(i)),
    top: address.map((byte, i) => byte | (~keep(i) & 0xff)),
  };
}

function inRange({ bottom, top }: AddressRange, text: string): boolean {
  const address = ipAddressOrUndefined(text);
  return (
    address !== undefined &&
    address.length === bottom.length &&
    compareAddresses(address, bottom) >= 0 &&
    compareAddresses(address, top) <= 0
  );
}

function compareAddresses(left: Address, right: Address): number {
  for (let i = 0; i < left.length; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
