import type { AddressInfo } from 'node:net';
import {
  EventBridgeClient,
  InvalidEventPatternException,
  PutEventsCommand,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '#lib/local-cloud/aws-json-server.ts';
import { type BusEvent, LocalEventBridge } from '#lib/local-cloud/eventbridge.ts';
import { EVENT_ROUTES } from '#shared/events/routes.ts';
import { conformanceCases } from '#test/support/conformance.ts';
import { LOCAL_CREDENTIALS } from '#test/support/dynamo.ts';

const delivered: { rule: string; event: BusEvent }[] = [];
const bridge = new LocalEventBridge(
  ['party-bus'],
  EVENT_ROUTES.map((route) => ({
    name: route.id,
    busName: 'party-bus',
    description: route.description,
    pattern: route.pattern,
  })),
  (rule, event) => delivered.push({ rule: rule.name, event }),
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

  it('names the unknown rule it cannot describe', async () => {
    const { DescribeRuleCommand } = await import('@aws-sdk/client-eventbridge');
    await expect(
      client.send(new DescribeRuleCommand({ Name: 'nope', EventBusName: 'party-bus' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
