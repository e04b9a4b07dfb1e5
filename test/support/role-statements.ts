import type { CfnTemplate } from '@party-planner/local-cloud/template';
import type { FunctionId } from '#lib/function-specs.ts';

/** One statement of a role's policy as the template holds it; `Action` is what a test takes away from. */
export interface RoleStatement {
  Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

type Properties = Record<string, unknown>;

const propertiesOf = (template: CfnTemplate, logicalId: string): Properties =>
  template.Resources[logicalId]?.Properties ?? {};

/** The function whose Powertools service name (the stack sets it to the function id) is `id`. */
function functionLogicalId(template: CfnTemplate, id: FunctionId): string {
  const found = Object.entries(template.Resources).filter(
    ([, resource]) =>
      resource.Type === 'AWS::Lambda::Function' &&
      (resource.Properties?.Environment as { Variables?: Properties } | undefined)?.Variables
        ?.POWERTOOLS_SERVICE_NAME === id,
  );
  const [only] = found;
  if (!only || found.length !== 1) throw new Error(`expected one function ${id}, found ${found.length}`);
  return only[0];
}

/** The statements of the policies attached to the function's role, in `template` (not copies). */
export function roleStatements(template: CfnTemplate, id: FunctionId): RoleStatement[] {
  const role = propertiesOf(template, functionLogicalId(template, id)).Role as { 'Fn::GetAtt': string[] };
  const roleId = role['Fn::GetAtt'][0];
  return Object.values(template.Resources).flatMap(({ Type, Properties = {} }) => {
    const attached =
      Type === 'AWS::IAM::Policy' &&
      (Properties.Roles as { Ref?: string }[]).some((ref) => ref.Ref === roleId);
    return attached ? (Properties.PolicyDocument as { Statement: RoleStatement[] }).Statement : [];
  });
}

/**
 * A copy of the template whose function `id` lacks `action`: in the statement at `index` of its
 * role, or in every statement when no index is given.
 */
export function withoutAction(
  template: CfnTemplate,
  id: FunctionId,
  action: string,
  index?: number,
): CfnTemplate {
  const copy = structuredClone(template);
  roleStatements(copy, id).forEach((statement, at) => {
    if (index === undefined || index === at)
      statement.Action = [statement.Action].flat().filter((candidate) => candidate !== action);
  });
  return copy;
}
