import { randomUUID } from 'node:crypto';
import type { FaultInjector, FaultKind } from '../faults.ts';
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

/** A rule's target as EventBridge delivers to it: its retry policy and dead-letter queue. */
export interface RuleTarget {
  /** The rule that delivers (its logical id), named on what lands in its dead-letter queue. */
  readonly ruleName: string;
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
  readonly deadLetterQueue: string | null;
}

/** EventBridge backs off exponentially between delivery attempts, up to a few minutes. */
const deliveryBackoffSeconds = (attempt: number) => Math.min(2 ** attempt, 300);

/**
 * How old an event is as AWS would count it: the time its work really took, plus AWS's full delays for
 * the retry waits that run scaled down here. Scaling the age limit instead would make Lambda's hour
 * shorter than one slow invocation on a busy machine, and dead-letter events that AWS would retry.
 */
class EventAge {
  private readonly receivedAt = Date.now();
  private waitedMs = 0;
  private waitedAtFullLengthMs = 0;

  constructor(private readonly delayScale: number) {}

  async wait(seconds: number): Promise<void> {
    const ms = seconds * 1000 * this.delayScale;
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.waitedMs += ms;
    this.waitedAtFullLengthMs += seconds * 1000;
  }

  seconds(): number {
    return (Date.now() - this.receivedAt - this.waitedMs + this.waitedAtFullLengthMs) / 1000;
  }
}

/** Who sent a dead letter: a rule's target that could not deliver, or Lambda after its own retries. */
export type DeadLetterSource =
  | { readonly kind: 'rule'; readonly ruleName: string }
  | { readonly kind: 'destination' };

/** Where dead letters are kept: in memory by default, the local cloud's SQS queues in the cloud. */
export interface DeadLetterQueues {
  put(letter: DeadLetter, source: DeadLetterSource): void;
  list(queue?: string): DeadLetter[];
  /** Takes every letter out of a queue. */
  take(queue: string): DeadLetter[];
}

function inMemoryDeadLetterQueues(): DeadLetterQueues {
  const queues = new Map<string, DeadLetter[]>();
  return {
    put: (letter) => {
      const letters = queues.get(letter.queue);
      if (letters) letters.push(letter);
      else queues.set(letter.queue, [letter]);
    },
    list: (queue) => (queue ? [...(queues.get(queue) ?? [])] : [...queues.values()].flat()),
    take: (queue) => {
      const letters = queues.get(queue) ?? [];
      queues.set(queue, []);
      return letters;
    },
  };
}

export interface AsyncInvokerOptions {
  readonly delayScale: number;
  readonly deadLetterQueues?: DeadLetterQueues;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /**
   * Fault injection: duplicated, shuffled and delayed rule deliveries, hand-overs that Lambda refuses
   * (so the rule's retry policy and dead-letter queue apply) and invocations that fail.
   */
  readonly faults?: FaultInjector;
  readonly onFault?: (fault: FaultKind, functionLogicalId: string) => void;
}

/**
 * Lambda's asynchronous invocation, as EventBridge uses it: the caller does not wait, a failed run
 * is retried with Lambda's delays (scaled down locally), and an event that fails every attempt or
 * grows too old lands in the function's failure queue, from where it can be listed and redriven.
 */
