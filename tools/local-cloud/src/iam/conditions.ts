import { globMatches } from './glob.ts';

/** A statement's `Condition`: operator → condition key → the values it allows. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, readonly (string | null)[]>>>>;

/**
 * The condition keys the local cloud puts in a request's context (`dynamodb:LeadingKeys` where it
 * can tell the partition keys a call touches). A condition on any other key cannot be evaluated
 * here, and a statement that depends on one does not allow (it does deny).
 */
export const EVALUATED_CONDITION_KEYS = [
  'aws:RequestedRegion',
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:SecureTransport',
  'dynamodb:LeadingKeys',
] as const;

type Compare = (pattern: string, value: string) => boolean;

const COMPARISONS: Readonly<Record<string, { readonly compare: Compare; readonly negated: boolean }>> = {
  stringequals: { compare: (a, b) => a === b, negated: false },
  stringnotequals: { compare: (a, b) => a === b, negated: true },
  stringequalsignorecase: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
  stringnotequalsignorecase: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: true },
  stringlike: { compare: (a, b) => globMatches(a, b), negated: false },
  stringnotlike: { compare: (a, b) => globMatches(a, b), negated: true },
  arnequals: { compare: (a, b) => globMatches(a, b), negated: false },
  arnlike: { compare: (a, b) => globMatches(a, b), negated: false },
  arnnotequals: { compare: (a, b) => globMatches(a, b), negated: true },
  arnnotlike: { compare: (a, b) => globMatches(a, b), negated: true },
  bool: { compare: (a, b) => a.toLowerCase() === b.toLowerCase(), negated: false },
};

type Verdict = boolean | 'unknown';

interface Operator {
  readonly set: 'any' | 'all' | null;
  readonly name: string;
  readonly ifExists: boolean;
}

function parseOperator(raw: string): Operator {
  const [qualifier, rest] = raw.includes(':') ? raw.split(':', 2) : [null, raw];
  const lower = (rest ?? '').toLowerCase();
  const ifExists = lower.endsWith('ifexists');
  const q = qualifier?.toLowerCase();
  return {
    set: q === 'foranyvalue' ? 'any' : q === 'forallvalues' ? 'all' : null,
    name: ifExists ? lower.slice(0, -'ifexists'.length) : lower,
    ifExists,
  };
}

/** `Null: { key: "true" }` holds when the key is absent from the request. */
function nullHolds(present: boolean, expected: readonly (string | null)[]): Verdict {
  return expected.some((value) => value === String(!present));
}

function keyHolds(
  operator: Operator,
  values: readonly string[] | undefined,
  expected: readonly (string | null)[],
): Verdict {
  if (operator.name === 'null') return nullHolds(values !== undefined, expected);
  const comparison = COMPARISONS[operator.name];
  if (!comparison || expected.includes(null)) return 'unknown';
  const patterns = expected as readonly string[];
  if (values === undefined || values.length === 0) {
    // IAM: an absent key fails a positive test, passes a negated one, an IfExists or a ForAllValues.
    return operator.ifExists || operator.set === 'all' || comparison.negated;
  }
  const matchesOne = (value: string) => {
    const hit = patterns.some((pattern) => comparison.compare(pattern, value));
    return comparison.negated ? !hit : hit;
  };
  return operator.set === 'all' ? values.every(matchesOne) : values.some(matchesOne);
}

const EVALUATED = new Set(EVALUATED_CONDITION_KEYS.map((key) => key.toLowerCase()));

/** Every operator and key of the block must hold; a key or operator not known here is 'unknown'. */
export function conditionHolds(
  block: ConditionBlock,
  context: ReadonlyMap<string, readonly string[] | null>,
): Verdict {
  let verdict: Verdict = true;
  for (const [rawOperator, keys] of Object.entries(block)) {
    const operator = parseOperator(rawOperator);
    for (const [key, expected] of Object.entries(keys)) {
      const lowerKey = key.toLowerCase();
      const values = context.get(lowerKey);
      const holds =
        EVALUATED.has(lowerKey) && values !== null ? keyHolds(operator, values, expected) : 'unknown';
      if (holds === false) return false;
      if (holds === 'unknown') verdict = 'unknown';
    }
  }
  return verdict;
}
