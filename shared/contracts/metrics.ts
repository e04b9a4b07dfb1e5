// The custom metrics, once: the functions emit them (shared/lambda/metrics.ts) and the stack's
// dashboard and alarms read them (lib/), so a name or a dimension cannot drift between the two.
import { ERROR_CODES } from './messages.ts';
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
  readonly description: string;
}

export const METRICS = {
  InputsAdded: { unit: 'Count', dimensions: [], description: 'Inputs accepted by POST /add-input' },
  InputsRemoved: { unit: 'Count', dimensions: [], description: 'Inputs removed by DELETE' },
  PlansPublished: { unit: 'Count', dimensions: [], description: 'Plans stored and announced' },
  TimeToPlan: {
    unit: 'Milliseconds',
    dimensions: [],
    description: "From an input's occurred_at to the first plan that answers it from every agent it concerns",
  },
  AgentRuns: { unit: 'Count', dimensions: ['Agent', 'Outcome'], description: 'Agent results stored' },
  RunsSkipped: {
    unit: 'Count',
    dimensions: ['Reason'],
    description: 'Deliveries that changed nothing (duplicate, late or stale events)',
  },
  VersionConflicts: {
    unit: 'Count',
    dimensions: [],
    description: 'Conditional writes that lost the race for a party and were retried',
  },
  VersionConflictsExhausted: {
    unit: 'Count',
    dimensions: [],
    description: 'Writes that kept losing the race after every retry',
  },
  Deliveries: { unit: 'Count', dimensions: ['Delivery'], description: 'Messages posted to sockets' },
  Resumes: {
    unit: 'Count',
    dimensions: ['Answer'],
    description: 'Resumes answered from the log or by a snapshot',
  },
  RefreshRequired: {
    unit: 'Count',
    dimensions: [],
    description: 'refresh_required sent: a socket was told to fetch the whole party',
  },
  HttpErrors: { unit: 'Count', dimensions: ['Code'], description: 'Error answers of the HTTP API by code' },
  Throttles: {
    unit: 'Count',
    dimensions: ['Service'],
    description: 'Calls an AWS service throttled (each attempt, retried or not)',
  },
  InvocationFailed: {
    unit: 'Count',
    dimensions: [],
    description: 'Invocations that threw (the platform retries or dead-letters them)',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

/** The dimensions a metric must be recorded with, typed from the catalogue. */
export type DimensionsOf<N extends MetricName> = {
  readonly [D in (typeof METRICS)[N]['dimensions'][number]]: DimensionValue<D>;
};
