import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#test/support/dynamo.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';

let testCloud: TestCloud;
let cloud: LocalCloud;

beforeAll(async () => {
  testCloud = await startTestCloud();
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

it("applies the rule's retry policy when Lambda refuses deliveries, then its dead-letter queue; redrive delivers", async () => {
  const events = new EventBridgeClient({
    endpoint: cloud.endpoints.eventbridge,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  cloud.faults.refuseDeliveryShare = 1;
  await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: cloud.busNames[0],
          Source: 'party-planner',
          DetailType: 'party.agent.should_execute',
          Detail: JSON.stringify({ payload: { agent_name: 'budget_agent' } }),
        },
      ],
    }),
  );
  await cloud.idle();
  const rule = cloud.model.rules.find((candidate) =>
    candidate.logicalId.startsWith('RoutingRecalculateBudgetOnRequest'),
  );
  const target = rule?.targets[0];
  const letters = cloud.deadLetters(target?.deadLetterQueue ?? '');
  // The broadcaster's rule matched too, so its target's letter lands in the same queue.
  expect(letters.length).toBeGreaterThanOrEqual(1);
  expect(letters[0]).toMatchObject({
    condition: 'RetriesExhausted',
    approximate_invoke_count: (target?.maxRetries ?? 0) + 1,
    error: expect.stringContaining('ThrottlingException'),
  });

  cloud.faults.refuseDeliveryShare = 0;
  expect(cloud.redrive(target?.deadLetterQueue ?? '')).toBe(letters.length);
  await cloud.idle();
  expect(cloud.deadLetters(target?.deadLetterQueue ?? '')).toEqual(
    // Redriven events reach their functions; the budget function fails on this bare event (no party)
    // and Lambda sends it to the function's own on-failure queue, not back here.
    [],
  );
});
