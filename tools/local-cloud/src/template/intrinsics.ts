/**
 * Resolves the CloudFormation intrinsics that a synthesized template uses for wiring (`Ref`,
 * `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`) against the local physical values of each
 * resource. Anything it cannot resolve is an error: a silent `[object Object]` in an environment
 * variable would be far harder to find.
 */
export type Physical = {
  readonly ref: string;
  readonly attributes?: Readonly<Record<string, string>>;
};

export interface ResolveContext {
  readonly resources: ReadonlyMap<string, Physical>;
  readonly pseudo: Readonly<Record<string, string>>;
}

export class UnresolvableIntrinsicError extends Error {
  override readonly name = 'UnresolvableIntrinsicError';
}

export function resolveValue(value: unknown, context: ResolveContext): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null)
    throw new UnresolvableIntrinsicError(`cannot resolve ${value}`);
  const [[fn, argument] = []] = Object.entries(value);
  switch (fn) {
    case 'Ref':
      return resolveRef(String(argument), context);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = argument as [string, string];
      const resolved = context.resources.get(logicalId)?.attributes?.[attribute];
      if (resolved === undefined)
        throw new UnresolvableIntrinsicError(`no local value for ${logicalId}.${attribute}`);
      return resolved;
    }
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => resolveValue(part, context)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = argument as [number, unknown[]];
      return resolveValue(list[index], context);
    }
    case 'Fn::Sub': {
      const [template, variables = {}] = (Array.isArray(argument) ? argument : [argument]) as [
        string,
        Record<string, unknown>?,
      ];
      return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in variables) return resolveValue(variables[name], context);
        const [logicalId, attribute] = name.split('.');
        if (attribute && logicalId) return resolveValue({ 'Fn::GetAtt': [logicalId, attribute] }, context);
        return resolveRef(name, context);
      });
    }
    default:
      throw new UnresolvableIntrinsicError(`unsupported intrinsic ${fn ?? JSON.stringify(value)}`);
  }
}

function resolveRef(name: string, context: ResolveContext): string {
  const pseudo = context.pseudo[name];
  if (pseudo !== undefined) return pseudo;
  const resource = context.resources.get(name);
  if (!resource) throw new UnresolvableIntrinsicError(`no local value for Ref ${name}`);
  return resource.ref;
}

/** Logical ids that a value refers to, to tell for instance which variables point at the WebSocket API. */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, inner] of Object.entries(node)) {
      if (key === 'Ref' && typeof inner === 'string') ids.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner)) ids.add(String(inner[0]));
      else visit(inner);
    }
  };
  visit(value);
  return ids;
}
