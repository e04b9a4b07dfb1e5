import type { AddressInfo } from 'node:net';
import {
  EventBridgeClient,
  InvalidEventPatternException,
  PutEventsCommand,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../src/aws-json-server.ts';
import { type BusEvent, LocalEventBridge } from '../src/eventbridge/endpoint.ts';
import { conformanceCases } from './support/conformance.ts';
import { LOCAL_CREDENTIALS } from './support/dynamo.ts';
import { RULES } from './support/rules.ts';

const delivered: { rule: string; event: BusEvent; traceHeader: string | undefined }[] = [];
const bridge = new LocalEventBridge(
  ['party-bus'],
  RULES.map((rule) => ({
    name: rule.name,
    busName: 'party-bus',
    description: rule.description,
    pattern: rule.pattern,
  })),
  (rule, event, traceHeader) => delivered.push({ rule: rule.name, event, traceHeader }),
);
let client: EventBridgeClient;

beforeAll(async () => {
  await listen(bridge.server, 0);
  const { port } = bridge.server.address() as AddressInfo;
  client = new EventBridgeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
});
afterAll(() => closeServer(bridge.server));

describe('TestEventPattern on the running endpoint, through the real SDK client', () => {
  it.each(conformanceCases())('$name', async ({ pattern, event, expected }) => {
    const request = new TestEventPatternCommand({
      EventPattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
      Event: JSON.stringify(event),
    });
    if (expected === 'invalid') {
      await expect(client.send(request)).rejects.toBeInstanceOf(InvalidEventPatternException);
    } else {
      expect((await client.send(request)).Result).toBe(expected === 'match');
    }
  });
});

describe('PutEvents', () => {
  const entry = (overrides: Record<string, unknown> = {}) => ({
    EventBusName: 'party-bus',
    Source: 'party-planner',
    DetailType: 'party.agent.should_execute',
    Detail: JSON.stringify({ payload: { agent_name: 'cake_agent' } }),
    ...overrides,
  });

  it('routes an event to every rule whose pattern matches', async () => {
    delivered.splice(0);
    const result = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    expect(result.FailedEntryCount).toBe(0);
    expect(delivered.map((delivery) => delivery.rule)).toEqual(['RunCakeAgent']);
    expect(delivered[0]?.event).toMatchObject({
      source: 'party-planner',
      'detail-type': 'party.agent.should_execute',
      account: '000000000000',
    });
  });

  it('reports failed entries one by one', async () => {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          entry({ EventBusName: 'no-such-bus' }),
          entry({ Detail: '{not json' }),
          entry({ Source: '' }),
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries?.map((item) => item.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'ResourceNotFoundException',
      'MalformedDetail',
      'InvalidArgument',
    ]);
  });

  it('refuses more than 10 entries and more than 256 KB', async () => {
    await expect(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const big = entry({ Detail: JSON.stringify({ blob: 'x'.repeat(260 * 1024) }) });
    await expect(client.send(new PutEventsCommand({ Entries: [big] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('hands a valid TraceHeader on to the targets, never in the event; drops one X-Ray cannot read', async () => {
    const header = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';
    delivered.splice(0);
    await client.send(new PutEventsCommand({ Entries: [entry({ TraceHeader: header })] }));
    expect(delivered.map((delivery) => delivery.traceHeader)).toEqual([header]);
    expect(JSON.stringify(delivered[0]?.event)).not.toContain('Root=');
    delivered.splice(0);
    const result = await client.send(
      new PutEventsCommand({ Entries: [entry({ TraceHeader: 'Root=nonsense' })] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    expect(delivered.map((delivery) => delivery.traceHeader)).toEqual([undefined]);
  });

  it('refuses a TraceHeader longer than 500 characters', async () => {
    const long = `Root=1-67891233-abcdef012345678912345678;Data=${'x'.repeat(500)}`;
    await expect(
      client.send(new PutEventsCommand({ Entries: [entry({ TraceHeader: long })] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('answers a malformed request with a 400, not a 500', async () => {
    const endpoint = await client.config.endpoint?.();
    const response = await fetch(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ Entries: 'not a list' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'ValidationException' });
  });

  it.each([
    ['an entry that is not an object', { Entries: [null] }, "'entries.1.member' must be a structure"],
    ['a Source that is not a string', { Entries: [entry({ Source: 5 })] }, "'entries.1.member.Source'"],
    [
      'a DetailType that is not a string',
      { Entries: [entry(), entry({ DetailType: {} })] },
      "'entries.2.member.DetailType'",
    ],
    ['a Detail that is not a string', { Entries: [entry({ Detail: ['x'] })] }, "'entries.1.member.Detail'"],
    ['a Time that is no timestamp', { Entries: [entry({ Time: 'soon' })] }, "'entries.1.member.Time'"],
  ])('answers %s with a ValidationException, not a 500', async (_, input, mentions) => {
    const endpoint = await client.config.endpoint?.();
    const response = await fetch(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('ValidationException');
    expect(body.message).toContain(mentions);
  });

  it('names the unknown rule it cannot describe', async () => {
    const { DescribeRuleCommand } = await import('@aws-sdk/client-eventbridge');
    await expect(
      client.send(new DescribeRuleCommand({ Name: 'nope', EventBusName: 'party-bus' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
