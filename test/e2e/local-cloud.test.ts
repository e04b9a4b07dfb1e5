import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListRulesCommand,
  PutEventsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { accessKeyOf, type LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '#shared/client/http-client.ts';
import { EVENT_ROUTES } from '#shared/contracts/event-routes.ts';
import { ServerMessage } from '#shared/contracts/messages.ts';
import { understandInput } from '#shared/domain/understanding/index.ts';
import { LOCAL_CREDENTIALS } from '#test/support/dynamo.ts';
import { httpApi } from '#test/support/http-api.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { openSocket } from '#test/support/socket-client.ts';

let testCloud: TestCloud;
let cloud: LocalCloud;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  testCloud = await startTestCloud({ log: (line) => logs.push(line) });
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

const call = httpApi(() => cloud.endpoints.http);

async function startParty(extra: Record<string, unknown> = {}) {
  const { status, body } = await call('POST', '/start', extra);
  expect(status).toBe(201);
  return { partyId: body.party_id as string, token: body.token as string };
}

describe('the local cloud runs the synthesized stack', () => {
  it('takes an input over HTTP and streams the pipeline to a real WebSocket up to plan_updated', async () => {
    const { partyId, token } = await startParty();
    const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
    const added = await call(
      'POST',
      '/input',
      { party_id: partyId, content: 'jungle theme party for 75 guests' },
      token,
    );
    expect(added.status).toBe(202);

    const plan = await socket.waitFor(
      (message) =>
        message.type === 'plan_updated' &&
        (message.payload as { completion_percent: number }).completion_percent === 100,
    );
    expect(plan.party_id).toBe(partyId);
    // The broadcasts of concurrent events are numbered in whatever order their broadcasters run (an
    // agent's completion may be numbered after the plan it led to) and may overtake each other on
    // the wire: wait for each kind of message, then for every seq up to the highest seen.
    for (const type of ['input_added', 'agent_started', 'agent_completed'])
      await socket.waitFor((message) => message.type === type);
    const seen = socket.messages.flatMap((message) => (typeof message.seq === 'number' ? [message.seq] : []));
    for (let seq = 1; seq <= Math.max(...seen); seq++) await socket.waitFor((message) => message.seq === seq);
    const messages = socket.messages.map((message) => ServerMessage.parse(message));
    // The numbering itself has no gap or repeat.
    const seqs = messages.flatMap((message) => ('seq' in message ? [message.seq] : [])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 1));

    const status = await call('GET', `/status/${partyId}`, undefined, token);
    expect(status.status).toBe(200);
    expect(status.body.party).toMatchObject({ party_id: partyId, final_plan: { completion_percent: 100 } });
    await socket.close();
  });

  it('answers ping with pong and refuses a socket without the party token', async () => {
    const { partyId, token } = await startParty();
    await expect(openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}`)).rejects.toThrow(/401/);
    await expect(
      openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${'x'.repeat(43)}`),
    ).rejects.toThrow(/403/);
    const socket = await openSocket(`${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`);
    socket.send({ action: 'ping' });
    await socket.waitFor((message) => message.type === 'pong');
    await socket.close();
  });

  it('answers 410 Gone on @connections for a closed connection', async () => {
    const client = new ApiGatewayManagementApiClient({
      endpoint: cloud.endpoints.management,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    await expect(
      client.send(
        new PostToConnectionCommand({
          ConnectionId: 'no-such-connection',
          Data: new TextEncoder().encode('{}'),
        }),
      ),
    ).rejects.toBeInstanceOf(GoneException);
  });

  it('logs one structured line per invocation', () => {
    const invocation = logs.find((line) => line.msg === 'invocation' && line.function === 'analyzer');
    expect(invocation).toMatchObject({ outcome: 'ok', event_type: 'party.input.added' });
    expect(invocation).toHaveProperty('duration_ms');
    expect(invocation).toHaveProperty('party_id');
  });

  it("takes the functions' embedded metrics out of their logs, as CloudWatch does", () => {
    const timed = cloud.metrics().filter(({ document }) => 'TimeToPlan' in document);
    expect(timed.length).toBeGreaterThan(0);
    const [first] = timed;
    expect(first?.document).toMatchObject({
      service: 'planner',
      _aws: { CloudWatchMetrics: [{ Namespace: expect.stringMatching(/^PartyPlanner\/.+/) }] },
    });
    const published = cloud.metrics().filter(({ document }) => 'InputsAdded' in document);
    expect(published.map(({ document }) => document.service)).toContain('http-add-input');
  });

  it('retries a failing target, dead-letters it, and redrive delivers it', async () => {
    const partyId = 'fpLATECOMER0001';
    const events = new EventBridgeClient({
      endpoint: cloud.endpoints.eventbridge,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const addedAt = new Date().toISOString();
    const detail = {
      event_id: '6f1c1f9e-4d47-4b8a-9c55-1d8c8d0e4a11',
      type: 'party.input.added',
      party_id: partyId,
      occurred_at: new Date().toISOString(),
      correlation_id: 'late',
      causation_id: 'late',
      payload: {
        input_id: 'inp_late',
        content: 'a unicorn theme',
        source_type: 'text',
        tags: [],
        added_by: 'user',
        added_at: addedAt,
        understood: understandInput('a unicorn theme', addedAt),
        inputs_version: 1,
      },
    };
    const [busName] = cloud.busNames;
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName,
            Source: 'party-planner',
            DetailType: 'party.input.added',
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await cloud.idle();
    // The analyzer cannot find the party: it fails, Lambda retries twice, then dead-letters the event.
    const [letter] = cloud
      .deadLetters()
      .filter((candidate) => JSON.stringify(candidate.request_payload).includes(partyId));
    expect(letter).toMatchObject({ condition: 'RetriesExhausted', approximate_invoke_count: 3 });
    expect(letter?.error).toMatch(/PartyNotFoundError/);

    // The same letter is there for SQS clients, as Lambda's on-failure record around the event.
    const sqs = new SQSClient({
      endpoint: cloud.endpoints.sqs,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: cloud.outputs.FailedInvocationsQueueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
      }),
    );
    expect(Messages.map((message) => JSON.parse(message.Body ?? '').requestPayload)).toContainEqual(
      letter?.request_payload,
    );

    await startParty({
      party_id: partyId,
      initial_inputs: [{ input_id: 'inp_late', content: 'a unicorn theme' }],
    });
    await cloud.idle();
    expect(cloud.redrive(letter?.queue ?? '')).toBe(1);
    await cloud.idle();
    expect(cloud.deadLetters(letter?.queue)).toEqual([]);
  });

  it('lists and describes the template rules, and replays its archive', async () => {
    const events = new EventBridgeClient({
      endpoint: cloud.endpoints.eventbridge,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const [busName] = cloud.busNames;
    const { Rules = [] } = await events.send(new ListRulesCommand({ EventBusName: busName }));
    expect(Rules).toHaveLength(cloud.model.rules.length);
    const analyzerRule = Rules.find((rule) => rule.Name?.startsWith('RoutingAnalyzeInputs'));
    const described = await events.send(
      new DescribeRuleCommand({ Name: analyzerRule?.Name, EventBusName: busName }),
    );
    const analyzerRoute = EVENT_ROUTES.find((route) => route.id === 'AnalyzeInputs');
    expect(JSON.parse(described.EventPattern ?? '{}')).toEqual(analyzerRoute?.pattern);

    const { Archives = [] } = await events.send(new ListArchivesCommand({}));
    const [listedArchive] = Archives;
    expect(listedArchive?.EventCount).toBeGreaterThan(0);
    const archive = await events.send(
      new DescribeArchiveCommand({ ArchiveName: listedArchive?.ArchiveName }),
    );
    const replayName = `replay-${Date.now()}`;
    await events.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: archive?.ArchiveArn,
        EventStartTime: new Date(Date.now() - 3_600_000),
        EventEndTime: new Date(),
        Destination: { Arn: archive?.EventSourceArn },
      }),
    );
    await expect
      .poll(async () => (await events.send(new DescribeReplayCommand({ ReplayName: replayName }))).State)
      .toBe('COMPLETED');
    await cloud.idle();
    const replayed = logs.filter((line) => line.msg === 'invocation' && line.replay_name === replayName);
    expect(replayed.length).toBeGreaterThan(0);
  });
});

