import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueMessage } from '#shared/use-cases/redrive.ts';

/** SQS hands out at most ten messages per receive. */
const MAX_PER_RECEIVE = 10;
/**
 * Long enough for a whole redrive: a received message stays hidden from every other reader until we
 * delete it or release it, so two operators redriving at once never put the same message back twice.
 */
const VISIBILITY_SECONDS = 300;
/** A long poll asks every SQS server, so an empty answer means an empty queue, not an unlucky sample. */
const WAIT_SECONDS = 1;

/** One failure queue, read and emptied message by message. */
export class FailureQueue {
  constructor(
    private readonly sqs: SQSClient,
    readonly url: string,
  ) {}

  /** Every visible message, each now hidden for the run; a message is never returned twice. */
  async receiveAll(): Promise<QueueMessage[]> {
    const messages = new Map<string, QueueMessage>();
    for (;;) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.url,
          MaxNumberOfMessages: MAX_PER_RECEIVE,
          VisibilityTimeout: VISIBILITY_SECONDS,
          WaitTimeSeconds: WAIT_SECONDS,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const fresh = Messages.filter((message) => message.MessageId && !messages.has(message.MessageId));
      if (fresh.length === 0) return [...messages.values()];
      for (const message of fresh) {
        messages.set(message.MessageId ?? '', {
          messageId: message.MessageId ?? '',
          receiptHandle: message.ReceiptHandle ?? '',
          body: message.Body ?? '',
          sentAt: Number(message.Attributes?.SentTimestamp ?? Date.now()),
          attributes: Object.fromEntries(
            Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
              name,
              value.StringValue ?? '',
            ]),
          ),
        });
      }
    }
  }

  async delete(message: QueueMessage): Promise<void> {
    await this.sqs.send(
      new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: message.receiptHandle }),
    );
  }

  /** Makes messages we leave in the queue visible again at once, rather than after the run's timeout. */
  async release(message: QueueMessage): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.url,
        ReceiptHandle: message.receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  }
}
