import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Where events end up when the pipeline cannot process them, kept long enough to investigate and redrive. */
export class FailureQueues extends Construct {
  /** Events that EventBridge could not deliver to a pipeline function. */
  readonly undeliveredEvents: sqs.Queue;
  /** Asynchronous invocations that still failed after Lambda's retries. */
  readonly failedInvocations: sqs.Queue;

  /** Like the table: messages awaiting redrive are data, kept unless the stack is a throw-away one. */
  constructor(scope: Construct, id: string, props: { readonly removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.undeliveredEvents = failureQueue(this, 'UndeliveredEvents', props.removalPolicy);
    this.failedInvocations = failureQueue(this, 'FailedInvocations', props.removalPolicy);
  }
}

function failureQueue(scope: Construct, id: string, removalPolicy: RemovalPolicy): sqs.Queue {
  return new sqs.Queue(scope, id, {
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    removalPolicy,
  });
}
