import type { CfnTemplate } from '@party-planner/local-cloud/template';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PartyPlannerStack } from '#lib/party-planner-stack.ts';

/** The stack as CloudFormation, without bundling the functions (tests that need bundles synthesize them). */
export function synthesizeForTests(): { stack: PartyPlannerStack; template: Template; json: CfnTemplate } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new PartyPlannerStack(app, 'PartyPlannerTest');
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as CfnTemplate };
}
