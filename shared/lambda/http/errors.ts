import { isThrottling } from '#shared/adapters/retry.ts';
import type { ErrorCode } from '#shared/contracts/messages.ts';
import type { FieldIssue } from '#shared/contracts/zod.ts';
import { BUSY_RETRY_AFTER_SECONDS, PartyError } from '#shared/domain/party/errors.ts';

/** An error that already knows its HTTP status; thrown by request parsing and auth checks. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> | FieldIssue[] = {},
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unknown_action: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Maps domain errors to their HTTP error; anything else is not the caller's fault and stays a 500.
 * A throttled store, or writes that kept losing the race for the party after the store's own retries,
 * is a 503: nothing the caller can resolve, only retry in a moment.
 */
export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof PartyError)
    return new HttpError(STATUS_BY_CODE[error.code], error.code, error.message, error.details);
  if (isThrottling(error))
    return new HttpError(
      STATUS_BY_CODE.unavailable,
      'unavailable',
      'the party store is busy; retry shortly',
      {
        retry_after_seconds: BUSY_RETRY_AFTER_SECONDS,
      },
    );
  return null;
}
