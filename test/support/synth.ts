import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addPartyPlanner } from '#lib/party-planner-app.ts';
import type { PartyPlannerStack } from '#lib/party-planner-stack.ts';

export interface Synthesized {
  readonly app: App;
  readonly stack: PartyPlannerStack;
  readonly template: Template;
}

/**
 * The app exactly as `bin/app.ts` builds it, minus esbuild bundling. cdk-nag runs during synthesis,
 * so this already throws on any unacknowledged AwsSolutions finding. It stays in memory (no cdk.out,
 * no bundles, no DynamoDB) and takes about a second, which is why the template tests are unit tests.
 */
export function synthesize(
  options: { context?: Record<string, unknown>; env?: Environment; webDistDir?: string } = {},
): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...options.context } });
  const stack = addPartyPlanner(app, options.env, { webDistDir: options.webDistDir });
  return { app, stack, template: Template.fromStack(stack) };
}
