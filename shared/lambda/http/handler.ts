import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { instrumented, logger, recordMetric, traceWith } from '#shared/lambda/observability.ts';
import { toHttpError } from './errors.ts';
import { errorResponse, INTERNAL_ERROR } from './responses.ts';

export type HttpRoute = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Turns expected failures into their 4xx response and anything unexpected into a logged 500, so a
 * route answers every request with a JSON body. The request id doubles as the correlation id of
 * every event that the request causes.
 */
export function httpHandler(name: string, route: HttpRoute): HttpRoute {
  return instrumented(name, async (event, context) => {
    traceWith({ correlation_id: event.requestContext?.requestId });
    try {
      return await route(event, context);
    } catch (error) {
      const httpError = toHttpError(error);
      if (httpError) {
        recordMetric('HttpErrors', { Code: httpError.code });
        logger.info('request rejected', {
          status: httpError.status,
          code: httpError.code,
          reason: httpError.message,
        });
        return errorResponse(httpError);
      }
      logger.error('request failed', error as Error);
      recordMetric('HttpErrors', { Code: 'internal' });
      return INTERNAL_ERROR;
    }
  });
}

export function requestCause(event: APIGatewayProxyEventV2): {
  correlation_id: string;
  causation_id: string;
} {
  const requestId = event.requestContext?.requestId ?? 'unknown-request';
  return { correlation_id: requestId, causation_id: requestId };
}
