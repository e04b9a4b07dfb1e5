import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
// A hand-written template, no CDK app: the CLI runs any cloud assembly.
const ASSEMBLY = fileURLToPath(new URL('fixtures/assembly', import.meta.url));
const FREE_PORTS = {
  LOCAL_CLOUD_HTTP_PORT: '0',
  LOCAL_CLOUD_WS_PORT: '0',
  LOCAL_CLOUD_EVENTBRIDGE_PORT: '0',
  LOCAL_CLOUD_DYNAMODB_PORT: '0',
};

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

function cli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local-cloud.ts', ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ...FREE_PORTS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

it('runs a stack of an existing assembly, prints its endpoints and stops cleanly on Ctrl-C', async () => {
  // Without IAM and with strong reads the function reaches DynamoDB Local itself; otherwise through the
  // proxies that check its role and make its reads eventually consistent.
  const child = cli(['--assembly', ASSEMBLY, '--stack', 'Echo', '--no-iam', '--strong-reads']);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('Ctrl-C stops it.');
  const endpoint = (name: string) => new RegExp(`^${name}: (\\S+)$`, 'm').exec(output)?.[1];
  expect(endpoint('EventBridge')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const dynamodb = endpoint('DynamoDB');
  expect(dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const answer = await fetch(`${endpoint('HTTP API')}/echo`);
  expect(answer.status).toBe(200);
  // The function got the template's environment, its references resolved to the local resources.
  expect(await answer.json()).toEqual({ route: 'GET /echo', table: 'Echo-Table', bus: 'echo-bus', dynamodb });

  child.kill('SIGINT');
  expect(await exit).toBe(0);
}, 120_000);

it.each([
  ['no --assembly', ['--stack', 'Echo'], 'both --assembly and --stack are required'],
  ['a stack the assembly lacks', ['--assembly', ASSEMBLY, '--stack', 'Nope'], 'no Nope.template.json in'],
  [
    'a delay scale of 0',
    ['--assembly', ASSEMBLY, '--stack', 'Echo', '--delay-scale', '0'],
    'invalid --delay-scale 0',
  ],
  [
    'a consistency window that is no number',
    ['--assembly', ASSEMBLY, '--stack', 'Echo', '--consistency-window-ms', 'soon'],
    'invalid --consistency-window-ms soon',
  ],
  [
    'stale reads without the eventual consistency they need',
    ['--assembly', ASSEMBLY, '--stack', 'Echo', '--strong-reads', '--stale-reads'],
    '--stale-reads needs eventually consistent reads',
  ],
  [
    'a port that is no number',
    ['--assembly', ASSEMBLY, '--stack', 'Echo', '--http-port', 'x'],
    'invalid --http-port (LOCAL_CLOUD_HTTP_PORT) x',
  ],
])(
  'refuses %s with the usage, before starting anything',
  async (_, args, expected) => {
    const refused = await finished(cli(args));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(expected);
    expect(refused.stderr).toContain('Usage: local-cloud --assembly DIR --stack NAME');
    expect(refused.stdout).toBe('');
  },
  60_000,
);
