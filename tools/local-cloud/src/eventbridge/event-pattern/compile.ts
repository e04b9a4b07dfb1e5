/**
 * Amazon EventBridge's event-pattern language, as a pure module: `compileEventPattern` validates a
 * pattern the way EventBridge does (same `InvalidEventPatternException` reasons) and returns a
 * matcher built from closures, so that routing an event costs no parsing and no validation.
 */
import { type Branch, compileBranches, isJsonObject } from './matching.ts';
import { compileField, type FieldMatcher, fail, InvalidEventPatternError, type Wildcard } from './values.ts';

export { InvalidEventPatternError };

/** Whether an event (a parsed JSON object) matches the pattern it was compiled from. */
export type CompiledPattern = (event: unknown) => boolean;

/**
 * Compiles a pattern given as JSON text or as the parsed object.
 * @throws InvalidEventPatternError when EventBridge would refuse the pattern.
 */
export function compileEventPattern(pattern: unknown): CompiledPattern {
  const branches = flattenRule(parsePattern(pattern));
  limitWildcardComplexity(branches);
  return compileBranches(branches);
}

export function testEventPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern)(event);
}

function parsePattern(pattern: unknown): Record<string, unknown> {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      // JSON.parse keeps the last of duplicate keys, as Amazon's streaming compiler does for lists;
      // two objects under one key, which Amazon would merge, are too rare to warrant a parser.
      parsed = JSON.parse(pattern);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }
  if (!isJsonObject(parsed)) fail('Filter is not an object');
  return parsed;
}

// --- Rule structure --------------------------------------------------------------------------------------------

type MutableBranch = Map<string, FieldMatcher>;

/** Amazon reserves these names inside `$or` so that an alternative cannot be mistaken for an operator. */
const RESERVED_IN_OR = new Set([
  ...['exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric'],
  ...['cidr', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after'],
  ...['date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range'],
  'ip-address-not-in-range',
]);

/**
 * Rules with `$or` are expanded into alternatives, each a flat map of dotted paths; a path written
 * twice keeps the later list, as in Amazon's compiler. Past this many alternatives the pattern is
 * refused rather than expanded without bound.
 */
const MAX_BRANCHES = 4096;

function flattenRule(rule: Record<string, unknown>): Branch[] {
  const branches: MutableBranch[] = [];
  addObject(rule, [], branches, false);
  return branches;
}

function addObject(
  object: Record<string, unknown>,
  path: string[],
  branches: MutableBranch[],
  inOr: boolean,
) {
  const keys = Object.keys(object);
  if (keys.length === 0) fail('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === '$or') {
      addAlternatives(value, path, branches);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) {
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (isJsonObject(value)) {
      addObject(value, [...path, key], branches, inOr);
    } else if (Array.isArray(value)) {
      const field = compileField(value);
      if (branches.length === 0) branches.push(new Map());
      const name = [...path, key].join('.');
      for (const branch of branches) branch.set(name, field);
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
}

/** Every branch so far forks once per alternative; later fields then apply to all the forks. */
function addAlternatives(alternatives: unknown, path: string[], branches: MutableBranch[]) {
  const before = branches.splice(0);
  if (!Array.isArray(alternatives)) fail('It must be an Array followed with $or.');
  for (const alternative of alternatives) {
    if (!isJsonObject(alternative)) fail('Only JSON object is allowed in array of $or relationship.');
    const forks = before.length > 0 ? before.map((branch) => new Map(branch)) : [new Map()];
    addObject(alternative, path, forks, true);
    branches.push(...forks);
    if (branches.length > MAX_BRANCHES) fail(TOO_COMPLEX);
  }
  if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.');
}

// --- Wildcard complexity ---------------------------------------------------------------------------------------

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/**
 * EventBridge refuses wildcard patterns whose matching could keep many states alive at once. Its
 * measure (event-ruler's MachineComplexityEvaluator) is the largest number of wildcard-pattern
 * prefixes one input can match, summed over a field's wildcard patterns. The limit is not published;
 * refusing from 8 on fits every data point we have: AWS accepted 7 (`/Users/*` then five `/dir`) and
 * refused 8 (four `*:stack/<name>/*` on one field, in a real deployment) and 10 (`*:*:*:*:*:event-bus/*`).
 */
const MAX_WILDCARD_COMPLEXITY = 7;

function limitWildcardComplexity(branches: readonly Branch[]): void {
  const byPath = new Map<string, Map<string, Wildcard>>();
  for (const branch of branches) {
    for (const [path, field] of branch) {
      for (const wildcard of field.wildcards) {
        const patterns = byPath.get(path) ?? new Map<string, Wildcard>();
        byPath.set(path, patterns.set(wildcard.key, wildcard));
      }
    }
  }
  for (const patterns of byPath.values()) {
    if (wildcardComplexity([...patterns.values()], MAX_WILDCARD_COMPLEXITY + 1) > MAX_WILDCARD_COMPLEXITY) {
      fail(TOO_COMPLEX);
    }
  }
}

const STAR = -1;
const OTHER_BYTE = -2;
/** Caps the search; a pattern that needs more is refused as too complex. */
const MAX_STATE_SETS = 20_000;

/**
 * Runs the patterns' automata (over UTF-8 bytes of the quoted value, as Amazon builds them) on every
 * distinguishable input, counting live states after the start, and stops once `stopAt` is reached.
 */
function wildcardComplexity(wildcards: readonly Wildcard[], stopAt: number): number {
  const encoder = new TextEncoder();
  const quote = 0x22;
  const tokens = wildcards.map(({ segments }) => [
    quote,
    ...segments.flatMap((segment, i) => [...(i > 0 ? [STAR] : []), ...encoder.encode(segment)]),
    quote,
  ]);
  const alphabet = [...new Set(tokens.flat().filter((token) => token !== STAR)), OTHER_BYTE];
  // A state is (pattern, tokens consumed), encoded as pattern * stride + consumed.
  const stride = Math.max(...tokens.map((t) => t.length)) + 1;
  // Adds, in place, the states reached by letting a wildcard match nothing.
  const withStarSkips = (states: Set<number>): Set<number> => {
    for (const state of states) {
      const pattern = tokens[Math.floor(state / stride)] ?? [];
      if (pattern[state % stride] === STAR) states.add(state + 1);
    }
    return states;
  };

  const start = withStarSkips(new Set(tokens.map((_, i) => i * stride)));
  const seen = new Set([[...start].sort().join()]);
  const queue = [start];
  let worst = 0;
  for (let next = queue.shift(); next && seen.size < MAX_STATE_SETS; next = queue.shift()) {
    for (const byte of alphabet) {
      const stepped = new Set<number>();
      for (const state of next) {
        const pattern = tokens[Math.floor(state / stride)] ?? [];
        const consumed = state % stride;
        if (consumed > 0 && pattern[consumed - 1] === STAR) stepped.add(state);
        if (pattern[consumed] === byte) stepped.add(state + 1);
      }
      if (stepped.size === 0) continue;
      const after = withStarSkips(stepped);
      const key = [...after].sort().join();
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(after);
      worst = Math.max(worst, [...after].filter((state) => state % stride > 0).length);
      if (worst >= stopAt) return worst;
    }
  }
  return seen.size >= MAX_STATE_SETS ? stopAt : worst;
}
