export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 10, maxDelayMs: 1000 };

/** "Full jitter" backoff: spreads competing writers apart so that one of them wins each round. */
function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What code that retries (a lost race, a throttled call) lets a test control: policy, clock, randomness, waits. */
export interface RetryOptions {
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: () => Date;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The resolved retry settings, and the wait between attempts. */
export class RetryTiming {
  readonly policy: RetryPolicy;
  readonly clock: () => Date;
  readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RetryOptions, defaults: RetryPolicy) {
    this.policy = { ...defaults, ...options.retry };
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleep;
  }

  /** Waits before attempt `attempt + 1`. */
  backoff(attempt: number): Promise<void> {
    return this.sleep(backoffDelay(this.policy, attempt, this.random));
  }
}

/**
 * AWS's answers to more requests than it takes right now (API Gateway's posts, DynamoDB, EventBridge),
 * as they surface once the SDK's own retries gave up.
 */
const THROTTLING_ERRORS = new Set([
  'LimitExceededException',
  'TooManyRequestsException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return (typeof name === 'string' && THROTTLING_ERRORS.has(name)) || $metadata?.httpStatusCode === 429;
}
