import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '#lib/paths.ts';

export class SynthError extends Error {
  override readonly name = 'SynthError';
}

/** Runs the pinned CDK CLI exactly as a deploy would, so the local cloud runs the same template and bundles. */
export function synthesize(outDir = join(REPO_ROOT, 'cdk.out')): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
        'synth',
        '--quiet',
        '--no-notices',
        '--output',
        outDir,
      ],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'inherit', 'pipe'],
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('error', (error) => reject(new SynthError(`cannot run cdk: ${error.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve(outDir) : reject(new SynthError(`cdk synth failed (${code}):\n${errors}`)),
    );
  });
}