describe('real-time delivery with resume', () => {
  type Received = Record<string, unknown>;
  const partyMessages = (messages: readonly Received[]) =>
    messages.filter((message): message is Received & { seq: number } => typeof message.seq === 'number');
  const seqsOf = (messages: readonly Received[]) => partyMessages(messages).map((message) => message.seq);
  /** The highest seq up to which nothing is missing: what a client resumes from. */
  const contiguousUpTo = (seqs: readonly number[]) => {
    const seen = new Set(seqs);
    let last = 0;
    while (seen.has(last + 1)) last += 1;
    return last;
  };
  const bySeq = (messages: readonly Received[]) =>
    new Map(partyMessages(messages).map((message) => [message.seq, message]));
  const socketUrl = (partyId: string, token: string) =>
    `${cloud.endpoints.websocket}?party_id=${partyId}&token=${token}`;

  /** Waits until the client holds every seq from 1 up to the highest it has seen, and returns that. */
  /**
   * The party's last seq once nothing is in flight, after the client holds every message up to it.
   * Idle means every message was posted, not that it crossed the wire: the last one may still be on
   * its way, so the target is the log's last seq (the status route's), not what the client has.
   */
  async function settled(
    messages: readonly Received[],
    party: { partyId: string; token: string },
  ): Promise<number> {
    await cloud.idle();
    const status = await call('GET', `/status/${party.partyId}`, undefined, party.token);
    const last = Number(status.body.last_seq);
    await expect.poll(() => contiguousUpTo(seqsOf(messages))).toBe(last);
    return last;
  }

  it('gives two clients of one party the same messages, by seq', async () => {
    const { partyId, token } = await startParty();
    const [first, second] = await Promise.all([
      openSocket(socketUrl(partyId, token)),
      openSocket(socketUrl(partyId, token)),
    ]);
    await call('POST', '/input', { party_id: partyId, content: 'jungle theme party for 75 guests' }, token);
    const last = await settled(first.messages, { partyId, token });
    await expect.poll(() => contiguousUpTo(seqsOf(second.messages))).toBe(last);

    expect(new Set(seqsOf(first.messages))).toEqual(new Set(seqsOf(second.messages)));
    expect(bySeq(second.messages)).toEqual(bySeq(first.messages));
    for (const client of [first, second]) {
      const seqs = seqsOf(client.messages);
      expect(seqs).toHaveLength(new Set(seqs).size);
    }
    await Promise.all([first.close(), second.close()]);
  });

  it('brings a client that dropped mid-flow back to every message exactly once with resume', async () => {
    const { partyId, token } = await startParty();
    const steady = await openSocket(socketUrl(partyId, token));
    const flaky = await openSocket(socketUrl(partyId, token));
    await call('POST', '/input', { party_id: partyId, content: 'jungle theme party for 75 guests' }, token);
    await flaky.waitFor((message) => message.type === 'agent_started');
    await flaky.close();
    const beforeDrop = [...flaky.messages];
    await call('POST', '/input', { party_id: partyId, content: 'budget $1500 and a nut-free cake' }, token);
    const last = await settled(steady.messages, { partyId, token });

    const since = contiguousUpTo(seqsOf(beforeDrop));
    expect(since).toBeLessThan(last);
    const back = await openSocket(socketUrl(partyId, token));
    back.send({ action: 'resume', since });
    await back.waitFor((message) => message.seq === last);

    // The replay is exactly what was missed, once each and in order ...
    expect(seqsOf(back.messages)).toEqual(
      Array.from({ length: last - since }, (_, index) => since + 1 + index),
    );
    // ... and with what the client had, it is everything the steady client got, message for message.
    const union = new Map([...bySeq(beforeDrop), ...bySeq(back.messages)]);
    expect(union).toEqual(bySeq(steady.messages));
    await Promise.all([steady.close(), back.close()]);
  });

  it("refuses a socket for one party with another party's token", async () => {
    const first = await startParty();
    const second = await startParty();
    await expect(openSocket(socketUrl(second.partyId, first.token))).rejects.toThrow(/403/);
  });
});

