import { createHash, randomUUID } from 'node:crypto';
import { ACCOUNT, REGION } from '../eventbridge/endpoint.ts';

/** A message attribute as SQS's JSON protocol spells it. */
export interface MessageAttribute {
  readonly DataType: 'String' | 'Number';
  readonly StringValue: string;
}

export interface QueueMessage<Origin> {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
  readonly sentAt: number;
  /** What put it there, for the in-process view of the cloud (a dead letter and its function). */
  readonly origin: Origin | null;
  receiveCount: number;
  firstReceivedAt: number | null;
  /** Invisible until then: received and not yet deleted, as SQS's visibility timeout has it. */
  visibleAt: number;
  receiptHandle: string | null;
}

export interface LocalQueue<Origin> {
  readonly logicalId: string;
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly messages: QueueMessage<Origin>[];
}

/** SQS's default visibility timeout, which the stack's queues keep. */
export const DEFAULT_VISIBILITY_SECONDS = 30;

export const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * The template's queues, held in memory with SQS's delivery semantics: a received message stays in its
 * queue, invisible for the visibility timeout, and leaves only when deleted with its receipt handle.
 * The queue URLs are served by `sqsOperations`, so the real SDK client reads and deletes from them.
 */
export class LocalQueues<Origin> {
  private readonly byLogicalId = new Map<string, LocalQueue<Origin>>();
  private endpoint = 'http://127.0.0.1';

  constructor(specs: readonly { readonly logicalId: string; readonly name: string }[]) {
    for (const { logicalId, name } of specs) this.byLogicalId.set(logicalId, this.queueOf(logicalId, name));
  }

  /** Queue URLs name the server that answers for them; it is known once that server listens. */
  servedAt(endpoint: string): void {
    this.endpoint = endpoint;
    for (const [logicalId, queue] of this.byLogicalId) {
      this.byLogicalId.set(logicalId, { ...this.queueOf(logicalId, queue.name), messages: queue.messages });
    }
  }

  private queueOf(logicalId: string, name: string): LocalQueue<Origin> {
    return {
      logicalId,
      name,
      url: `${this.endpoint}/${ACCOUNT}/${name}`,
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
      messages: [],
    };
  }

  all(): LocalQueue<Origin>[] {
    return [...this.byLogicalId.values()];
  }

  byId(logicalId: string): LocalQueue<Origin> | undefined {
    return this.byLogicalId.get(logicalId);
  }

  /** The queue a URL names (its host may be any alias of this server's), by the name in its path. */
  byUrl(url: string): LocalQueue<Origin> | undefined {
    const name = URL.parse(url)?.pathname.split('/').at(-1);
    return this.all().find((queue) => queue.name === name);
  }

  send(
    logicalId: string,
    body: string,
    attributes: Record<string, MessageAttribute> = {},
    origin: Origin | null = null,
  ): QueueMessage<Origin> | null {
    const queue = this.byLogicalId.get(logicalId);
    if (!queue) return null;
    const message: QueueMessage<Origin> = {
      messageId: randomUUID(),
      body,
      attributes,
      sentAt: Date.now(),
      origin,
      receiveCount: 0,
      firstReceivedAt: null,
      visibleAt: 0,
      receiptHandle: null,
    };
    queue.messages.push(message);
    return message;
  }

  /** Up to `max` visible messages, each made invisible for `visibilitySeconds` under a new receipt handle. */
  receive(queue: LocalQueue<Origin>, max: number, visibilitySeconds: number): QueueMessage<Origin>[] {
    const now = Date.now();
    const visible = queue.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of visible) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiptHandle = randomUUID();
    }
    return visible;
  }

  /** Like SQS, a handle of a message already deleted changes nothing and is no error. */
  delete(queue: LocalQueue<Origin>, receiptHandle: string): void {
    const index = queue.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index >= 0) queue.messages.splice(index, 1);
  }

  /**
   * A received message's new timeout, counted from now; 0 makes it visible at once. Only a message in
   * flight (received, its timeout not yet over) has one to change: what there was to change, if anything.
   */
  changeVisibility(
    queue: LocalQueue<Origin>,
    receiptHandle: string,
    seconds: number,
  ): 'changed' | 'not-in-flight' | 'no-such-message' {
    const message = queue.messages.find((candidate) => candidate.receiptHandle === receiptHandle);
    if (!message) return 'no-such-message';
    const now = Date.now();
    if (message.visibleAt <= now) return 'not-in-flight';
    message.visibleAt = now + seconds * 1000;
    return 'changed';
  }

  /**
   * Takes out every message of a queue that this cloud put there itself, whatever its visibility (the
   * in-process redrive), and their origins; a message sent through the SQS API has none and stays.
   */
  takeOrigins(logicalId: string): Origin[] {
    const queue = this.byLogicalId.get(logicalId);
    if (!queue) return [];
    const taken: Origin[] = [];
    const kept: QueueMessage<Origin>[] = [];
    for (const message of queue.messages) {
      if (message.origin === null) kept.push(message);
      else taken.push(message.origin);
    }
    queue.messages.splice(0, queue.messages.length, ...kept);
    return taken;
  }
}
