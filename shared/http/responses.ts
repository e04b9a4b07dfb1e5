import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpError } from './errors.ts';

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** The error body every route uses: `{ error: { code, message, details } }`. */
export function errorResponse(error: HttpError): APIGatewayProxyStructuredResultV2 {
  return json(error.status, { error: { code: error.code, message: error.message, details: error.details } });
}

export const INTERNAL_ERROR = json(500, {
  error: { code: 'internal', message: 'internal error; the request was logged', details: {} },
});
