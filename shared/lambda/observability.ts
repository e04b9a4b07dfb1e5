// The one place where logging and metrics are configured; every function imports from here.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareStack } from '@smithy/types';
import type { Context } from 'aws-lambda';
import { isThrottling } from '#shared/adapters/retry.ts';
import {
  type DimensionsOf,
  type DimensionValue,
  METRICS,
  type MetricName,
} from '#shared/contracts/metrics.ts';
import { readVariable } from './environment.ts';

const serviceName = readVariable('POWERTOOLS_SERVICE_NAME');
const namespace = readVariable('POWERTOOLS_METRICS_NAMESPACE');

export const logger = new Logger({ serviceName });

// Powertools gives one set of dimensions to every metric it buffers, so each combination the
// catalogue allows gets its own buffer, and all of them are flushed once per invocation.
const buffers = new Map<string, Metrics>();

/** Records one value of a catalogued metric (shared/contracts/metrics.ts), published when the invocation ends. */
export function recordMetric<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, value = 1): void {
  const key = JSON.stringify(dimensions);
  let buffer = buffers.get(key);
  if (!buffer) {
    buffer = new Metrics({ serviceName, namespace, defaultDimensions: { ...dimensions } });
    buffers.set(key, buffer);
  }
  buffer.addMetric(name, MetricUnit[METRICS[name].unit], value);
}

function publishMetrics(): void {
  for (const buffer of buffers.values()) if (buffer.hasStoredMetrics()) buffer.publishStoredMetrics();
}

/** Any SDK v3 client: each has a middleware stack over its own input and output types. */
interface SdkClient {
  // biome-ignore lint/suspicious/noExplicitAny: the stack's types differ per client; this middleware reads neither
  readonly middlewareStack: MiddlewareStack<any, any>;
}

/**
 * Counts every throttled attempt of a client's calls, including those the SDK retries and the caller
 * never sees: at the deserialize step, a middleware runs once per attempt, inside the retry loop.
 */
export function countThrottles<C extends SdkClient>(client: C, service: DimensionValue<'Service'>): C {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isThrottling(error)) recordMetric('Throttles', { Service: service });
        throw error;
      }
    },
    { step: 'deserialize', name: 'countThrottles', priority: 'high' },
  );
  return client;
}

export interface TraceKeys {
  readonly party_id?: string | undefined;
  readonly correlation_id?: string | undefined;
  readonly event_type?: string | undefined;
}

/** Adds party and correlation ids to every log line of the current invocation. */
export function traceWith(keys: TraceKeys): void {
  const defined = Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== undefined));
  logger.appendKeys(defined);
}

/**
 * Wraps a handler so that each invocation logs with the Lambda context, logs a failure once with
 * its cause before rethrowing it (the platform then retries or dead-letters the event), and flushes
 * metrics.
 */
export function instrumented<E, R>(
  name: string,
  handle: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    logger.appendKeys({ function: name });
    try {
      return await handle(event, context);
    } catch (error) {
      logger.error('invocation failed', error as Error);
      recordMetric('InvocationFailed', {});
      throw error;
    } finally {
      publishMetrics();
      logger.resetKeys();
    }
  };
}
