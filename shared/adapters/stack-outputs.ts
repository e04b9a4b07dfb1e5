import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/** A deployed stack's outputs by key, as `cdk deploy` prints them. */
export async function stackOutputs(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const [stack] = Stacks;
  if (!stack) throw new Error(`stack ${stackName} not found`);
  return Object.fromEntries(
    (stack.Outputs ?? []).flatMap((output) =>
      output.OutputKey && output.OutputValue !== undefined ? [[output.OutputKey, output.OutputValue]] : [],
    ),
  );
}

/** One output an operator tool cannot do without; its absence means a stack older than the tool. */
export function requiredOutput(outputs: Record<string, string>, stackName: string, key: string): string {
  const value = outputs[key];
  if (!value) throw new Error(`stack ${stackName} has no ${key} output: deploy the current version`);
  return value;
}
