// The custom metrics, once: the functions emit them (shared/lambda/metrics.ts) and the stack's
// dashboard and alarms read them (lib/), so a name or a dimension cannot drift between the two.
import { ERROR_CODES } from './error-codes.ts';
import { AGENT_NAMES } from './primitives.ts';

/**
 * Each metric's namespace is this, a slash and the stack's name: two stacks in one account (staging
 * and production) never mix their figures.
 */
export const METRIC_NAMESPACE_PREFIX = 'PartyPlanner';

export const metricNamespace = (stackName: string): string => `${METRIC_NAMESPACE_PREFIX}/${stackName}`;

/**
 * Every metric also carries Powertools' `service` dimension, the emitting function's id; the
 * dimensions below are the others, each with every value it can take, so that no party id (or any
 * other unbounded value) can ever become a dimension and multiply the metrics CloudWatch bills.
 */
export const METRIC_DIMENSIONS = {
  Agent: AGENT_NAMES,
  Outcome: ['completed', 'failed'],
  /**
   * Why a run changed nothing: no input concerns the agent any more, its result already fits the
   * inputs (a duplicate delivery), a newer run's result was stored first, or the state it would
   * write is the one stored (a late or repeated event).
   */
  Reason: ['not_concerned', 'already_current', 'superseded', 'unchanged'],
  Delivery: ['sent', 'gone', 'failed'],
  Answer: ['replay', 'snapshot'],
  Code: ERROR_CODES,
  Service: ['dynamodb', 'eventbridge', 'apigateway'],
} as const;

export type DimensionName = keyof typeof METRIC_DIMENSIONS;
export type DimensionValue<D extends DimensionName> = (typeof METRIC_DIMENSIONS)[D][number];

interface MetricDefinition {
  readonly unit: 'Count' | 'Milliseconds';
  readonly dimensions: readonly DimensionName[];
}

// What each metric counts is in the README (Operations > Metrics), not here: this object is in
// every function's bundle.
export const METRICS = {
  InputsAdded: { unit: 'Count', dimensions: [] },
  InputsRemoved: { unit: 'Count', dimensions: [] },
  PlansPublished: { unit: 'Count', dimensions: [] },
  TimeToPlan: {
    unit: 'Milliseconds',
    dimensions: [],
  },
  AgentRuns: { unit: 'Count', dimensions: ['Agent', 'Outcome'] },
  RunsSkipped: {
    unit: 'Count',
    dimensions: ['Reason'],
  },
  VersionConflicts: {
    unit: 'Count',
    dimensions: [],
  },
  VersionConflictsExhausted: {
    unit: 'Count',
    dimensions: [],
  },
  Deliveries: { unit: 'Count', dimensions: ['Delivery'] },
  Resumes: {
    unit: 'Count',
    dimensions: ['Answer'],
  },
  RefreshRequired: {
    unit: 'Count',
    dimensions: [],
  },
  HttpErrors: { unit: 'Count', dimensions: ['Code'] },
  Throttles: {
    unit: 'Count',
    dimensions: ['Service'],
  },
  InvocationFailed: {
    unit: 'Count',
    dimensions: [],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

/** The dimensions a metric must be recorded with, typed from the catalogue. */
export type DimensionsOf<N extends MetricName> = {
  readonly [D in (typeof METRICS)[N]['dimensions'][number]]: DimensionValue<D>;
};
