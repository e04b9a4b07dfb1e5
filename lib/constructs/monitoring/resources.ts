import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import type { MonitoringFacade } from 'cdk-monitoring-constructs';
import { FUNCTION_IDS } from '#lib/function-specs.ts';
import type { EventRouting } from '../event-routing.ts';
import type { FailureQueues } from '../failure-queues.ts';
import type { PartyFunctions } from '../party-functions.ts';
import type { PartyTable } from '../party-table.ts';
import { ALARM_POLICIES, type AlarmPolicy, MIN_REQUESTS_FOR_ERROR_RATE } from './alarm-policy.ts';
import { customThreshold } from './user-story.ts';

const FIVE_MINUTES = Duration.minutes(5);

/** The library's alarm settings from one of our policies; its own properties name the threshold. */
function alarmSettings(policy: AlarmPolicy) {
  return {
    period: policy.period,
    evaluationPeriods: policy.evaluationPeriods,
    datapointsToAlarm: policy.datapointsToAlarm,
    treatMissingDataOverride: policy.treatMissingData,
    alarmDescriptionOverride: policy.description,
  };
}

/**
 * One section per function, each alarming on its own Errors and Throttles. A single math alarm over
 * seventeen functions is not possible (an alarm's math reads at most ten metrics) and would cost the
 * same (CloudWatch bills a math alarm per metric it reads); one alarm per function names the culprit.
 */
export function monitorFunctions(facade: MonitoringFacade, functions: PartyFunctions): void {
  facade.addLargeHeader('Functions');
  for (const functionId of FUNCTION_IDS) {
    facade.monitorLambdaFunction({
      lambdaFunction: functions.get(functionId).fn,
      alarmFriendlyName: functionId,
      humanReadableName: functionId,
      addFaultCountAlarm: {
        Critical: {
          maxErrorCount: ALARM_POLICIES.lambdaErrors.threshold,
          ...alarmSettings(ALARM_POLICIES.lambdaErrors),
        },
      },
      addThrottlesCountAlarm: {
        Critical: {
          maxErrorCount: ALARM_POLICIES.lambdaThrottles.threshold,
          ...alarmSettings(ALARM_POLICIES.lambdaThrottles),
        },
      },
    });
  }
}

export function monitorFailureQueues(facade: MonitoringFacade, queues: FailureQueues): void {
  facade.addLargeHeader('Failure queues');
  const policy = ALARM_POLICIES.failureQueue;
  for (const [name, queue] of [
    ['UndeliveredEvents', queues.undeliveredEvents],
    ['FailedInvocations', queues.failedInvocations],
  ] as const) {
    facade.monitorSqsQueue({
      queue,
      alarmFriendlyName: name,
      humanReadableName: `${name} queue`,
      addQueueMaxSizeAlarm: { Critical: { maxMessageCount: policy.threshold, ...alarmSettings(policy) } },
    });
  }
}

/**
 * The HTTP API's own widgets, and an alarm on the share of 5xx answers: the library's "5xx rate" is
 * errors per second, which says nothing without the traffic it came from.
 */
export function monitorHttpApi(facade: MonitoringFacade, api: apigwv2.HttpApi, stage: string): void {
  facade.addLargeHeader('APIs');
  facade.monitorApiGatewayV2HttpApi({
    api,
    apiStage: stage,
    alarmFriendlyName: 'HttpApi',
    humanReadableName: 'HTTP API',
  });
  const gatewayMetric = (metricName: string) =>
    new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiId: api.apiId, Stage: stage },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
  const errorShare = new MathExpression({
    expression: `IF(requests >= ${MIN_REQUESTS_FOR_ERROR_RATE}, 100 * errors / requests)`,
    usingMetrics: { errors: gatewayMetric('5xx'), requests: gatewayMetric('Count') },
    label: '5xx share of requests (%)',
    period: FIVE_MINUTES,
  });
  facade.monitorCustom({
    alarmFriendlyName: 'HttpApi5xx',
    humanReadableName: 'HTTP API 5xx share',
    metricGroups: [
      {
        title: '5xx answers (% of requests)',
        metrics: [
          {
            metric: errorShare,
            alarmFriendlyName: 'HttpApi5xxShare',
            addAlarm: customThreshold(ALARM_POLICIES.httpServerErrors),
          },
        ],
      },
    ],
  });
}

/** WebSocket APIs have no section in the library: the metrics API Gateway publishes for them. */
export function monitorWebSocketApi(facade: MonitoringFacade, stage: apigwv2.WebSocketStage): void {
  const metric = (metricName: string, statistic = 'Sum') =>
    new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiId: stage.api.apiId, Stage: stage.stageName },
      statistic,
      period: FIVE_MINUTES,
      label: statistic === 'Sum' ? metricName : `${metricName} ${statistic}`,
    });
  facade.monitorCustom({
    alarmFriendlyName: 'WebSocketApi',
    humanReadableName: 'WebSocket API',
    metricGroups: [
      { title: 'Connections and messages', metrics: [metric('ConnectCount'), metric('MessageCount')] },
      {
        title: 'Errors',
        metrics: [metric('ClientError'), metric('IntegrationError'), metric('ExecutionError')],
      },
      {
        title: 'Integration latency (ms)',
        metrics: [metric('IntegrationLatency', 'p50'), metric('IntegrationLatency', 'p99')],
      },
    ],
  });
}

export function monitorTable(facade: MonitoringFacade, table: PartyTable): void {
  facade.addLargeHeader('Table');
  const policy = ALARM_POLICIES.tableThrottles;
  const throttled = { Critical: { maxThrottledEventsThreshold: policy.threshold, ...alarmSettings(policy) } };
  facade.monitorDynamoTable({
    table: table.table,
    alarmFriendlyName: 'Table',
    humanReadableName: 'Party table',
    addReadThrottledEventsCountAlarm: throttled,
    addWriteThrottledEventsCountAlarm: throttled,
  });
}

/**
 * The bus's rules: what each delivered and what it gave up on. Every target has a dead-letter queue,
 * so a delivery EventBridge gives up on counts as DeadLetterInvocations, never as FailedInvocations
 * (which would stay silent); the queue's own alarm covers those. What no alarm would see is an event
 * that could not even be dead-lettered: one alarm per rule (named by bus and rule) on that.
 */
export function monitorRules(facade: MonitoringFacade, bus: events.IEventBus, routing: EventRouting): void {
  facade.addLargeHeader('Event bus and rules');
  const metric = (metricName: string, rule: events.Rule, routeId: string) =>
    new Metric({
      namespace: 'AWS/Events',
      metricName,
      dimensionsMap: { EventBusName: bus.eventBusName, RuleName: rule.ruleName },
      statistic: 'Sum',
      period: FIVE_MINUTES,
      label: routeId,
    });
  const rules = [...routing.rules];
  facade.monitorCustom({
    alarmFriendlyName: 'Rules',
    humanReadableName: 'Rules on the party bus',
    metricGroups: [
      { title: 'Invocations, by rule', metrics: rules.map(([id, rule]) => metric('Invocations', rule, id)) },
      {
        title: 'Dead-lettered (in the undelivered queue), by rule',
        metrics: rules.map(([id, rule]) => metric('DeadLetterInvocations', rule, id)),
      },
      {
        title: 'Lost (not even dead-lettered), by rule',
        metrics: rules.map(([id, rule]) => ({
          metric: metric('InvocationsFailedToBeSentToDlq', rule, id),
          alarmFriendlyName: `Rule-${id}-EventsLost`,
          addAlarm: customThreshold(ALARM_POLICIES.ruleEventsLost),
        })),
      },
    ],
  });
}
