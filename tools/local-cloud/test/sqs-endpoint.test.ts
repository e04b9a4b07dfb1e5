import { createServer } from 'node:http';
import { connect } from 'node:net';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  MessageNotInflight,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsJsonListener, closeServer, listen } from '../src/aws-json-server.ts';
import { describeStacksListener } from '../src/cloudformation/describe-stacks.ts';
import type { DeadLetter } from '../src/lambda/async-invoker.ts';
import { sqsDeadLetterQueues } from '../src/sqs/dead-letter-queues.ts';
import { LocalQueues } from '../src/sqs/queues.ts';
import { sqsOperations } from '../src/sqs/sqs-api.ts';
import { LOCAL_CREDENTIALS } from './support/dynamo.ts';

const queues = new LocalQueues<DeadLetter>(
  ['Undelivered', 'Failed'].map((logicalId) => ({ logicalId, name: `stack-${logicalId}` })),
);
const server = createServer(
  awsJsonListener(
    'AmazonSQS',
    sqsOperations(queues),
    describeStacksListener(
      {
        name: 'Stack',
        createdAt: new Date(0),
        outputs: () => ({ QueueUrl: queues.byId('Failed')?.url ?? '' }),
      },
      (_, response) => response.writeHead(404).end(),
    ),
  ),
);
let sqs: SQSClient;
let endpoint: string;

beforeAll(async () => {
  endpoint = `http://127.0.0.1:${await listen(server, 0)}`;
  queues.servedAt(endpoint);
  sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
});
afterAll(() => closeServer(server));

const letter = (queue: string, error: string): DeadLetter => ({
  message_id: 'm-1',
  queue,
  function: 'AnalyzerFn',
  condition: 'RetriesExhausted',
  approximate_invoke_count: 3,
  error,
  failed_at: '2026-12-04T10:00:00.000Z',
  request_payload: { 'detail-type': 'party.input.added', detail: { party_id: 'p1' } },
});

describe('SQS on the local cloud, through the real SDK client', () => {
  it('hides a received message until its visibility timeout passes, and deletes it by receipt handle', async () => {
    const url = queues.byId('Undelivered')?.url ?? '';
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"a":1}' }));
    const count = async (name: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible') =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [name] }))).Attributes?.[
        name
      ];
    expect(await count('ApproximateNumberOfMessages')).toBe('1');

    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 1 }));
    expect(first.Messages?.[0]?.Body).toBe('{"a":1}');
    expect(await count('ApproximateNumberOfMessages')).toBe('0');
    expect(await count('ApproximateNumberOfMessagesNotVisible')).toBe('1');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: second.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('3');
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages?.[0]?.ReceiptHandle }),
    );
    expect(await count('ApproximateNumberOfMessagesNotVisible')).toBe('0');
  });

  it("keeps a rule target's dead letter as EventBridge does: the event as body, why in attributes", async () => {
    const store = sqsDeadLetterQueues(queues, {
      functionName: () => 'analyzer',
      ruleArn: (name) => `arn:rule/${name}`,
    });
    store.put(letter('Undelivered', 'ThrottlingException: Rate Exceeded.'), { kind: 'rule', ruleName: 'R' });
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.byId('Undelivered')?.url,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(JSON.parse(Messages[0]?.Body ?? '')).toEqual(letter('', '').request_payload);
    expect(Messages[0]?.MessageAttributes).toMatchObject({
      ERROR_CODE: { StringValue: 'THROTTLING' },
      ERROR_MESSAGE: { StringValue: 'Rate Exceeded.' },
      RULE_ARN: { StringValue: 'arn:rule/R' },
      TARGET_ARN: { StringValue: 'arn:aws:lambda:us-east-1:000000000000:function:analyzer' },
    });
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queues.byId('Undelivered')?.url, MessageBody: 'sent' }),
    );
    expect(store.take('Undelivered')).toHaveLength(1);
    // A message sent through SQS is no letter of this cloud's: the in-process redrive leaves it there.
    expect(queues.byId('Undelivered')?.messages.map((message) => message.body)).toEqual(['sent']);
    queues.byId('Undelivered')?.messages.splice(0);
  });

  it("keeps a failed invocation as Lambda's on-failure destination record", async () => {
    const store = sqsDeadLetterQueues(queues, { functionName: () => 'analyzer', ruleArn: () => '' });
    store.put(letter('Failed', 'Error: boom'), { kind: 'destination' });
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queues.byId('Failed')?.url }),
    );
    expect(JSON.parse(Messages[0]?.Body ?? '')).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: letter('', '').request_payload,
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'boom' },
    });
    expect(store.list('Failed')).toEqual([letter('Failed', 'Error: boom')]);
  });

  it('refuses what SQS refuses: a missing receipt handle or timeout, a timeout change of a message not in flight', async () => {
    const url = queues.byId('Undelivered')?.url ?? '';
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const [message] =
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }))).Messages ?? [];
    const ReceiptHandle = message?.ReceiptHandle ?? '';
    await expect(sqs.send(new DeleteMessageCommand({ QueueUrl: url } as never))).rejects.toThrow(
      'ReceiptHandle',
    );
    await expect(
      sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle } as never)),
    ).rejects.toThrow('VisibilityTimeout');
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle, VisibilityTimeout: 0 }),
    );
    await expect(
      sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle, VisibilityTimeout: 5 })),
    ).rejects.toBeInstanceOf(MessageNotInflight);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle }));
    await expect(
      sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle, VisibilityTimeout: 5 })),
    ).rejects.toThrow('Message does not exist');
  });

  it('refuses message attributes SQS refuses rather than keep them', async () => {
    const url = queues.byId('Failed')?.url ?? '';
    const before = queues.byId('Failed')?.messages.length;
    const send = (MessageAttributes: unknown) =>
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes } as never));
    await expect(send({ A: { DataType: 'String' } })).rejects.toThrow('non-empty message attribute value');
    await expect(send({ A: { StringValue: 'v' } })).rejects.toThrow('non-empty message attribute type');
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, index) => [`A${index}`, { DataType: 'String', StringValue: 'v' }]),
    );
    await expect(send(eleven)).rejects.toThrow('exceeds the allowed maximum [10]');
    expect(queues.byId('Failed')?.messages.length).toBe(before);
  });

  it('answers a body that is JSON but no object with a SerializationException, not a 500', async () => {
    for (const body of ['null', '[]', '7']) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
        body,
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
    }
  });

  it('answers for a queue it does not have as SQS does', async () => {
    await expect(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: `${endpoint}/000000000000/nope` })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });
});

it('describes the stack and its outputs to the real CloudFormation client', async () => {
  const cloudFormation = new CloudFormationClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'Stack' }));
  expect(Stacks[0]?.Outputs).toEqual([{ OutputKey: 'QueueUrl', OutputValue: queues.byId('Failed')?.url }]);
  const byId = await cloudFormation.send(new DescribeStacksCommand({ StackName: Stacks[0]?.StackId }));
  expect(byId.Stacks?.[0]?.StackName).toBe('Stack');
  await expect(cloudFormation.send(new DescribeStacksCommand({ StackName: 'Other' }))).rejects.toThrow(
    'Stack with id Other does not exist',
  );
});

it('survives a form post whose caller hangs up before the body arrives', async () => {
  const { port } = new URL(endpoint);
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nAction=',
      );
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => resolve());
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cloudFormation = new CloudFormationClient({
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({}));
  expect(Stacks[0]?.StackName).toBe('Stack');
});