describe('bad requests through the local cloud', () => {
  it('get their 4xx and error body, and leave the party unchanged', async () => {
    const mine = await startParty();
    const theirs = await startParty();
    const raw = (path: string, init: RequestInit) =>
      fetch(`${cloud.endpoints.http}${API_PREFIX}${path}`, init);
    const bearer = (token: string) => ({
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    });
    const cases: [string, Promise<Response>, number, string][] = [
      [
        'bad JSON',
        raw('/input', { method: 'POST', headers: bearer(mine.token), body: '{"party_id": ' }),
        400,
        'bad_request',
      ],
      [
        'a wrong field type',
        raw('/input', {
          method: 'POST',
          headers: bearer(mine.token),
          body: JSON.stringify({ party_id: mine.partyId, content: 7 }),
        }),
        400,
        'bad_request',
      ],
      [
        'no token',
        raw('/input', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ party_id: mine.partyId, content: 'x' }),
        }),
        401,
        'unauthorized',
      ],
      [
        "another party's token",
        raw(`/status/${theirs.partyId}`, { headers: bearer(mine.token) }),
        403,
        'forbidden',
      ],
      [
        "another party's token on a change",
        raw('/input', {
          method: 'POST',
          headers: bearer(mine.token),
          body: JSON.stringify({ party_id: theirs.partyId, content: 'x' }),
        }),
        403,
        'forbidden',
      ],
      [
        'an unknown input',
        raw(`/input/inp_nope?party_id=${mine.partyId}`, { method: 'DELETE', headers: bearer(mine.token) }),
        404,
        'not_found',
      ],
      [
        'a party id that exists',
        raw('/start', {
          method: 'POST',
          headers: bearer(mine.token),
          body: JSON.stringify({ party_id: mine.partyId }),
        }),
        409,
        'conflict',
      ],
      [
        'a body over 64 KB',
        raw('/input', {
          method: 'POST',
          headers: bearer(mine.token),
          body: JSON.stringify({ party_id: mine.partyId, content: 'x'.repeat(70_000) }),
        }),
        413,
        'payload_too_large',
      ],
    ];
    for (const [name, pending, status, code] of cases) {
      const response = await pending;
      expect(response.status, name).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    for (const party of [mine, theirs]) {
      const { body } = await call('GET', `/status/${party.partyId}`, undefined, party.token);
      expect(body.party).toMatchObject({ version: 1, inputs: [] });
    }
  });
});

