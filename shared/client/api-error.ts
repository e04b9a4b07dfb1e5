import * as z from 'zod/mini';

/** The error body every HTTP route answers with; `details` names the fields or limits at fault. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});

/**
 * A failed API call. `code` is the server's error code when it sent one; a network failure or a body
 * that is not the documented shape gets `network` or `bad_response`, so callers can branch on one field.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = {},
  ) {
    super(message);
  }
}
