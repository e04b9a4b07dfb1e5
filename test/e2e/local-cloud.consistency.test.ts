import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PARTY_INDEX_LAG_MS } from '#shared/adapters/dynamodb/connection-store.ts';
import { httpApi } from '#test/support/http-api.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { openSocket } from '#test/support/socket-client.ts';

// Every eventually consistent read inside the consistency window sees the table as it was before
// that window's writes: what AWS may do now and then, done every time. The window is as long as the
// app allows the by_party index to lag, less a margin, so that a broadcast follows a connect inside it.
let testCloud: TestCloud;
let cloud: LocalCloud;

beforeAll(async () => {
  testCloud = await startTestCloud({
    faults: { staleReads: true },
    consistencyWindowMs: PARTY_INDEX_LAG_MS - 100,
  });
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

const api = httpApi(() => cloud.endpoints.http);
const call = (path: string, body: unknown, token?: string) => api('POST', path, body, token);

/** A party with its token, its first input added and planned: every function's container is warm. */
async function plannedParty() {
  const started = await call('/start', {});
  const partyId = String(started.body.party_id);
  const token = String(started.body.token);
  const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
  await call('/input', { party_id: partyId, content: 'a jungle party for 30 guests' }, token);
  await socket.waitFor((message) => message.type === 'plan_updated', 30_000);
  await socket.close();
  await cloud.idle();
}

it('delivers every broadcast to a socket opened just before the pipeline ran, though the by_party index lags', async () => {
  // Warm, the pipeline broadcasts well inside the window after the socket's connection was stored.
  await plannedParty();
  const started = await call('/start', {});
  const partyId = String(started.body.party_id);
  const token = String(started.body.token);
  const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
  const added = await call('/input', { party_id: partyId, content: 'a garden party for 20 guests' }, token);
  expect(added.status).toBe(202);
  await socket.waitFor(
    (message) =>
      message.type === 'plan_updated' &&
      (message.payload as { completion_percent: number }).completion_percent === 100,
    30_000,
  );
  await cloud.idle();
  // The socket sends no resume: it holds only what was broadcast to it while open, every message.
  const seqs = socket.messages.flatMap((message) => (typeof message.seq === 'number' ? [message.seq] : []));
  const last = Math.max(...seqs);
  for (let seq = 1; seq <= last; seq++) await socket.waitFor((message) => message.seq === seq, 5_000);
  expect(socket.messages.find((message) => message.seq === 1)).toMatchObject({ type: 'input_added' });
  await socket.close();
});
