import type { AccessRequest } from './access.ts';
import { type ConditionBlock, conditionHolds } from './conditions.ts';
import { globMatches } from './glob.ts';

/**
 * One statement of an identity-based policy, its template values resolved. A resource that could
 * not be resolved locally (a log group, another stack's resource) is `null`: it names nothing that
 * the local cloud checks, so it never allows, but a `Deny` on it still denies.
 */
export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[] | null;
  readonly notActions: readonly string[] | null;
  readonly resources: readonly (string | null)[] | null;
  readonly notResources: readonly (string | null)[] | null;
  readonly condition: ConditionBlock | null;
}

/** The request context's condition keys (lower case) and their values (null: not known); an absent key is absent. */
export type ConditionContext = ReadonlyMap<string, readonly string[] | null>;

export type Decision = 'allow' | 'implicit-deny' | 'explicit-deny';

/** Action names are case-insensitive in IAM (`dynamodb:getitem` is `dynamodb:GetItem`). */
function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/**
 * ARNs match segment by segment (the parts between the first five colons), so a wildcard never
 * stretches from a region into an account; within the resource part it spans `/`, which is how
 * `table/T*` also covers `table/T/index/I`.
 */
function resourceMatches(pattern: string | null, resource: string): boolean {
  if (pattern === null) return false;
  if (pattern === '*') return true;
  const split = (arn: string) => {
    const parts = arn.split(':');
    return [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const patternParts = split(pattern);
  const resourceParts = split(resource);
  if (patternParts.length !== resourceParts.length) return false;
  return patternParts.every((part, index) => globMatches(part, resourceParts[index] ?? ''));
}

function coversAction(statement: Statement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => actionMatches(pattern, action));
  if (statement.notActions) return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  return false;
}

/** An unresolved pattern might be the very resource: a Deny counts on it, an Allow does not. */
function coversResource(statement: Statement, resource: string): boolean | 'unknown' {
  if (statement.resources) {
    if (statement.resources.some((pattern) => resourceMatches(pattern, resource))) return true;
    return statement.resources.includes(null) ? 'unknown' : false;
  }
  if (statement.notResources) {
    if (statement.notResources.some((pattern) => resourceMatches(pattern, resource))) return false;
    return statement.notResources.includes(null) ? 'unknown' : true;
  }
  return false;
}

/** Whether the statement applies; what cannot be told (an unknown condition) applies to a Deny only. */
function applies(statement: Statement, request: AccessRequest, context: ConditionContext): boolean {
  if (!coversAction(statement, request.action)) return false;
  const resource = coversResource(statement, request.resource);
  const condition = statement.condition ? conditionHolds(statement.condition, context) : true;
  const verdicts = [resource, condition];
  if (verdicts.includes(false)) return false;
  return statement.effect === 'Deny' || !verdicts.includes('unknown');
}

/** IAM's evaluation of identity-based policies: an explicit Deny wins, then any Allow, else deny. */
export function evaluate(
  statements: readonly Statement[],
  request: AccessRequest,
  context: ConditionContext,
): Decision {
  const merged: ConditionContext = request.context ? new Map([...context, ...request.context]) : context;
  const applying = statements.filter((statement) => applies(statement, request, merged));
  if (applying.some((statement) => statement.effect === 'Deny')) return 'explicit-deny';
  return applying.length > 0 ? 'allow' : 'implicit-deny';
}
