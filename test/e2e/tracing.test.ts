import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi } from '#test/support/http-api.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { openSocket } from '#test/support/socket-client.ts';

/*
 * The stack turns on Lambda active tracing and every publisher puts its invocation's trace header on
 * its PutEvents entries; the local cloud, like AWS, starts a trace for each API request and continues
 * the entry's trace in the rules' targets. So one input's whole chain shares one trace id.
 */

interface Invocation {
  readonly function: string;
  readonly event_type?: string;
  readonly party_id?: string;
  readonly trace_id?: string;
}

let testCloud: TestCloud;
let cloud: LocalCloud;
const invocations: Invocation[] = [];

beforeAll(async () => {
  testCloud = await startTestCloud({
    log: (line) => {
      if (line.msg === 'invocation') invocations.push(line as unknown as Invocation);
    },
  });
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

const call = httpApi(() => cloud.endpoints.http);

describe('tracing across the bus', () => {
  it('carries the trace of an input added over HTTP through the analyzer, agents and planner to the broadcaster', async () => {
    const started = await call('POST', '/start', {});
    expect(started.status).toBe(201);
    const partyId = started.body.party_id as string;
    const token = started.body.token as string;
    const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
    const added = await call(
      'POST',
      '/input',
      { party_id: partyId, content: 'jungle theme party for 75 guests' },
      token,
    );
    expect(added.status).toBe(202);
    await socket.waitFor(
      (message) =>
        message.type === 'plan_updated' &&
        (message.payload as { completion_percent?: number }).completion_percent === 100,
      45_000,
    );
    await cloud.idle();
    await socket.close();

    // Every function runs traced.
    expect(invocations.filter((invocation) => !invocation.trace_id)).toEqual([]);
    const [start] = invocations.filter((invocation) => invocation.function === 'http-start-party');
    const [add] = invocations.filter((invocation) => invocation.function === 'http-add-input');
    // A new trace per API request.
    expect(add?.trace_id).toBeDefined();
    expect(add?.trace_id).not.toBe(start?.trace_id);

    const chain = new Set(
      invocations
        .filter((invocation) => invocation.trace_id === add?.trace_id)
        .map((invocation) => invocation.function),
    );
    for (const fn of ['http-add-input', 'analyzer', 'theme-agent', 'planner', 'broadcaster'])
      expect(chain, fn).toContain(fn);
    // WebSocket routes start their own traces: API Gateway does not trace WebSocket APIs.
    expect(chain.has('ws-connect')).toBe(false);
  }, 120_000);
});
