import { ApiError } from '#shared/client/index.ts';

/** What the host is told of a failure: the API's message and code, or the error's own message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
