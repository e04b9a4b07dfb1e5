import { ACCOUNT } from '../eventbridge/endpoint.ts';
import { type ResolveContext, resolveValue, UnresolvableIntrinsicError } from '../template/intrinsics.ts';
import { getAttId, type Props, props, type Resource, resourcesOfType } from '../template/resources.ts';
import type { CfnTemplate } from '../template/tables.ts';
import type { ConditionBlock } from './conditions.ts';
import type { Statement } from './policy.ts';

/** Who a function is to IAM, and every statement of the policies on its role. */
export interface FunctionIdentity {
  readonly roleName: string;
  readonly statements: readonly Statement[];
  /** Managed policies it could not read (an ARN it does not know): they grant nothing here. */
  readonly unknownManagedPolicies: readonly string[];
}

/** AWS's managed policy for Lambda's own logging: logs only, so no other call may lean on it. */
const BASIC_EXECUTION_STATEMENTS: readonly Statement[] = [
  {
    effect: 'Allow',
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    notActions: null,
    resources: ['*'],
    notResources: null,
    condition: null,
  },
];

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function resolveOrNull(value: unknown, context: ResolveContext): string | null {
  try {
    return resolveValue(value, context);
  } catch (error) {
    if (error instanceof UnresolvableIntrinsicError) return null;
    throw error;
  }
}

function resolveList(value: unknown, context: ResolveContext): (string | null)[] | null {
  return value === undefined ? null : list(value).map((item) => resolveOrNull(item, context));
}

/** An action that did not resolve names no action: dropping it only ever takes a grant away. */
function resolveActions(value: unknown, context: ResolveContext): string[] | null {
  const resolved = resolveList(value, context);
  return resolved === null ? null : resolved.filter((action): action is string => action !== null);
}

function resolveCondition(value: unknown, context: ResolveContext): ConditionBlock | null {
  if (typeof value !== 'object' || value === null) return null;
  return Object.fromEntries(
    Object.entries(value as Props).map(([operator, keys]) => [
      operator,
      Object.fromEntries(
        Object.entries((keys ?? {}) as Props).map(([key, values]) => [
          key,
          resolveList(values, context) ?? [],
        ]),
      ),
    ]),
  );
}

function readStatement(raw: Props, context: ResolveContext): Statement | null {
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') return null;
  return {
    effect: raw.Effect,
    actions: resolveActions(raw.Action, context),
    notActions: resolveActions(raw.NotAction, context),
    resources: resolveList(raw.Resource, context),
    notResources: resolveList(raw.NotResource, context),
    condition: resolveCondition(raw.Condition, context),
  };
}

function readDocument(document: unknown, context: ResolveContext): Statement[] {
  const statements = list((document as Props | undefined)?.Statement) as Props[];
  return statements.flatMap((raw) => readStatement(raw, context) ?? []);
}

/** `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that name the role in their `Roles`. */
function attachedDocuments(template: CfnTemplate, roleId: string): unknown[] {
  return ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) =>
    resourcesOfType(template, type)
      .filter(([, resource]) => list(props(resource).Roles).some((role) => getAttId(role) === roleId))
      .map(([, resource]) => props(resource).PolicyDocument),
  );
}

/** The role's `ManagedPolicyArns`: the template's own managed policies and AWS's basic execution role. */
function managedStatements(template: CfnTemplate, role: Props, context: ResolveContext) {
  const statements: Statement[] = [];
  const unknown: string[] = [];
  for (const arn of list(role.ManagedPolicyArns)) {
    const id = getAttId(arn);
    const own = id === null ? undefined : template.Resources[id];
    if (own?.Type === 'AWS::IAM::ManagedPolicy') {
      // Also attached through its `Roles` when it names this role; reading it twice changes nothing.
      statements.push(...readDocument(props(own).PolicyDocument, context));
      continue;
    }
    const resolved = resolveOrNull(arn, context) ?? JSON.stringify(arn);
    if (resolved.endsWith(':policy/service-role/AWSLambdaBasicExecutionRole'))
      statements.push(...BASIC_EXECUTION_STATEMENTS);
    else unknown.push(resolved);
  }
  return { statements, unknown };
}

function roleIdentity(template: CfnTemplate, roleId: string, role: Resource, context: ResolveContext) {
  const p = props(role);
  const inline = list(p.Policies).flatMap((policy) =>
    readDocument((policy as Props).PolicyDocument, context),
  );
  const attached = attachedDocuments(template, roleId).flatMap((document) => readDocument(document, context));
  const managed = managedStatements(template, p, context);
  return {
    roleName: typeof p.RoleName === 'string' ? p.RoleName : roleId,
    statements: [...inline, ...attached, ...managed.statements],
    unknownManagedPolicies: managed.unknown,
  };
}

/**
 * The identity of a function from its `Role`. A role that is not in the template (an imported
 * ARN) has no policies the local cloud can read, so it is allowed nothing.
 */
export function functionIdentity(
  template: CfnTemplate,
  functionLogicalId: string,
  context: ResolveContext,
): FunctionIdentity {
  const roleValue = props(template.Resources[functionLogicalId] as Resource).Role;
  const roleId = getAttId(roleValue);
  const role = roleId === null ? undefined : template.Resources[roleId];
  if (roleId !== null && role?.Type === 'AWS::IAM::Role')
    return roleIdentity(template, roleId, role, context);
  const arn = resolveOrNull(roleValue, context) ?? '';
  return { roleName: arn.split('/').at(-1) || 'unknown', statements: [], unknownManagedPolicies: [] };
}

export const principalArn = (roleName: string, sessionName: string) =>
  `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${sessionName}`;

export const roleArn = (roleName: string) => `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
