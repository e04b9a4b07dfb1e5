import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';
import type { ResolveContext } from '../template/intrinsics.ts';
import type { CfnTemplate } from '../template/tables.ts';
import type { AccessRequest } from './access.ts';
import { type ConditionContext, type Decision, evaluate, type Statement } from './policy.ts';
import { functionIdentity, principalArn, roleArn } from './role-policies.ts';

/** A function as IAM sees it when it calls a service. */
export interface Caller {
  readonly functionName: string;
  readonly principal: string;
  readonly statements: readonly Statement[];
  readonly context: ConditionContext;
}

export interface AccessDenial extends AccessRequest {
  readonly function: string;
  readonly principal: string;
  /** AWS's wording, as the SDK's error message shows it. */
  readonly message: string;
}

/** One request of a function's call as IAM judged it. */
export interface AccessCheck {
  readonly function: string;
  /** The call's SigV4 `Authorization` header: it tells the caller to a replay of the check. */
  readonly authorization: string;
  readonly request: AccessRequest;
  readonly allowed: boolean;
}

/**
 * Each function signs its calls with its own access key id, so a service can tell which function
 * calls from the SigV4 `Credential=<key>/...` scope, as AWS tells it from the role's session.
 */
export const accessKeyOf = (functionLogicalId: string) => `LOCALFN${functionLogicalId}`;

export function accessKeyIn(authorization: string | undefined): string | null {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? null;
}

function denialMessage(caller: Caller, request: AccessRequest, decision: Decision): string {
  const why =
    decision === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${caller.principal} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why}`;
}

/** Authorizes the functions' calls against their roles' policies; other callers are not checked. */
export class IamAuthorizer {
  constructor(
    private readonly callers: ReadonlyMap<string, Caller>,
    private readonly onDenied: (denial: AccessDenial) => void,
    /** Absent unless asked for: every DynamoDB call would otherwise build a record for nobody. */
    private readonly onChecked?: (check: AccessCheck) => void,
  ) {}

  /** The first request of the call that the caller's policies do not allow, or null when all are. */
  check(authorization: string | undefined, requests: readonly AccessRequest[]): AccessDenial | null {
    const caller = this.callers.get(accessKeyIn(authorization) ?? '');
    if (!caller) return null;
    for (const request of requests) {
      const decision = evaluate(caller.statements, request, caller.context);
      const allowed = decision === 'allow';
      this.onChecked?.({
        function: caller.functionName,
        authorization: authorization ?? '',
        request,
        allowed,
      });
      if (allowed) continue;
      const denial = {
        ...request,
        function: caller.functionName,
        principal: caller.principal,
        message: denialMessage(caller, request, decision),
      };
      this.onDenied(denial);
      return denial;
    }
    return null;
  }
}

function conditionContext(role: string): ConditionContext {
  return new Map([
    ['aws:requestedregion', [REGION]],
    ['aws:principalarn', [roleArn(role)]],
    ['aws:principalaccount', [ACCOUNT]],
    // The SDK calls AWS over HTTPS; only the local hop is plain HTTP.
    ['aws:securetransport', ['true']],
  ]);
}

export interface IamSetup {
  readonly template: CfnTemplate;
  /** Function logical id → its local name, the role session's name. */
  readonly functions: ReadonlyMap<string, string>;
  readonly context: ResolveContext;
  readonly log: (line: Record<string, unknown>) => void;
  readonly onChecked?: (check: AccessCheck) => void;
}

/** The authorizer of every function of the template, keyed by the access key each one signs with. */
export function createIamAuthorizer({
  template,
  functions,
  context,
  log,
  onChecked,
}: IamSetup): IamAuthorizer {
  const callers = new Map<string, Caller>();
  for (const [logicalId, functionName] of functions) {
    const identity = functionIdentity(template, logicalId, context);
    for (const arn of identity.unknownManagedPolicies)
      log({
        level: 'warn',
        msg: 'managed policy not known locally: it grants nothing',
        function: functionName,
        arn,
      });
    const principal = principalArn(identity.roleName, functionName);
    callers.set(accessKeyOf(logicalId), {
      functionName,
      principal,
      statements: identity.statements,
      context: conditionContext(identity.roleName),
    });
  }
  return new IamAuthorizer(
    callers,
    (denial) =>
      log({
        level: 'warn',
        msg: 'access denied',
        function: denial.function,
        action: denial.action,
        resource: denial.resource,
        principal: denial.principal,
      }),
    onChecked,
  );
}
