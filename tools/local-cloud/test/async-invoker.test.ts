import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultKind, type LocalCloudFaults, NO_FAULTS } from '../src/faults.ts';
import { AsyncInvoker, type AsyncTarget, type RuleTarget } from '../src/lambda/async-invoker.ts';
import { seededRandom } from './support/seeded-random.ts';

const TARGET: AsyncTarget = {
  functionLogicalId: 'Fn',
  asyncRetries: 2,
  maxEventAgeSeconds: 3600,
  onFailureQueue: 'failed',
};
const RULE: RuleTarget = {
  ruleName: 'Rule',
  maxRetries: 4,
  maxEventAgeSeconds: 7200,
  deadLetterQueue: 'rule-dlq',
};

/** An invoker over a recording function, with the given faults and a scripted or seeded random. */
function setUp(faults: Partial<LocalCloudFaults>, random: () => number, shuffleWindowMs = 5) {
  const started: unknown[] = [];
  const completed: unknown[] = [];
  const injected: FaultKind[] = [];
  const invoker = new AsyncInvoker(
    async (_, event) => {
      started.push(event);
      await new Promise((resolve) => setTimeout(resolve, 1));
      completed.push(event);
    },
    {
      delayScale: 0.00001,
      faults: new FaultInjector({ ...NO_FAULTS, ...faults }, random, shuffleWindowMs),
      onFault: (fault) => injected.push(fault),
    },
  );
  return { invoker, started, completed, injected };
}

/** Returns the given draws in turn, then the last one forever. */
function scripted(...draws: number[]): () => number {
  let next = 0;
  return () => draws[Math.min(next++, draws.length - 1)] ?? 0.99;
}

describe('AsyncInvoker with injected faults', () => {
  it('delivers every rule delivery twice when duplicating', async () => {
    const { invoker, completed, injected } = setUp({ duplicateDeliveries: true }, scripted(0.99));
    invoker.deliverFromRule(RULE, TARGET, 'a');
    invoker.deliverFromRule(RULE, TARGET, 'b');
    await invoker.idle();
    expect([...completed].sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(injected).toEqual(['duplicate_delivery', 'duplicate_delivery']);
  });

  it('releases the deliveries held in the shuffle window in random order, and counts them as in flight', async () => {
    const events = Array.from({ length: 8 }, (_, index) => index);
    const { invoker, started } = setUp({ shuffleDeliveries: true }, seededRandom(7));
    for (const event of events) invoker.deliverFromRule(RULE, TARGET, event);
    expect(started).toEqual([]);
    await invoker.idle();
    expect([...started].sort()).toEqual(events);
    expect(started).not.toEqual(events);

    // The same seed gives the same order.
    const again = setUp({ shuffleDeliveries: true }, seededRandom(7));
    for (const event of events) again.invoker.deliverFromRule(RULE, TARGET, event);
    await again.invoker.idle();
    expect(again.started).toEqual(started);
  });

  it('delays each delivery by a random share of the maximum before handing it over', async () => {
    const { invoker, started } = setUp({ maxDelayMs: 40 }, scripted(1, 0));
    invoker.deliverFromRule(RULE, TARGET, 'late');
    invoker.deliverFromRule(RULE, TARGET, 'early');
    let idle = false;
    void invoker.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(started).toEqual(['early']);
    expect(idle).toBe(false);
    await invoker.idle();
    expect(started).toEqual(['early', 'late']);
  });

  it('fails an invocation before its handler ran, and Lambda retries it', async () => {
    // 0.05 < 0.2 / 2: fail before; then 0.99: no fault.
    const { invoker, started, completed, injected } = setUp(
      { failInvocationShare: 0.2 },
      scripted(0.05, 0.99),
    );
    invoker.submit(TARGET, 'once');
    await invoker.idle();
    expect(started).toEqual(['once']);
    expect(completed).toEqual(['once']);
    expect(injected).toEqual(['fail_before_handler']);
    expect(invoker.deadLetters()).toEqual([]);
  });

  it('fails an invocation after its handler ran, so the retry runs it a second time', async () => {
    // 0.15 is in [0.1, 0.2): fail after the handler.
    const { invoker, completed, injected } = setUp({ failInvocationShare: 0.2 }, scripted(0.15, 0.99));
    invoker.submit(TARGET, 'twice');
    await invoker.idle();
    expect(completed).toEqual(['twice', 'twice']);
    expect(injected).toEqual(['fail_after_handler']);
  });

  it("sends an event that fails every attempt to the function's failure queue, with the injected error", async () => {
    const { invoker, completed } = setUp({ failInvocationShare: 1 }, scripted(0.9));
    invoker.submit(TARGET, 'doomed');
    await invoker.idle();
    expect(completed).toEqual(['doomed', 'doomed', 'doomed']);
    expect(invoker.deadLetters('failed')).toEqual([
      expect.objectContaining({
        condition: 'RetriesExhausted',
        approximate_invoke_count: 3,
        error: expect.stringMatching(/^Sandbox\.Timedout: .*injected fault/),
        request_payload: 'doomed',
      }),
    ]);
  });

  it("refuses hand-overs until the rule's retries run out, then dead-letters on the rule's queue", async () => {
    const { invoker, started, injected } = setUp({ refuseDeliveryShare: 1 }, scripted(0));
    invoker.deliverFromRule(RULE, TARGET, 'refused');
    await invoker.idle();
    expect(started).toEqual([]);
    expect(injected).toHaveLength(RULE.maxRetries + 1);
    expect(invoker.deadLetters('rule-dlq')).toEqual([
      expect.objectContaining({ condition: 'RetriesExhausted', approximate_invoke_count: 5 }),
    ]);
  });

  it("counts Lambda's retry delays at their full length towards the event's age, not the scaled-down wait", async () => {
    const failing = new AsyncInvoker(
      async () => {
        // Slower than an hour scaled down by 1e-5 (36 ms): the age must not count the hour scaled.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('boom');
      },
      { delayScale: 0.00001 },
    );
    failing.submit(TARGET, 'an hour allows both retries');
    // 90 s allow the first retry (after 60 s) but not the second (after another 120 s).
    failing.submit({ ...TARGET, maxEventAgeSeconds: 90, onFailureQueue: 'short' }, 'too old for the second');
    await failing.idle();
    expect(failing.deadLetters('failed')).toEqual([
      expect.objectContaining({ condition: 'RetriesExhausted', approximate_invoke_count: 3 }),
    ]);
    expect(failing.deadLetters('short')).toEqual([
      expect.objectContaining({ condition: 'EventAgeExceeded', approximate_invoke_count: 2 }),
    ]);
  });

  it('reads the settings at every delivery, so faults can be switched while running', async () => {
    const settings: LocalCloudFaults = { ...NO_FAULTS };
    const delivered: unknown[] = [];
    const invoker = new AsyncInvoker(async (_, event) => void delivered.push(event), {
      delayScale: 0.00001,
      faults: new FaultInjector(settings, scripted(0.99)),
    });
    invoker.deliverFromRule(RULE, TARGET, 'clean');
    settings.duplicateDeliveries = true;
    invoker.deliverFromRule(RULE, TARGET, 'doubled');
    await invoker.idle();
    expect([...delivered].sort()).toEqual(['clean', 'doubled', 'doubled']);
  });
});
