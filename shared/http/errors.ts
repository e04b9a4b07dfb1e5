import type { ErrorCode } from '#shared/messages/catalog.ts';
import { PartyError } from '#shared/party/errors.ts';
import type { FieldIssue } from '#shared/schemas/zod.ts';

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
};

/** Maps domain errors to their HTTP error; anything else is not the caller's fault and stays a 500. */
export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof PartyError)
    return new HttpError(STATUS_BY_CODE[error.code], error.code, error.message, error.details);
  return null;
}
