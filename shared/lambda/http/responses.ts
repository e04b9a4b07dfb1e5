import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpError } from './errors.ts';

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * The error body every route uses: `{ error: { code, message, details } }`. When the details say when to
 * retry (429, 503), so does a `Retry-After` header, which HTTP clients and proxies honour by themselves.
 */
export function errorResponse(error: HttpError): APIGatewayProxyStructuredResultV2 {
  const response = json(error.status, {
    error: { code: error.code, message: error.message, details: error.details },
  });
  const retryAfter = 'retry_after_seconds' in error.details ? error.details.retry_after_seconds : undefined;
  if (typeof retryAfter !== 'number') return response;
  return { ...response, headers: { ...response.headers, 'retry-after': String(Math.ceil(retryAfter)) } };
}

export const INTERNAL_ERROR = json(500, {
  error: { code: 'internal', message: 'internal error; the request was logged', details: {} },
});
