import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synthesizeApp } from '#bin/party-cloud.ts';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';

const FREE_PORTS = {
  PARTY_PLANNER_HTTP_PORT: '0',
  PARTY_PLANNER_WS_PORT: '0',
  PARTY_PLANNER_EVENTBRIDGE_PORT: '0',
  PARTY_PLANNER_DYNAMODB_PORT: '0',
  PARTY_PLANNER_WEB_PORT: '0',
};

let child: ChildProcess | undefined;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'cdk.out', `${STACK_ID}.template.json`))) await synthesizeApp();
}, 180_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

it('prints one line per endpoint, serves, and stops cleanly on Ctrl-C', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'bin/local-cloud.ts', '--no-synth'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...FREE_PORTS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('Ctrl-C stops it.');
  const endpoint = (name: string) => new RegExp(`^${name}: (\\S+)$`, 'm').exec(output)?.[1];
  expect(endpoint('HTTP API')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint('WebSocket API')).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint('EventBridge')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint('DynamoDB')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(endpoint('Web')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  // The page finds this very cloud through config.json.
  const config = await (await fetch(`${endpoint('Web')}/config.json`)).json();
  expect(config).toEqual({ httpUrl: endpoint('HTTP API'), wsUrl: endpoint('WebSocket API') });
  expect((await fetch(`${endpoint('Web')}/`)).headers.get('content-type')).toMatch(/^text\/html/);

  const started = await fetch(`${endpoint('HTTP API')}/api/v1/event-driven/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(started.status).toBe(201);

  const exit = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exit).toBe(0);
}, 120_000);

it.each([
  ['--function-concurrency', '0', 'an integer of at least 1'],
  ['--function-concurrency', 'abc', 'an integer of at least 1'],
  ['--delay-scale', '0', 'a number above 0'],
])(
  'refuses %s %s with the usage, before starting anything',
  async (flag, value, expected) => {
    const refused = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const cli = spawn(
        process.execPath,
        ['--import', 'tsx', 'bin/local-cloud.ts', '--no-synth', flag, value],
        {
          cwd: REPO_ROOT,
          // Were the flag accepted, the cloud would start: on free ports, and only for a while.
          env: { ...process.env, ...FREE_PORTS },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 30_000,
        },
      );
      let stdout = '';
      let stderr = '';
      cli.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      cli.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      cli.once('exit', (code) => resolve({ code, stdout, stderr }));
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`invalid ${flag} ${value}: expected ${expected}`);
    expect(refused.stderr).toContain('Usage: npm start');
    expect(refused.stdout).toBe('');
  },
  60_000,
);
