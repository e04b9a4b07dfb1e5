import { type App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PartyPlannerStack, type PartyPlannerStackProps } from './party-planner-stack.ts';

export const STACK_ID = 'PartyPlannerStack';

/**
 * Adds the stack and the cdk-nag AwsSolutions checks to an app. cdk-nag 3 runs as a CDK policy
 * validation plugin: any finding that `nag-suppressions.ts` does not acknowledge fails synthesis.
 */
export function addPartyPlanner(
  app: App,
  env?: Environment,
  options: Pick<PartyPlannerStackProps, 'webDistDir'> = {},
): PartyPlannerStack {
  const stack = new PartyPlannerStack(app, STACK_ID, {
    ...options,
    env,
    description:
      'Party planner: event-driven planning agents on EventBridge, Lambda, DynamoDB and API Gateway',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
