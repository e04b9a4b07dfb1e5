import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type HostedFunction, type InvocationRecord, LambdaHost } from '../src/lambda/lambda-host.ts';
import { parseTraceHeader } from '../src/trace-header.ts';

// A handler that answers with the trace header it runs under.
const taskDir = mkdtempSync(join(tmpdir(), 'lambda-tracing-'));
writeFileSync(
  join(taskDir, 'index.mjs'),
  'export const handler = async () => process.env._X_AMZN_TRACE_ID ?? null;',
);

const hosted = (name: string, activeTracing: boolean): HostedFunction => ({
  name,
  taskDir,
  handler: 'index.handler',
  environment: {},
  timeoutSeconds: 10,
  memoryMb: 128,
  activeTracing,
});
const records: InvocationRecord[] = [];
const host = new LambdaHost(
  new Map([
    ['traced', hosted('traced', true)],
    ['untraced', hosted('untraced', false)],
  ]),
  { maxConcurrency: 1, onInvocation: (record) => records.push(record) },
);
afterAll(async () => {
  await host.close();
  rmSync(taskDir, { recursive: true, force: true });
});

const UPSTREAM = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';

describe('Lambda active tracing', () => {
  it('runs a traced function under a new trace per invocation, and logs its id', async () => {
    const first = String(await host.invoke('traced', {}));
    const second = String(await host.invoke('traced', {}));
    expect(first).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(parseTraceHeader(second)?.root).not.toBe(parseTraceHeader(first)?.root);
    expect(records.at(-1)?.trace_id).toBe(parseTraceHeader(second)?.root);
  });

  it('continues the trace a caller hands on, and leaves nothing for the next invocation', async () => {
    const continued = String(await host.invoke('traced', {}, UPSTREAM));
    expect(parseTraceHeader(continued)?.root).toBe('1-67891233-abcdef012345678912345678');
    const next = String(await host.invoke('traced', {}));
    expect(parseTraceHeader(next)?.root).not.toBe('1-67891233-abcdef012345678912345678');
  });

  it('gives a function without active tracing no trace header, whatever the caller hands on', async () => {
    expect(await host.invoke('untraced', {}, UPSTREAM)).toBeNull();
    expect(records.at(-1)).not.toHaveProperty('trace_id');
  });
});
