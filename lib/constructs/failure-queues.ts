import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Where events end up when the pipeline cannot process them, kept long enough to investigate and redrive. */
export class FailureQueues extends Construct {
  /** Events that EventBridge could not deliver to a pipeline function. */
  readonly undeliveredEvents: sqs.Queue;
  /** Asynchronous invocations that still failed after Lambda's retries. */
  readonly failedInvocations: sqs.Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.undeliveredEvents = failureQueue(this, 'UndeliveredEvents');
    this.failedInvocations = failureQueue(this, 'FailedInvocations');
  }
}

function failureQueue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
  });
}
