import { randomUUID } from 'node:crypto';
import { FunctionError } from './lambda-host.ts';

export interface DeadLetter {
  readonly message_id: string;
  readonly queue: string;
  readonly function: string;
  readonly condition: 'RetriesExhausted' | 'EventAgeExceeded';
  readonly approximate_invoke_count: number;
  readonly error: string;
  readonly failed_at: string;
  /** The event that could not be processed; redrive invokes the function with it again. */
  readonly request_payload: unknown;
}

export interface AsyncTarget {
  readonly functionLogicalId: string;
  readonly asyncRetries: number;
  readonly maxEventAgeSeconds: number;
  /** Where Lambda sends an event that failed every attempt (the function's OnFailure destination). */
  readonly onFailureQueue: string | null;
}

/** Lambda waits about one minute before the first retry of an async event and two before the second. */
const RETRY_DELAYS_SECONDS = [60, 120];

/**
 * Lambda's asynchronous invocation, as EventBridge uses it: the caller does not wait, a failed run
 * is retried with Lambda's delays (scaled down locally), and an event that fails every attempt or
 * grows too old lands in the function's failure queue, from where it can be listed and redriven.
 */
export class AsyncInvoker {
  private readonly queues = new Map<string, DeadLetter[]>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly invoke: (functionLogicalId: string, event: unknown) => Promise<unknown>,
    private readonly options: { delayScale: number; onDeadLetter?: (letter: DeadLetter) => void },
  ) {}

  submit(target: AsyncTarget, event: unknown): void {
    this.inFlight += 1;
    void this.run(target, event, Date.now()).finally(() => {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Resolves once every submitted event has been processed or dead-lettered. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  deadLetters(queue?: string): DeadLetter[] {
    return queue ? [...(this.queues.get(queue) ?? [])] : [...this.queues.values()].flat();
  }

  queueNames(): string[] {
    return [...this.queues.keys()];
  }

  /** Sends every message of a queue back to its function, as an SQS redrive would. */
  redrive(queue: string, targets: ReadonlyMap<string, AsyncTarget>): number {
    const letters = this.queues.get(queue) ?? [];
    this.queues.set(queue, []);
    for (const letter of letters) {
      const target = targets.get(letter.function);
      if (target) this.submit(target, letter.request_payload);
    }
    return letters.length;
  }

  private async run(target: AsyncTarget, event: unknown, receivedAt: number): Promise<void> {
    const attempts = target.asyncRetries + 1;
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (Date.now() - receivedAt > target.maxEventAgeSeconds * 1000 * this.options.delayScale) {
        return this.deadLetter(target, event, 'EventAgeExceeded', attempt - 1, lastError);
      }
      try {
        await this.invoke(target.functionLogicalId, event);
        return;
      } catch (error) {
        lastError = error instanceof FunctionError ? `${error.errorType}: ${error.message}` : String(error);
      }
      const delay = RETRY_DELAYS_SECONDS[attempt - 1];
      if (attempt < attempts && delay !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, delay * 1000 * this.options.delayScale));
      }
    }
    this.deadLetter(target, event, 'RetriesExhausted', attempts, lastError);
  }

  private deadLetter(
    target: AsyncTarget,
    event: unknown,
    condition: DeadLetter['condition'],
    invokeCount: number,
    error: string,
  ): void {
    const queue = target.onFailureQueue ?? 'dropped';
    const letter: DeadLetter = {
      message_id: randomUUID(),
      queue,
      function: target.functionLogicalId,
      condition,
      approximate_invoke_count: invokeCount,
      error,
      failed_at: new Date().toISOString(),
      request_payload: event,
    };
    this.queues.set(queue, [...(this.queues.get(queue) ?? []), letter]);
    this.options.onDeadLetter?.(letter);
  }
}
