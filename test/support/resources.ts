import type { Template } from 'aws-cdk-lib/assertions';
import type { FunctionId } from '#lib/function-specs.ts';

/** A CloudFormation resource as it appears in the synthesized template. */
export interface CfnResource {
  readonly Type: string;
  // Resource properties are whatever CloudFormation says they are; each test narrows what it reads.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  readonly Properties: Record<string, any>;
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
}

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type) as Record<string, CfnResource>);
}

export function onlyResource(template: Template, type: string): [string, CfnResource] {
  const all = resourcesOfType(template, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0] as [string, CfnResource];
}

/** Functions are found by their Powertools service name, which the stack sets to the function id. */
export function lambdaOf(template: Template, id: FunctionId): [string, CfnResource] {
  const found = resourcesOfType(template, 'AWS::Lambda::Function').filter(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === id,
  );
  if (found.length !== 1) throw new Error(`expected one function ${id}, found ${found.length}`);
  return found[0] as [string, CfnResource];
}

export function roleOf(template: Template, id: FunctionId): string {
  const [, fn] = lambdaOf(template, id);
  return fn.Properties.Role['Fn::GetAtt'][0];
}

/** Every statement that applies to a role: its inline policies and the AWS::IAM::Policy attached to it. */
export function statementsOf(template: Template, roleLogicalId: string): PolicyStatement[] {
  const role = template.toJSON().Resources[roleLogicalId] as CfnResource;
  const inline = (role.Properties.Policies ?? []).flatMap(
    (policy: { PolicyDocument: { Statement: PolicyStatement[] } }) => policy.PolicyDocument.Statement,
  );
  const attached = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      policy.Properties.Roles.some((ref: { Ref?: string }) => ref.Ref === roleLogicalId),
    )
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
  return [...inline, ...attached];
}

export function allowedActions(template: Template, id: FunctionId): Set<string> {
  return new Set(
    statementsOf(template, roleOf(template, id))
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => [statement.Action].flat()),
  );
}

export const ref = (logicalId: string) => ({ Ref: logicalId });
export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
