import { AwsServiceError, type Operation } from '../aws-json-server.ts';
import {
  DEFAULT_VISIBILITY_SECONDS,
  type LocalQueue,
  type LocalQueues,
  type MessageAttribute,
  md5Hex,
  type QueueMessage,
} from './queues.ts';

const MAX_MESSAGES = 10;
/** SQS's longest long poll; a local wait is polled, not pushed. */
const MAX_WAIT_SECONDS = 20;
const POLL_MS = 50;

function integerIn(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AwsServiceError(
      'InvalidParameterValue',
      `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be an integer from ${min} to ${max}.`,
    );
  }
  return value;
}

/** SQS refuses a call without one of its required parameters rather than assume a value. */
function required(input: Record<string, unknown>, name: string): unknown {
  const value = input[name];
  if (value === undefined || value === null)
    throw new AwsServiceError('MissingParameter', `The request must contain the parameter ${name}.`);
  return value;
}

function changeVisibility<Origin>(queues: LocalQueues<Origin>, input: Record<string, unknown>) {
  const queue = queueOf(queues, input);
  const handle = String(required(input, 'ReceiptHandle'));
  const seconds = integerIn(required(input, 'VisibilityTimeout'), 'VisibilityTimeout', 0, 43_200, 0);
  const outcome = queues.changeVisibility(queue, handle, seconds);
  if (outcome === 'not-in-flight')
    throw new AwsServiceError('MessageNotInflight', 'The message referred to is not in flight.');
  if (outcome === 'no-such-message') {
    throw new AwsServiceError(
      'InvalidParameterValue',
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  }
  return {};
}

function queueOf<Origin>(queues: LocalQueues<Origin>, input: Record<string, unknown>): LocalQueue<Origin> {
  const queue = typeof input.QueueUrl === 'string' ? queues.byUrl(input.QueueUrl) : undefined;
  if (!queue) {
    throw new AwsServiceError(
      'QueueDoesNotExist',
      'The specified queue does not exist for this wsdl version.',
    );
  }
  return queue;
}

/** `All`, or the names asked for, as ReceiveMessage and GetQueueAttributes take them. */
function picked<T>(all: Record<string, T>, asked: unknown): Record<string, T> {
  const names = Array.isArray(asked) ? asked.map(String) : [];
  if (names.includes('All') || names.includes('.*')) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name)));
}

function messageView<Origin>(message: QueueMessage<Origin>, input: Record<string, unknown>) {
  const system = {
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const attributes = picked(system, input.MessageSystemAttributeNames ?? input.AttributeNames);
  const messageAttributes = picked(message.attributes, input.MessageAttributeNames);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: md5Hex(message.body),
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(Object.keys(messageAttributes).length > 0 ? { MessageAttributes: messageAttributes } : {}),
  };
}

async function receiveMessage<Origin>(queues: LocalQueues<Origin>, input: Record<string, unknown>) {
  const queue = queueOf(queues, input);
  const max = integerIn(input.MaxNumberOfMessages, 'MaxNumberOfMessages', 1, MAX_MESSAGES, 1);
  const visibility = integerIn(
    input.VisibilityTimeout,
    'VisibilityTimeout',
    0,
    43_200,
    DEFAULT_VISIBILITY_SECONDS,
  );
  const waitMs = integerIn(input.WaitTimeSeconds, 'WaitTimeSeconds', 0, MAX_WAIT_SECONDS, 0) * 1000;
  const until = Date.now() + waitMs;
  let received = queues.receive(queue, max, visibility);
  while (received.length === 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    received = queues.receive(queue, max, visibility);
  }
  return received.length > 0 ? { Messages: received.map((message) => messageView(message, input)) } : {};
}

const MAX_MESSAGE_ATTRIBUTES = 10;

/**
 * A message's attributes as SQS takes them: at most ten, each with a type and a value; SQS refuses a
 * message with any other rather than keep what it cannot hand back.
 */
function messageAttributes(given: unknown): Record<string, MessageAttribute> {
  if (given === undefined || given === null) return {};
  const invalid = (message: string) => new AwsServiceError('InvalidParameterValue', message);
  if (typeof given !== 'object' || Array.isArray(given)) throw invalid('MessageAttributes must be a map.');
  const entries = Object.entries(given as Record<string, unknown>);
  if (entries.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalid(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  for (const [name, attribute] of entries) {
    const { DataType, StringValue, BinaryValue } = (attribute ?? {}) as Partial<Record<string, unknown>>;
    if (typeof DataType !== 'string' || DataType === '')
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (!/^(String|Number|Binary)(\..+)?$/.test(DataType))
      throw invalid(
        `The type of message attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    const value = DataType.startsWith('Binary') ? BinaryValue : StringValue;
    if (typeof value !== 'string' || value === '') {
      throw invalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${DataType}'.`,
      );
    }
  }
  return given as Record<string, MessageAttribute>;
}

function sendMessage<Origin>(queues: LocalQueues<Origin>, input: Record<string, unknown>) {
  const queue = queueOf(queues, input);
  if (typeof input.MessageBody !== 'string' || input.MessageBody === '') {
    throw new AwsServiceError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  const attributes = messageAttributes(input.MessageAttributes);
  const message = queues.send(queue.logicalId, input.MessageBody, attributes);
  return { MessageId: message?.messageId, MD5OfMessageBody: md5Hex(input.MessageBody) };
}

function queueAttributes<Origin>(queues: LocalQueues<Origin>, input: Record<string, unknown>) {
  const queue = queueOf(queues, input);
  const now = Date.now();
  const visible = queue.messages.filter((message) => message.visibleAt <= now).length;
  const all = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(queue.messages.length - visible),
    ApproximateNumberOfMessagesDelayed: '0',
    VisibilityTimeout: String(DEFAULT_VISIBILITY_SECONDS),
  };
  return { Attributes: picked(all, input.AttributeNames) };
}

/**
 * SQS's JSON protocol (`AmazonSQS.<Operation>`) for the template's queues: what an operator's tools
 * need to read a failure queue, delete what they handled and put messages back. No IAM: the callers
 * are operators, not the stack's functions, and no function of a stack like this one reads its queues.
 */
export function sqsOperations<Origin>(queues: LocalQueues<Origin>): Record<string, Operation> {
  return {
    ReceiveMessage: (input) => receiveMessage(queues, input),
    DeleteMessage: (input) => {
      queues.delete(queueOf(queues, input), String(required(input, 'ReceiptHandle')));
      return {};
    },
    ChangeMessageVisibility: (input) => changeVisibility(queues, input),
    SendMessage: (input) => sendMessage(queues, input),
    GetQueueAttributes: (input) => queueAttributes(queues, input),
    GetQueueUrl: (input) => {
      const queue = queues.all().find((candidate) => candidate.name === input.QueueName);
      if (!queue) return queueOf(queues, {});
      return { QueueUrl: queue.url };
    },
    ListQueues: (input) => ({
      QueueUrls: queues
        .all()
        .filter((queue) => queue.name.startsWith(String(input.QueueNamePrefix ?? '')))
        .map((queue) => queue.url),
    }),
  };
}
