/**
 * The stack outputs that operator tools read (`npm run redrive`, `npm run history`): the bus, the
 * table and each failure queue's URL, by the name an operator calls the queue.
 */
export const EVENT_BUS_OUTPUT = 'EventBusName';

/** The party table: `npm run history` reads a party's state and message log there. */
export const TABLE_OUTPUT = 'TableName';

export const FAILURE_QUEUE_OUTPUTS = {
  /** Events that EventBridge could not hand to a function (rule targets' dead-letter queue). */
  undelivered: 'UndeliveredEventsQueueUrl',
  /** Invocations that failed after Lambda's retries (the functions' on-failure destination). */
  failed: 'FailedInvocationsQueueUrl',
} as const;

export type FailureQueueName = keyof typeof FAILURE_QUEUE_OUTPUTS;
