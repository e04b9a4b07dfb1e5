import type { HandshakeRequest } from './events.ts';
import type { AuthorizerContext } from './types.ts';

export type AuthorizerVerdict =
  | { readonly allowed: true; readonly context: AuthorizerContext }
  | { readonly allowed: false; readonly status: 401 | 403 | 500 };

/**
 * API Gateway answers 401 without calling the authorizer when an identity source is absent or
 * empty. Sources are `route.request.header.X`, `route.request.querystring.X` or `stageVariables.X`;
 * `context.*` sources are always present on AWS, so they never block here.
 */
export function hasIdentitySources(sources: readonly string[], request: HandshakeRequest): boolean {
  const headers = new Map(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return sources.every((source) => {
    const header = /^(?:route|method)\.request\.header\.(.+)$/i.exec(source)?.[1];
    if (header !== undefined) return Boolean(headers.get(header.toLowerCase()));
    const query = /^(?:route|method)\.request\.querystring\.(.+)$/i.exec(source)?.[1];
    if (query !== undefined) return Boolean(request.queryStringParameters?.[query]);
    // No stage variables are configured, so such a source is always missing.
    if (source.startsWith('stageVariables.')) return false;
    return true;
  });
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value);
}

function matchesAny(patterns: unknown, value: string, ignoreCase: boolean): boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  return list.some((pattern) => typeof pattern === 'string' && wildcardMatch(pattern, value, ignoreCase));
}

/** IAM evaluation, reduced to what an authorizer policy uses: an explicit Deny wins, else an Allow is needed. */
function policyEffect(policy: unknown, methodArn: string): 'Allow' | 'Deny' | 'invalid' {
  if (typeof policy !== 'object' || policy === null) return 'invalid';
  const raw = (policy as { Statement?: unknown }).Statement;
  if (raw === undefined) return 'invalid';
  const statements = (Array.isArray(raw) ? raw : [raw]) as Statement[];
  const applicable = statements.filter(
    (statement) =>
      matchesAny(statement.Action, 'execute-api:Invoke', true) &&
      matchesAny(statement.Resource, methodArn, false),
  );
  if (applicable.some((statement) => statement.Effect === 'Deny')) return 'Deny';
  return applicable.some((statement) => statement.Effect === 'Allow') ? 'Allow' : 'Deny';
}

/**
 * Context values reach the routes as strings, as API Gateway forwards them; an object or array
 * value is a configuration error on AWS (500).
 */
function forwardedContext(context: unknown): Record<string, string> | undefined {
  if (context === undefined || context === null) return {};
  if (typeof context !== 'object' || Array.isArray(context)) return undefined;
  const forwarded: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return undefined;
    forwarded[key] = String(value);
  }
  return forwarded;
}

/** Lambda reports `throw new Error('Unauthorized')` (or `callback('Unauthorized')`) as the 401 signal. */
function isUnauthorizedSignal(error: unknown): boolean {
  if (error === 'Unauthorized') return true;
  if (typeof error !== 'object' || error === null) return false;
  const { message, errorMessage } = error as { message?: unknown; errorMessage?: unknown };
  return message === 'Unauthorized' || errorMessage === 'Unauthorized';
}

export async function authorize(
  invoke: () => Promise<unknown>,
  methodArn: string,
): Promise<AuthorizerVerdict> {
  const started = Date.now();
  let result: unknown;
  try {
    result = await invoke();
  } catch (error) {
    // Any other failure is an AuthorizerConfigurationException on AWS, which the client sees as 500.
    return { allowed: false, status: isUnauthorizedSignal(error) ? 401 : 500 };
  }
  if (isUnauthorizedSignal(result)) return { allowed: false, status: 401 };
  if (typeof result !== 'object' || result === null) return { allowed: false, status: 500 };
  const { principalId, policyDocument, context } = result as Record<string, unknown>;
  const effect = policyEffect(policyDocument, methodArn);
  const forwarded = forwardedContext(context);
  if (effect === 'invalid' || forwarded === undefined) return { allowed: false, status: 500 };
  if (effect === 'Deny') return { allowed: false, status: 403 };
  return {
    allowed: true,
    context: {
      ...forwarded,
      ...(typeof principalId === 'string' ? { principalId } : {}),
      integrationLatency: Date.now() - started,
    },
  };
}
