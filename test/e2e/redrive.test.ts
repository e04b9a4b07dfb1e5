import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PARTY_CLOUD } from '#bin/party-cloud.ts';
import { connect, redrive } from '#bin/redrive-run.ts';
import { FAILURE_QUEUE_OUTPUTS, type FailureQueueName } from '#shared/contracts/stack-outputs.ts';
import { closedPort } from '#test/support/closed-port.ts';
import { LOCAL_CREDENTIALS } from '#test/support/dynamo.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { partyOverHttp } from '#test/support/party-over-http.ts';

/*
 * `npm run redrive` end to end on the local cloud, with the real SDK clients: an event made to fail
 * lands in its failure queue as AWS would put it there, the plan does not reflect it, and once the
 * fault is lifted the redrive puts it back on the bus and the plan reflects it.
 */

let testCloud: TestCloud;
let cloud: LocalCloud;
let sqs: SQSClient;

beforeAll(async () => {
  // Every injected invocation fault then fails before the handler runs: nothing of the failed work is done.
  testCloud = await startTestCloud({ random: () => 0 });
  cloud = testCloud.cloud;
  sqs = new SQSClient({ endpoint: cloud.endpoints.sqs, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
}, 180_000);

afterAll(() => testCloud?.stop());

const { startParty, addInput, stateOf, planOfInputs } = partyOverHttp(() => cloud);

async function visibleMessages(queue: FailureQueueName): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: cloud.outputs[FAILURE_QUEUE_OUTPUTS[queue]],
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
}

/** The party's messages in a queue, read with the real client and left visible (timeout 0). */
async function bodiesOf(queue: FailureQueueName, partyId: string): Promise<unknown[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: cloud.outputs[FAILURE_QUEUE_OUTPUTS[queue]],
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  return Messages.map((message) => JSON.parse(message.Body ?? '')).filter((body) =>
    JSON.stringify(body).includes(partyId),
  );
}

const lines: string[] = [];
const redriveParty = async (queue: FailureQueueName, partyId: string, dryRun = false) =>
  redrive(
    await connect({ stackName: PARTY_CLOUD.stackName, endpoint: cloud.endpoints.cloudformation }, queue),
    {
      queue,
      partyId,
      dryRun,
    },
    (line) => lines.push(line),
  );

it.each([
  [
    'undelivered' as const,
    'EventBridge cannot hand it to the functions',
    (on: boolean) => {
      cloud.faults.refuseDeliveryShare = on ? 1 : 0;
    },
    { source: 'party-planner', 'detail-type': 'party.input.added' },
  ],
  [
    'failed' as const,
    'the functions fail every attempt',
    (on: boolean) => {
      cloud.faults.failInvocationShare = on ? 1 : 0;
    },
    {
      requestContext: { condition: 'RetriesExhausted' },
      requestPayload: { 'detail-type': 'party.input.added' },
    },
  ],
])(
  'redrives the %s queue once the fault that put an input there (%s) is lifted',
  async (queue, _, fault, shape) => {
    const party = await startParty('jungle theme for 75 guests');
    await planOfInputs(party, 1);

    fault(true);
    await addInput(party, 'budget $1500');
    await cloud.idle();
    fault(false);
    expect((await stateOf(party)).final_plan?.inputs_version).toBe(1);
    const failed = await bodiesOf(queue, party.partyId);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]).toMatchObject(shape);
    const before = await visibleMessages(queue);

    lines.length = 0;
    expect(await redriveParty(queue, party.partyId, true)).toMatchObject({ redriven: 0, problems: 0 });
    expect(lines[0]).toMatch(/^EVENT TYPE\s+PARTY\s+AGE\s+ERROR$/);
    expect(lines.join('\n')).toContain(`party.input.added  ${party.partyId}`);
    expect(await visibleMessages(queue)).toBe(before);

    const summary = await redriveParty(queue, party.partyId);
    expect(summary).toMatchObject({ found: failed.length, redriven: failed.length, problems: 0 });
    expect(await bodiesOf(queue, party.partyId)).toEqual([]);
    const state = await planOfInputs(party, 2);
    expect(state.final_plan?.budget_summary?.stated_budget).toMatchObject({ max: 1500 });
    expect(testCloud.accessDenials()).toEqual([]);
  },
  120_000,
);

it('runs as `npm run redrive`: its options, the table and the summary', async () => {
  const { stdout } = await promisify(execFile)(
    'npx',
    [
      'tsx',
      'bin/redrive.ts',
      '--queue',
      'undelivered',
      '--dry-run',
      '--endpoint',
      cloud.endpoints.cloudformation,
    ],
    { env: { ...process.env, FORCE_COLOR: '0' } },
  );
  expect(stdout).toMatch(/^EVENT TYPE\s+PARTY\s+AGE\s+ERROR$/m);
  expect(stdout).toMatch(/^undelivered: \d+ message\(s\), 0 redriven \(dry run\), \d+ left in the queue$/m);
}, 60_000);

it('says what to do when no local cloud answers', async () => {
  const run = promisify(execFile)('npx', ['tsx', 'bin/redrive.ts', '--queue', 'failed', '--local'], {
    // A port nothing listens on: the first free one the system hands out, closed again.
    env: { ...process.env, FORCE_COLOR: '0', PARTY_PLANNER_EVENTBRIDGE_PORT: String(await closedPort()) },
  });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/ECONNREFUSED[\s\S]*is `npm start` running\?/),
  });
}, 60_000);
