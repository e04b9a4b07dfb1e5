export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random. Every browser of a
 * party drops at once when the gateway restarts; the random half spreads their reconnects apart, and
 * the fixed half keeps a single client from hammering a server that is still down.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}
