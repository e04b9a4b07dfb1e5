import type { AccessCheck, LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_IDS, type FunctionId } from '#lib/function-specs.ts';
import { ConnectionStore } from '#shared/adapters/dynamodb/connection-store.ts';
import { OPENING_GRACE_MS } from '#shared/use-cases/broadcast/deliver.ts';
import { httpApi } from '#test/support/http-api.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { type RoleStatement, roleStatements, withoutAction } from '#test/support/role-statements.ts';
import { openSocket } from '#test/support/socket-client.ts';

/*
 * "A role stripped of one permission fails where AWS would", for every grant of every function, at
 * the price of one cloud. The cloud runs the synthesized stack with IAM on and records every request
 * of every call the functions make as IAM judged it; the test drives each function's path once
 * (HTTP, WebSocket, the pipeline, a gone socket). Then, for each action of each statement of each
 * role, it takes that one action out of the template and replays the function's recorded requests
 * through the cloud's own IAM check on that template: at least one is denied, with AWS's message.
 * Real traffic and real policies; what is not replayed is only the function's reaction to the
 * denial, which stripped-role.test.ts shows live for five of them.
 */

/**
 * Grants that one fresh party's life does not use, and why; every other grant must be needed by the
 * traffic above. An entry here that the traffic does use fails too, so this list stays true.
 */
const NOT_EXERCISED: Readonly<Partial<Record<FunctionId, readonly string[]>>> = {
  // Only a change that finds the party's expiry due extends its items, at most once a day
  // (party-expiry.ts; test/integration/party-expiry.test.ts drives it).
  analyzer: ['dynamodb:UpdateItem PARTY#*'],
  'theme-agent': ['dynamodb:UpdateItem PARTY#*'],
  'venue-agent': ['dynamodb:UpdateItem PARTY#*'],
  'cake-agent': ['dynamodb:UpdateItem PARTY#*'],
  'catering-agent': ['dynamodb:UpdateItem PARTY#*'],
  'vendor-agent': ['dynamodb:UpdateItem PARTY#*'],
  budget: ['dynamodb:UpdateItem PARTY#*'],
  planner: ['dynamodb:UpdateItem PARTY#*'],
};

let testCloud: TestCloud;
let cloud: LocalCloud;
const checks: AccessCheck[] = [];

const call = httpApi(() => cloud.endpoints.http);

const planComplete = (message: Record<string, unknown>) =>
  message.type === 'plan_updated' &&
  (message.payload as { completion_percent?: number }).completion_percent === 100;

/** One party's whole life: every function's path, each at least once. */
async function liveOneParty(): Promise<void> {
  const started = await call('POST', '/start', {
    initial_inputs: [{ input_id: 'theme', content: 'jungle theme for 75 guests, budget $1500' }],
  });
  expect(started.status).toBe(201);
  const partyId = started.body.party_id as string;
  const token = started.body.token as string;
  const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
  // A socket that went away without its row being deleted: the broadcaster finds it gone (410).
  await new ConnectionStore(testCloud.doc, testCloud.tableName).add({
    connection_id: 'gone-connection',
    party_id: partyId,
    connected_at: new Date(Date.now() - 2 * OPENING_GRACE_MS).toISOString(),
  });
  const added = await call(
    'POST',
    '/input',
    {
      party_id: partyId,
      input_id: 'more',
      content: 'nut-free cake, a venue downtown, vegetarian catering and a magician',
    },
    token,
  );
  expect(added.status).toBe(202);
  await socket.waitFor(planComplete, 45_000);
  await cloud.idle();
  const replayFrom = socket.messages.length;
  socket.send({ action: 'resume', since: 0 });
  await socket.waitFor((message) => message.seq === 1 && socket.messages.indexOf(message) >= replayFrom);
  expect((await call('GET', `/status/${partyId}`, undefined, token)).status).toBe(200);
  // Removing every input removes every agent's data, and with it the budget.
  for (const inputId of ['theme', 'more'])
    expect((await call('DELETE', `/input/${inputId}?party_id=${partyId}`, undefined, token)).status).toBe(
      202,
    );
  await cloud.idle();
  await socket.close();
  await expect.poll(() => testCloud.connectionsOf(partyId), { timeout: 10_000 }).toEqual([]);
}

beforeAll(async () => {
  testCloud = await startTestCloud({ onAccessChecked: (check) => checks.push(check) });
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

/** `dynamodb:PutItem PARTY#*`, `dynamodb:Query index`, `events:PutEvents`... */
function grantName(statement: RoleStatement, action: string): string {
  const leadingKeys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  if (Array.isArray(leadingKeys)) return `${action} ${leadingKeys.join(',')}`;
  return JSON.stringify(statement.Resource).includes('/index/') ? `${action} index` : action;
}

/**
 * The functions' own calls: logs are written by Lambda, the failure queue fed by it and the trace
 * segments sent by it (active tracing), not by the code.
 */
const byCode = (action: string) => !['logs:', 'sqs:', 'xray:'].some((service) => action.startsWith(service));

/** How many of the function's recorded requests the stripped role would refuse, and one refusal. */
function replayWithout(id: FunctionId, index: number, action: string) {
  const authorizer = cloud.iamAuthorizerFor(withoutAction(cloud.template, id, action, index));
  const denials = checks
    .filter((check) => check.function === id && check.allowed)
    .flatMap((check) => authorizer.check(check.authorization, [check.request]) ?? []);
  return { count: denials.length, first: denials[0] };
}

describe("every function's grants, against its real traffic", () => {
  // First: the traffic that the tests after it replay.
  it('drives every function, and the full roles allow every call', async () => {
    await liveOneParty();
    expect(testCloud.accessDenials()).toEqual([]);
    expect(checks.filter((check) => !check.allowed)).toEqual([]);
    const callers = new Set(checks.map((check) => check.function));
    expect(FUNCTION_IDS.filter((id) => !callers.has(id))).toEqual([]);
  }, 180_000);

  it.each(FUNCTION_IDS)('%s: each grant taken away refuses some of its calls', (id) => {
    const unused: string[] = [];
    roleStatements(cloud.template, id).forEach((statement, index) => {
      for (const action of [statement.Action].flat().filter(byCode)) {
        const { count, first } = replayWithout(id, index, action);
        if (count === 0) {
          unused.push(grantName(statement, action));
          continue;
        }
        expect(first?.message, grantName(statement, action)).toMatch(
          new RegExp(`^User: \\S+/${id} is not authorized to perform: ${action} on resource: `),
        );
      }
    });
    expect(unused.sort()).toEqual([...(NOT_EXERCISED[id] ?? [])].sort());
  });
});
