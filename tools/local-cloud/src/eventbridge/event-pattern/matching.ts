import type { FieldMatcher, Scalar } from './values.ts';

/**
 * One alternative of a rule, as Amazon's compiler flattens it: dotted field path → field matcher.
 * A rule without `$or` has one branch.
 */
export type Branch = ReadonlyMap<string, FieldMatcher>;

// These two live beside the hot path: called through an ES-module import (under tsx) they made
// matching about twice as slow.
function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || value === null;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether an event matches any branch; only JSON objects are events.
 *
 * EventBridge matches with event-ruler's array-consistent semantics: fields flatten to dotted names
 * (`{"a": {"b.c": 1}}` offers `a.b.c`), every field of a branch must match, and two matched fields
 * must not come from different elements of the same array.
 *
 * The fast path walks the event along the pattern's own tree, touching only the keys the pattern
 * names; a subtree that meets an array chooses one element for all its fields, which is exactly array
 * consistency. Two things it does not decide: event keys containing dots that could also spell a
 * pattern path, and `{"exists": false}` below an array of several objects, where Amazon's result
 * depends on the order of the field names. It answers UNSURE there, and the exhaustive matcher, a
 * transcription of event-ruler's algorithm, settles the event.
 */
export function compileBranches(branches: readonly Branch[]): (event: unknown) => boolean {
  const matchers = branches.map(branchMatcher);
  const [only] = matchers;
  if (only && matchers.length === 1) {
    const { fast, exhaustive } = only;
    return (event) => {
      if (!isJsonObject(event)) return false;
      const outcome = fast(event);
      return outcome === UNSURE ? exhaustive(event) : outcome === YES;
    };
  }
  return (event) => {
    if (!isJsonObject(event)) return false;
    for (const { fast, exhaustive } of matchers) {
      const outcome = fast(event);
      if (outcome === YES || (outcome === UNSURE && exhaustive(event))) return true;
    }
    return false;
  };
}

interface BranchMatcher {
  readonly fast: NodeMatcher;
  readonly exhaustive: (event: Record<string, unknown>) => boolean;
}

function branchMatcher(branch: Branch): BranchMatcher {
  return { fast: compileInner(buildTrie(branch)), exhaustive: exhaustiveMatcher(branch) };
}

const NO = 0;
const YES = 1;
const UNSURE = 2;
type Outcome = typeof NO | typeof YES | typeof UNSURE;
type NodeMatcher = (value: unknown) => Outcome;

interface TrieNode {
  field: FieldMatcher | undefined;
  readonly children: Map<string, TrieNode>;
}