describe("IAM on the stack's roles (on by default)", () => {
  const functionId = (name: string) =>
    [...cloud.model.functions.values()].find((fn) => fn.name === name)?.logicalId ?? '';
  const eventsAs = (name: string) =>
    new EventBridgeClient({
      endpoint: cloud.endpoints.eventbridge,
      region: 'us-east-1',
      credentials: { accessKeyId: accessKeyOf(functionId(name)), secretAccessKey: 'local' },
    });
  const probe = () =>
    new PutEventsCommand({
      Entries: [{ EventBusName: cloud.busNames[0], Source: 'iam-test', DetailType: 'probe', Detail: '{}' }],
    });

  it('refuses PutEvents to a function whose role lacks it, and serves one whose role has it', async () => {
    await expect(eventsAs('ws-authorizer').send(probe())).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringMatching(
        /^User: arn:aws:sts::000000000000:assumed-role\/\S+\/ws-authorizer is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:000000000000:event-bus\/\S+ because no identity-based policy allows the events:PutEvents action$/,
      ),
    });
    expect((await eventsAs('http-add-input').send(probe())).FailedEntryCount).toBe(0);
  });

  // Last in the file: every function's real traffic of the tests above went through its role.
  it('denied none of the calls the functions made, only the probe above', () => {
    expect(logs.filter((line) => line.msg === 'access denied')).toEqual([
      expect.objectContaining({ function: 'ws-authorizer', action: 'events:PutEvents' }),
    ]);
  });
});