export class AsyncInvoker {
  private readonly queues: DeadLetterQueues;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly invoke: (
      functionLogicalId: string,
      event: unknown,
      upstreamTrace?: string,
    ) => Promise<unknown>,
    private readonly options: AsyncInvokerOptions,
  ) {
    this.queues = options.deadLetterQueues ?? inMemoryDeadLetterQueues();
  }

  /** `traceHeader` is the trace the event arrives with (a PutEvents entry's); every attempt continues it. */
  submit(target: AsyncTarget, event: unknown, traceHeader?: string): void {
    this.track(this.run(target, event, traceHeader));
  }

  /**
   * EventBridge's side: hands the event to Lambda's async queue. Should Lambda refuse it, the rule's
   * retry policy applies (attempts and maximum event age), then the rule target's dead-letter queue.
   */
  deliverFromRule(rule: RuleTarget, target: AsyncTarget, event: unknown, traceHeader?: string): void {
    const copies = this.options.faults?.deliveryCopies() ?? 1;
    if (copies > 1) this.options.onFault?.('duplicate_delivery', target.functionLogicalId);
    for (let copy = 0; copy < copies; copy++) this.track(this.handOver(rule, target, event, traceHeader));
  }

  private track(work: Promise<void>): void {
    this.inFlight += 1;
    void work.finally(() => {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  private async handOver(
    rule: RuleTarget,
    target: AsyncTarget,
    event: unknown,
    traceHeader: string | undefined,
  ): Promise<void> {
    const age = new EventAge(this.options.delayScale);
    // Held and delayed deliveries are in flight: this runs inside the tracked hand-over.
    await this.options.faults?.holdDelivery();
    const error = 'ThrottlingException: Rate Exceeded.';
    for (let attempt = 0; ; attempt++) {
      if (!this.options.faults?.refuseDelivery()) {
        this.submit(target, event, traceHeader);
        return;
      }
      this.options.onFault?.('refuse_delivery', target.functionLogicalId);
      const expired = age.seconds() > rule.maxEventAgeSeconds;
      if (expired || attempt >= rule.maxRetries) {
        const condition = expired ? 'EventAgeExceeded' : 'RetriesExhausted';
        const source: DeadLetterSource = { kind: 'rule', ruleName: rule.ruleName };
        return this.deadLetter(rule.deadLetterQueue, target, event, condition, attempt + 1, error, source);
      }
      await age.wait(deliveryBackoffSeconds(attempt));
    }
  }

  /** Resolves once every submitted event has been processed or dead-lettered. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  deadLetters(queue?: string): DeadLetter[] {
    return this.queues.list(queue);
  }

  /** Sends every message of a queue back to its function, as an SQS redrive would. */
  redrive(queue: string, targets: ReadonlyMap<string, AsyncTarget>): number {
    const letters = this.queues.take(queue);
    for (const letter of letters) {
      const target = targets.get(letter.function);
      if (target) this.submit(target, letter.request_payload);
    }
    return letters.length;
  }

  private async run(target: AsyncTarget, event: unknown, traceHeader: string | undefined): Promise<void> {
    const age = new EventAge(this.options.delayScale);
    const attempts = target.asyncRetries + 1;
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (age.seconds() > target.maxEventAgeSeconds) {
        return this.deadLetter(
          target.onFailureQueue,
          target,
          event,
          'EventAgeExceeded',
          attempt - 1,
          lastError,
        );
      }
      try {
        await this.attempt(target.functionLogicalId, event, traceHeader);
        return;
      } catch (error) {
        lastError = error instanceof FunctionError ? `${error.errorType}: ${error.message}` : String(error);
      }
      const delay = RETRY_DELAYS_SECONDS[attempt - 1];
      if (attempt < attempts && delay !== undefined) await age.wait(delay);
    }
    this.deadLetter(target.onFailureQueue, target, event, 'RetriesExhausted', attempts, lastError);
  }

  /** One invocation, unless an injected fault makes it fail before the handler runs or after it did. */
  private async attempt(functionLogicalId: string, event: unknown, traceHeader?: string): Promise<void> {
    const fault = this.options.faults?.invocationFault() ?? null;
    if (fault) this.options.onFault?.(fault, functionLogicalId);
    if (fault === 'fail_before_handler') {
      throw new FunctionError(
        functionLogicalId,
        'Runtime.ExitError',
        'injected fault: the container died first',
      );
    }
    await this.invoke(functionLogicalId, event, traceHeader);
    if (fault === 'fail_after_handler') {
      throw new FunctionError(
        functionLogicalId,
        'Sandbox.Timedout',
        'injected fault: timed out after the handler had done its work',
      );
    }
  }

  private deadLetter(
    queueName: string | null,
    target: AsyncTarget,
    event: unknown,
    condition: DeadLetter['condition'],
    invokeCount: number,
    error: string,
    source: DeadLetterSource = { kind: 'destination' },
  ): void {
    const queue = queueName ?? 'dropped';
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
    this.queues.put(letter, source);
    this.options.onDeadLetter?.(letter);
  }
}