function buildTrie(branch: Branch): TrieNode {
  const root: TrieNode = { field: undefined, children: new Map() };
  for (const [path, field] of branch) {
    let node = root;
    for (const segment of path.split('.')) {
      let child = node.children.get(segment);
      if (!child) {
        child = { field: undefined, children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.field = field;
  }
  return root;
}

function fieldsBelow(node: TrieNode): FieldMatcher[] {
  return [...(node.field ? [node.field] : []), ...[...node.children.values()].flatMap(fieldsBelow)];
}

/** Paths below `node` as dotted keys an event could hold instead: `key.x`, `key.x.y`, … */
function dottedSpellings(key: string, node: TrieNode): string[] {
  return [...node.children].flatMap(([segment, child]) => {
    const spelling = `${key}.${segment}`;
    return [spelling, ...dottedSpellings(spelling, child)];
  });
}

function compileNode(node: TrieNode): NodeMatcher {
  if (node.children.size > 0) return compileInner(node);
  if (!node.field) throw new Error('a pattern trie leaf always carries a field');
  return compileLeaf(node.field);
}

function compileLeaf({ test, acceptsAbsence }: FieldMatcher): NodeMatcher {
  const absent: Outcome = acceptsAbsence ? YES : NO;
  return (value) => {
    if (isScalar(value)) return test(value) ? YES : NO;
    if (Array.isArray(value)) {
      const scan = scanValues(value, test);
      return scan === MATCHED ? YES : scan === NONE ? absent : NO;
    }
    // Missing, or an object: neither is a value of this field.
    return absent;
  };
}

const NONE = 0;
const SEEN = 1;
const MATCHED = 2;

/** Scalars anywhere in nested arrays are values of the field; objects are not. */
function scanValues(values: readonly unknown[], test: (value: Scalar) => boolean): number {
  let result = NONE;
  for (const value of values) {
    if (isScalar(value)) {
      if (test(value)) return MATCHED;
      result = SEEN;
    } else if (Array.isArray(value)) {
      const inner = scanValues(value, test);
      if (inner === MATCHED) return MATCHED;
      result = Math.max(result, inner);
    }
  }
  return result;
}

interface ChildMatcher {
  readonly key: string;
  readonly match: NodeMatcher;
  /** A leaf child's test, applied to a scalar without the call through `match`. */
  readonly scalarTest: ((value: Scalar) => boolean) | undefined;
  readonly spellings: readonly string[];
  /** Extra values from other spellings can only add matches, unless a field below accepts absence. */
  readonly spellingsCanRefute: boolean;
  /** The key names an Object.prototype member, so a plain lookup could find an inherited value. */
  readonly inherited: boolean;
}

function compileInner(node: TrieNode): NodeMatcher {
  const { field } = node;
  const children: ChildMatcher[] = [...node.children]
    // Leaves are cheap and usually decide; a subtree is worth walking only once they pass.
    .sort(([, left], [, right]) => Number(left.children.size > 0) - Number(right.children.size > 0))
    .map(([key, child]) => ({
      key,
      match: compileNode(child),
      scalarTest: child.children.size === 0 ? child.field?.test : undefined,
      spellings: dottedSpellings(key, child),
      spellingsCanRefute: fieldsBelow(child).some((f) => f.acceptsAbsence),
      inherited: key in Object.prototype,
    }));
  const childFields = [...node.children.values()].flatMap(fieldsBelow);
  const childrenAbsent: Outcome = childFields.every((f) => f.acceptsAbsence) ? YES : NO;
  const absent: Outcome = field && !field.acceptsAbsence ? NO : childrenAbsent;
  // A scalar in an array shares no element with its siblings' fields, and absence depends on which
  // element the other fields came from: several elements leave both to the exhaustive matcher.
  const arraysNeedCare = field !== undefined || childFields.some((f) => f.acceptsAbsence);

  const self: NodeMatcher = (value) => {
    if (typeof value !== 'object' || value === null) {
      if (value === undefined) return absent;
      if (field && !(isScalar(value) ? field.test(value) : field.acceptsAbsence)) return NO;
      return childrenAbsent;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return absent;
      if (value.length > 1 && arraysNeedCare) return UNSURE;
      let outcome: Outcome = NO;
      for (const element of value) {
        const result = self(element);
        if (result === YES) return YES;
        if (result === UNSURE) outcome = UNSURE;
      }
      return outcome;
    }
    if (field && !field.acceptsAbsence) return NO;
    const object = value as Record<string, unknown>; // a non-null, non-array object: JSON's only other kind
    for (const child of children) {
      const childValue = child.inherited && !Object.hasOwn(object, child.key) ? undefined : object[child.key];
      const result =
        child.scalarTest && isScalar(childValue)
          ? child.scalarTest(childValue)
            ? YES
            : NO
          : child.match(childValue);
      if (result === UNSURE) return UNSURE;
      if (result === YES && !child.spellingsCanRefute) continue;
      if (spelledOtherwise(object, child.spellings)) return UNSURE;
      if (result === NO) return NO;
    }
    return YES;
  };
  return self;
}

function spelledOtherwise(object: Record<string, unknown>, spellings: readonly string[]): boolean {
  for (const spelling of spellings) if (object[spelling] !== undefined) return true;
  return false;
}

// --- The exhaustive matcher ------------------------------------------------------------------------------------

/** Array id → element index, for every array a value sits in. */
type Membership = ReadonlyMap<number, number>;

interface FieldValue {
  readonly value: Scalar;
  readonly membership: Membership;
}

/**
 * event-ruler's ACFinder, without its state machine: flatten the event into dotted names, then try
 * the branch's fields in sorted name order, carrying the array elements chosen so far. A field with
 * `{"exists": false}` is absent when no value of it is consistent with those choices.
 */
export function exhaustiveMatcher(branch: Branch): (event: Record<string, unknown>) => boolean {
  // Java's String.compareTo and the default sort both order by UTF-16 code unit.
  const names = [...branch.keys()].sort();
  const fields = names.map((name) => branch.get(name)).filter((field) => field !== undefined);
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const prefixes = new Set(
    names.flatMap((name) => {
      const segments = name.split('.');
      return segments.slice(1).map((_, end) => segments.slice(0, end + 1).join('.'));
    }),
  );

  return (event) => {
    const found: FieldValue[][] = names.map(() => []);
    let arrays = 0;
    const visit = (value: unknown, name: string, membership: Membership): void => {
      if (Array.isArray(value)) {
        const id = arrays++;
        value.forEach((element, index) => {
          // Like event-ruler, only objects and arrays inside an array are tied to their element.
          if (isJsonObject(element) || Array.isArray(element)) {
            visit(element, name, new Map(membership).set(id, index));
          } else {
            visit(element, name, membership);
          }
        });
      } else if (isJsonObject(value)) {
        visitObject(value, `${name}.`, membership);
      } else if (isScalar(value)) {
        const index = indexOf.get(name);
        if (index !== undefined) found[index]?.push({ value, membership });
      }
    };
    const visitObject = (object: Record<string, unknown>, prefix: string, membership: Membership) => {
      for (const key of Object.keys(object)) {
        const name = prefix + key;
        if (indexOf.has(name) || prefixes.has(name)) visit(object[key], name, membership);
      }
    };
    visitObject(event, '', new Map());

    const search = (index: number, chosen: Membership): boolean => {
      const field = fields[index];
      if (!field) return true;
      let present = false;
      for (const candidate of found[index] ?? []) {
        if (!consistent(chosen, candidate.membership)) continue;
        present = true;
        if (field.test(candidate.value) && search(index + 1, merge(chosen, candidate.membership))) {
          return true;
        }
      }
      return field.acceptsAbsence && !present && search(index + 1, chosen);
    };
    return search(0, new Map());
  };
}

function consistent(left: Membership, right: Membership): boolean {
  for (const [array, element] of right) {
    const other = left.get(array);
    if (other !== undefined && other !== element) return false;
  }
  return true;
}

function merge(left: Membership, right: Membership): Membership {
  return right.size === 0 ? left : new Map([...left, ...right]);
}
