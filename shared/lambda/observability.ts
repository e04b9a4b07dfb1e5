// The one place where logging and metrics are configured; every function imports from here.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { readVariable } from './environment.ts';

const serviceName = readVariable('POWERTOOLS_SERVICE_NAME');

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: readVariable('POWERTOOLS_METRICS_NAMESPACE'),
});
export { MetricUnit };

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
      metrics.addMetric('InvocationFailed', MetricUnit.Count, 1);
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
