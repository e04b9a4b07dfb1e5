import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionId } from '#lib/function-specs.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { API_PREFIX } from '#shared/client/http-client.ts';
import { httpApi } from '#test/support/http-api.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { withoutAction } from '#test/support/role-statements.ts';
import { openSocket, type TestSocket } from '#test/support/socket-client.ts';

/*
 * The live half of "a role stripped of one permission fails where AWS would" (least-privilege.test.ts
 * replays every grant of every function against recorded calls): one cloud whose template takes one
 * action away from five functions whose paths do not depend on each other, and what a user then sees.
 * Everything else must keep working, and the only denials must be the five taken away.
 */
const STRIPPED: readonly (readonly [FunctionId, string])[] = [
  ['planner', 'dynamodb:PutItem'],
  ['http-get-status', 'dynamodb:GetItem'],
  ['http-remove-input', 'dynamodb:PutItem'],
  ['ws-default', 'dynamodb:Query'],
  ['ws-disconnect', 'dynamodb:DeleteItem'],
];

let testCloud: TestCloud;
let cloud: LocalCloud;
let party: { partyId: string; token: string };
let socket: TestSocket;

const api = httpApi(() => cloud.endpoints.http);
const call = (method: string, path: string, body?: unknown) => api(method, path, body, party.token);

const logicalIdOf = (id: FunctionId) =>
  [...cloud.model.functions.values()].find((fn) => fn.name === id)?.logicalId;

beforeAll(async () => {
  testCloud = await startTestCloud({}, (template) =>
    STRIPPED.reduce((stripped, [id, action]) => withoutAction(stripped, id, action), template),
  );
  cloud = testCloud.cloud;
  const started = await fetch(`${cloud.endpoints.http}${API_PREFIX}/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ initial_inputs: [{ input_id: 'theme', content: 'jungle theme for 75 guests' }] }),
  });
  expect(started.status).toBe(201);
  const body = (await started.json()) as { party_id: string; token: string };
  party = { partyId: body.party_id, token: body.token };
  socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${party.partyId}&token=${party.token}`);
}, 180_000);

afterAll(() => testCloud?.stop());

describe('a function whose role lacks one action it uses fails there, and only there', () => {
  it('planner without PutItem: the agents report, no plan ever comes, its event ends in the failure queue', async () => {
    await socket.waitFor((message) => message.type === 'agent_completed');
    await cloud.idle();
    const letters = cloud.deadLetters().filter((letter) => letter.function === logicalIdOf('planner'));
    expect(letters.length).toBeGreaterThan(0);
    for (const letter of letters)
      expect(letter.error).toMatch(/is not authorized to perform: dynamodb:PutItem on resource: /);
    expect(socket.messages.filter((message) => message.type === 'plan_updated')).toEqual([]);
  });

  it('http-get-status without GetItem: the status request fails with a 500', async () => {
    expect((await call('GET', `/status/${party.partyId}`)).status).toBe(500);
  });

  it('http-remove-input without PutItem: the removal fails with a 500 and changes nothing', async () => {
    const removed = await call('DELETE', `/input/theme?party_id=${party.partyId}`);
    expect(removed.status).toBe(500);
    const stored = await new PartyStore(testCloud.doc, testCloud.tableName).getParty(party.partyId, true);
    expect(stored?.inputs.map((input) => input.input_id)).toEqual(['theme']);
  });

  it("ws-default without Query: a resume gets API Gateway's internal error, the socket stays open", async () => {
    socket.send({ action: 'resume', since: 0 });
    await socket.waitFor((message) => message.message === 'Internal server error');
    socket.send({ action: 'ping' });
    await socket.waitFor((message) => message.type === 'pong');
  });

  it('ws-disconnect without DeleteItem: a closed socket leaves its connection row behind', async () => {
    const [connectionId] = await testCloud.connectionsOf(party.partyId);
    await socket.close();
    await expect
      .poll(() => testCloud.accessDenials().some((denial) => denial.function === 'ws-disconnect'))
      .toBe(true);
    expect(await testCloud.connectionsOf(party.partyId)).toEqual([connectionId]);
  });

  // Last: every step above has run.
  it('denied exactly the actions taken away, to the functions they were taken from', () => {
    const denied = new Set(testCloud.accessDenials().map((denial) => `${denial.function} ${denial.action}`));
    expect([...denied].sort()).toEqual(STRIPPED.map(([id, action]) => `${id} ${action}`).sort());
  });
});
