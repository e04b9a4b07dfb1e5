import { spawn } from 'node:child_process';
import { join } from 'node:path';

export class SynthError extends Error {
  override readonly name = 'SynthError';
}

/**
 * Runs the CDK app in `appDir` with its own pinned CDK CLI, exactly as a deploy would, so the local
 * cloud runs the same template and bundles.
 */
export function synthesize(appDir: string, outDir = join(appDir, 'cdk.out')): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(appDir, 'node_modules', 'aws-cdk', 'bin', 'cdk'),
        'synth',
        '--quiet',
        '--no-notices',
        '--output',
        outDir,
      ],
      {
        cwd: appDir,
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
