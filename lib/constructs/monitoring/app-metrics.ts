import type { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { FunctionId } from '#lib/function-specs.ts';
import { AGENT_FUNCTIONS, METRIC_EMITTERS } from '#lib/metric-emitters.ts';
import { type DimensionName, METRIC_DIMENSIONS, type MetricName } from '#shared/contracts/metrics.ts';

export interface SeriesOptions {
  readonly statistic: string;
  readonly period: Duration;
  readonly label: string;
  /** Dimensions besides `service`, each with one of its catalogue values. */
  readonly dimensions?: Readonly<Partial<Record<DimensionName, string>>>;
}

/**
 * The app's custom metrics, summed over the functions that emit them: CloudWatch keeps one series per
 * `service`, and metric math adds them up (a single emitter needs no math, and keeps percentiles).
 */
export class AppMetrics {
  constructor(private readonly namespace: string) {}

  /** One emitter's series. */
  of(name: MetricName, service: FunctionId, options: SeriesOptions): Metric {
    return new Metric({
      namespace: this.namespace,
      metricName: name,
      dimensionsMap: { service, ...options.dimensions },
      statistic: options.statistic,
      period: options.period,
      label: options.label,
    });
  }

  /** The metric over every function that emits it. */
  total(name: MetricName, options: SeriesOptions): Metric | MathExpression {
    const emitters = METRIC_EMITTERS[name];
    const [only] = emitters;
    if (emitters.length === 1 && only) return this.of(name, only, options);
    // Ids must be unique across a whole graph, which shows several totals side by side.
    const prefix = [name, ...Object.values(options.dimensions ?? {})].join('_').toLowerCase();
    const usingMetrics = Object.fromEntries(
      emitters.map((service, index) => [`${prefix}_${index}`, this.of(name, service, options)]),
    );
    return new MathExpression({
      expression: `SUM([${Object.keys(usingMetrics).join(',')}])`,
      usingMetrics,
      label: options.label,
      period: options.period,
    });
  }

  /** One total per value of a dimension, labelled with the value. */
  byDimension(
    name: MetricName,
    dimension: DimensionName,
    options: Omit<SeriesOptions, 'label'>,
  ): (Metric | MathExpression)[] {
    return METRIC_DIMENSIONS[dimension].map((value) =>
      this.total(name, {
        ...options,
        label: value,
        dimensions: { ...options.dimensions, [dimension]: value },
      }),
    );
  }

  /** Agent runs with one outcome, a line per agent: each agent's function records only its own name. */
  agentRuns(outcome: string, options: Omit<SeriesOptions, 'label' | 'dimensions'>): Metric[] {
    return Object.entries(AGENT_FUNCTIONS).map(([service, agent]) =>
      // Object.entries widens the keys to string; AGENT_FUNCTIONS is keyed by FunctionId.
      this.of('AgentRuns', service as FunctionId, {
        ...options,
        label: agent,
        dimensions: { Agent: agent, Outcome: outcome },
      }),
    );
  }
}
