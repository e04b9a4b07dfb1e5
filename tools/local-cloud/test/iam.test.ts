import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type LocalCloud, startLocalCloud } from '../src/local-cloud.ts';

// A hand-written stack whose two functions have different roles; each makes the call it is asked for.
const ASSEMBLY = fileURLToPath(new URL('fixtures/iam-assembly', import.meta.url));
const FREE_PORTS = { http: 0, websocket: 0, eventbridge: 0, dynamodb: 0 };
const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/Iam-Table';
const BUS_ARN = 'arn:aws:events:us-east-1:000000000000:event-bus/iam-bus';

type Outcome = { ok: true } | { error: string; message: string; status: number };

async function callAs(cloud: LocalCloud, fn: 'reader' | 'writer', call: string): Promise<Outcome> {
  const answer = await fetch(`${cloud.endpoints.http}/${fn}`, {
    method: 'POST',
    body: JSON.stringify({ call }),
  });
  return (await answer.json()) as Outcome;
}

/** What the reader's `$default` handler posts back after making `call` over the WebSocket. */
async function callOverSocket(cloud: LocalCloud, call: string): Promise<Outcome> {
  const socket = new WebSocket(cloud.endpoints.websocket);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  socket.send(JSON.stringify({ call }));
  const outcome = JSON.parse(await reply) as Outcome;
  socket.close();
  return outcome;
}

const denied = (role: string, fn: string, action: string, resource: string) => ({
  error: 'AccessDeniedException',
  message: `User: arn:aws:sts::000000000000:assumed-role/${role}/${fn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
});

describe('with IAM enforced (the default)', () => {
  let cloud: LocalCloud;
  const logs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    cloud = await startLocalCloud({
      assemblyDir: ASSEMBLY,
      stackName: 'Iam',
      ports: FREE_PORTS,
      log: (line) => logs.push(line),
    });
  }, 120_000);
  afterAll(() => cloud?.stop());

  it('allows what the role grants: GetItem by dynamodb:Get*, a Query of an index by index/*', async () => {
    expect(await callAs(cloud, 'reader', 'get')).toEqual({ ok: true });
    expect(await callAs(cloud, 'reader', 'query')).toEqual({ ok: true });
    expect(await callAs(cloud, 'writer', 'put')).toEqual({ ok: true });
  });

  it("answers the SDK DynamoDB's AccessDeniedException for an action the role lacks, and logs it", async () => {
    // The reader's only PutItem grant depends on dynamodb:Attributes, a key not evaluated here.
    expect(await callAs(cloud, 'reader', 'put')).toEqual({
      ...denied('ReaderRole', 'Reader', 'dynamodb:PutItem', TABLE_ARN),
      status: 400,
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'access denied',
        function: 'Reader',
        action: 'dynamodb:PutItem',
        resource: TABLE_ARN,
      }),
    );
  });

  it('evaluates dynamodb:LeadingKeys on the partition key a call writes', async () => {
    // The reader may update items whose partition key starts with `party#`, and no other.
    expect(await callAs(cloud, 'reader', 'update')).toEqual({ ok: true });
    expect(await callAs(cloud, 'reader', 'update-stats')).toEqual({
      ...denied('ReaderRole', 'Reader', 'dynamodb:UpdateItem', TABLE_ARN),
      status: 400,
    });
  });

  it('lets an explicit Deny win over an Allow', async () => {
    expect(await callAs(cloud, 'reader', 'delete')).toEqual({
      error: 'AccessDeniedException',
      status: 400,
      message: `User: arn:aws:sts::000000000000:assumed-role/ReaderRole/Reader is not authorized to perform: dynamodb:DeleteItem on resource: ${TABLE_ARN} with an explicit deny in an identity-based policy`,
    });
  });

  it('checks a Query of an index against the index ARN, not the table', async () => {
    expect(await callAs(cloud, 'writer', 'query')).toEqual({
      ...denied('WriterRole', 'Writer', 'dynamodb:Query', `${TABLE_ARN}/index/by_kind`),
      status: 400,
    });
  });

  it('authorizes PutEvents on the bus: denied without events:PutEvents, allowed with it', async () => {
    expect(await callAs(cloud, 'reader', 'publish')).toEqual({
      ...denied('ReaderRole', 'Reader', 'events:PutEvents', BUS_ARN),
      status: 400,
    });
    expect(await callAs(cloud, 'writer', 'publish')).toEqual({ ok: true });
  });

  it('authorizes @connections per method: POST granted, DELETE answered 403 AccessDeniedException', async () => {
    expect(await callOverSocket(cloud, 'get')).toEqual({ ok: true });
    const outcome = await callOverSocket(cloud, 'disconnect');
    expect(outcome).toMatchObject({ error: 'AccessDeniedException', status: 403 });
    expect('message' in outcome && outcome.message).toMatch(
      /^User: arn:aws:sts::000000000000:assumed-role\/ReaderRole\/Reader is not authorized to perform: execute-api:ManageConnections on resource: arn:aws:execute-api:us-east-1:000000000000:Socket\/live\/DELETE\/@connections\/\S+ because no identity-based policy allows the execute-api:ManageConnections action$/,
    );
  });
});

describe('with iam: false', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ assemblyDir: ASSEMBLY, stackName: 'Iam', ports: FREE_PORTS, iam: false });
  }, 120_000);
  afterAll(() => cloud?.stop());

  it('lets every function call everything', async () => {
    for (const call of ['put', 'delete', 'publish'])
      expect(await callAs(cloud, 'reader', call)).toEqual({ ok: true });
    expect(await callAs(cloud, 'writer', 'query')).toEqual({ ok: true });
  });
});
