import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * What each alarm watches for, how long, and what the person paged should do; README "Alarms" is
 * this table in prose. Every threshold is "more than", so 0 means "any at all".
 */
export interface AlarmPolicy {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly description: string;
}

const FIVE_MINUTES = Duration.minutes(5);
const once = { period: FIVE_MINUTES, evaluationPeriods: 1, datapointsToAlarm: 1 } as const;
// Each of these metrics is published only when something happened (or, for SQS, while the queue
// holds a message), so no data means nothing went wrong; BREACHING would page on every quiet night.
const quietIsFine = TreatMissingData.NOT_BREACHING;

export const ALARM_POLICIES = {
  failureQueue: {
    ...once,
    threshold: 0,
    treatMissingData: quietIsFine,
    description:
      'A party event is parked in a failure queue: the pipeline gave up on it, so some party is missing a ' +
      "step (a result, a plan or a broadcast). Find the cause in the failed function's logs (the message " +
      'names the rule or the error), fix it, then `npm run redrive -- --queue <failed|undelivered>` ' +
      '(README, Operations > Redrive).',
  },
  lambdaErrors: {
    ...once,
    threshold: 0,
    treatMissingData: quietIsFine,
    description:
      'The function threw. Expected outcomes (lost races, bad requests, gone sockets) are answered or ' +
      'retried without throwing, so this is a bug or a failing dependency: a request function answered ' +
      "500, a pipeline function will be retried and may end in the failed queue. Read the function's " +
      'log lines with level ERROR (each names the party and correlation id).',
  },
  lambdaThrottles: {
    ...once,
    threshold: 0,
    treatMissingData: quietIsFine,
    description:
      'Lambda refused to run the function: the account (or Region) concurrency quota is used up. HTTP ' +
      'callers got a 5xx; EventBridge retries for two hours and then dead-letters. Check ConcurrentExecutions ' +
      'across the account and the capacity plan (README, Operations > Capacity plan); ask for a higher quota.',
  },
  httpServerErrors: {
    period: FIVE_MINUTES,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: 5,
    treatMissingData: quietIsFine,
    description:
      'More than 5% of HTTP API requests answered 5xx for ten minutes (periods with fewer than 20 requests ' +
      "are not judged). Users cannot start parties or add inputs. Check the route functions' Errors and " +
      'Throttles alarms and the access log (status, integrationError, requestId).',
  },
  tableThrottles: {
    period: FIVE_MINUTES,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: 0,
    treatMissingData: quietIsFine,
    description:
      'DynamoDB throttled the table in two of the last three 5-minute periods. The SDK retries a short burst; ' +
      'throttling that lasts means a hot partition key (first the shared statistics key, README Capacity ' +
      'plan) or a jump past twice the previous peak of an on-demand table. See the Throttles metric by ' +
      'function and the capacity plan.',
  },
  ruleEventsLost: {
    ...once,
    threshold: 0,
    treatMissingData: quietIsFine,
    description:
      'EventBridge gave up on an event for this rule (4 retries, 2 hours) and could not even put it in the ' +
      'undelivered queue (a permission, the queue gone, or the event too large): the event is lost and ' +
      "some party misses a step. Check the queue's policy and the rule's dead-letter settings; the party " +
      'recovers with its next change, or the user re-adds the input.',
  },
  timeToPlan: {
    period: FIVE_MINUTES,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 10_000,
    treatMissingData: quietIsFine,
    description:
      'The slowest 1% of inputs took more than 10 s to reach a plan for fifteen minutes (measured locally: ' +
      'p99 6.7 s under 40 parties at once on two cores). Users see the plan lag behind what they typed. Look ' +
      'for Throttles, VersionConflicts and the Duration of the analyzer, agents and planner on the dashboard.',
  },
} as const satisfies Record<string, AlarmPolicy>;

/** The least number of requests in a period for its 5xx share to be judged: below it one error is 5% or more. */
export const MIN_REQUESTS_FOR_ERROR_RATE = 20;
