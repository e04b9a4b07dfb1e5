import type { CfnTemplate } from './tables.ts';

export type Resource = CfnTemplate['Resources'][string] & { readonly Metadata?: Record<string, unknown> };
export type Props = Record<string, unknown>;

/** The template's resources of one CloudFormation type, by logical id, in template order. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, Resource][] {
  return (Object.entries(template.Resources) as [string, Resource][]).filter(
    ([, resource]) => resource.Type === type,
  );
}

export function props(resource: Resource): Props {
  return (resource.Properties ?? {}) as Props;
}

export function getAttId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Props;
  if (Array.isArray(record['Fn::GetAtt'])) return String(record['Fn::GetAtt'][0]);
  if (typeof record.Ref === 'string') return record.Ref;
  return null;
}

/** Finds the logical id that a Lambda ARN expression (possibly wrapped in an invocation URI) points at. */
export function functionIdIn(value: unknown, functions: ReadonlyMap<string, unknown>): string | null {
  const direct = getAttId(value);
  if (direct && functions.has(direct)) return direct;
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value as Props)) {
      const found = Array.isArray(inner)
        ? inner.map((item) => functionIdIn(item, functions)).find(Boolean)
        : functionIdIn(inner, functions);
      if (found) return found;
    }
  }
  return null;
}
