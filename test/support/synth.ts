import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addPartyPlanner } from '#lib/party-planner-app.ts';
import type { PartyPlannerStack } from '#lib/party-planner-stack.ts';

export interface Synthesized {
  readonly app: App;
  readonly stack: PartyPlannerStack;
  readonly template: Template;
}

let outdir: string | undefined;

/**
 * Synthesis still writes an assembly (with the Powertools layer's zip), and assertions such as
 * `Annotations.fromStack` synthesize again into it: one folder per test file, overwritten by each app
 * and removed after the file (test/support/synth-cleanup.ts), not tens of megabytes left per run.
 */
function assemblyDir(): string {
  outdir ??= mkdtempSync(join(tmpdir(), 'party-planner-synth-'));
  return outdir;
}

export function removeSynthOutput(): void {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
}

/**
 * The app exactly as `bin/app.ts` builds it, minus esbuild bundling. cdk-nag runs during synthesis,
 * so this already throws on any unacknowledged AwsSolutions finding. It stays in memory (no cdk.out,
 * no bundles, no DynamoDB) and takes about a second, which is why the template tests are unit tests.
 */
export function synthesize(
  options: { context?: Record<string, unknown>; env?: Environment; webDistDir?: string } = {},
): Synthesized {
  const app = new App({
    outdir: assemblyDir(),
    context: { 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const stack = addPartyPlanner(app, options.env, { webDistDir: options.webDistDir });
  return { app, stack, template: Template.fromStack(stack) };
}
