import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { CustomMetricGroup, CustomThreshold, MonitoringFacade } from 'cdk-monitoring-constructs';
import { ALARM_POLICIES, type AlarmPolicy } from './alarm-policy.ts';
import type { AppMetrics } from './app-metrics.ts';

const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/** An alarm of the library's custom monitoring, from one of our policies. */
export function customThreshold(policy: AlarmPolicy): Record<string, CustomThreshold> {
  return {
    Critical: {
      threshold: policy.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      period: policy.period,
      evaluationPeriods: policy.evaluationPeriods,
      datapointsToAlarm: policy.datapointsToAlarm,
      treatMissingDataOverride: policy.treatMissingData,
      alarmDescriptionOverride: policy.description,
    },
  };
}

/**
 * The top of the dashboard, what a user of the product feels: how long an input takes to become a
 * plan, how many plans and inputs go through, and the errors they are answered with.
 */
export function monitorUserStory(facade: MonitoringFacade, metrics: AppMetrics): void {
  const timeToPlan = (statistic: 'p50' | 'p99') =>
    metrics.total('TimeToPlan', { statistic, period: FIVE_MINUTES, label: `time to plan ${statistic}` });
  const perMinute = { statistic: 'Sum', period: MINUTE } as const;
  facade.addLargeHeader('Party planner: what users see');
  facade.monitorCustom({
    alarmFriendlyName: 'TimeToPlan',
    humanReadableName: 'Plans',
    metricGroups: [
      {
        title: 'Time to plan (ms)',
        metrics: [
          timeToPlan('p50'),
          {
            metric: timeToPlan('p99'),
            alarmFriendlyName: 'TimeToPlanP99',
            addAlarm: {
              Critical: {
                ...(customThreshold(ALARM_POLICIES.timeToPlan).Critical as CustomThreshold),
                // A p99 of a handful of inputs is one slow input; wait for enough of them.
                evaluateLowSampleCountPercentile: false,
              },
            },
          },
        ],
      },
      {
        title: 'Plans and inputs per minute',
        metrics: [
          metrics.total('PlansPublished', { ...perMinute, label: 'plans published' }),
          metrics.total('InputsAdded', { ...perMinute, label: 'inputs added' }),
          metrics.total('InputsRemoved', { ...perMinute, label: 'inputs removed' }),
        ],
      },
      {
        title: 'Errors answered over HTTP, by code',
        metrics: metrics.byDimension('HttpErrors', 'Code', perMinute),
      },
      {
        title: 'Invocations that threw (all functions)',
        metrics: [metrics.total('InvocationFailed', { ...perMinute, label: 'invocations failed' })],
      },
    ],
  });
}

/** How the pipeline gets there: agent runs, skipped runs, lost races, deliveries and throttling. */
export function monitorPipeline(facade: MonitoringFacade, metrics: AppMetrics): void {
  const sums = { statistic: 'Sum', period: FIVE_MINUTES } as const;
  const groups: CustomMetricGroup[] = [
    { title: 'Agent runs failed, by agent', metrics: metrics.agentRuns('failed', sums) },
    { title: 'Agent runs completed, by agent', metrics: metrics.agentRuns('completed', sums) },
    {
      title: 'Runs that changed nothing, by reason',
      metrics: metrics.byDimension('RunsSkipped', 'Reason', sums),
    },
    {
      title: 'Lost races for a party',
      metrics: [
        metrics.total('VersionConflicts', { ...sums, label: 'retried' }),
        metrics.total('VersionConflictsExhausted', { ...sums, label: 'gave up' }),
      ],
    },
    {
      title: 'Socket deliveries',
      metrics: [
        ...metrics.byDimension('Deliveries', 'Delivery', sums),
        metrics.total('RefreshRequired', { ...sums, label: 'refresh required' }),
        ...metrics.byDimension('Resumes', 'Answer', sums),
      ],
    },
    { title: 'AWS calls throttled, by service', metrics: metrics.byDimension('Throttles', 'Service', sums) },
  ];
  facade.addLargeHeader('Inside the pipeline');
  facade.monitorCustom({
    alarmFriendlyName: 'Pipeline',
    humanReadableName: 'Pipeline',
    metricGroups: groups,
  });
}
