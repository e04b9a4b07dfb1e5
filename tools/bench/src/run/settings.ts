import { PLAN_SHAPE } from '../cost.ts';

// The run's shape and the targets each figure is judged against. --quick is a smoke run that fits in
// about two minutes; the latency targets are judged on the full run (200 inputs across 40 parties).

export interface BenchSettings {
  readonly quick: boolean;
  /** A party sends the inputs of the plan the cost target prices. */
  readonly inputsPerParty: number;
  readonly parties: number;
  readonly memoryRounds: number;
  readonly matchingMs: number;
  readonly limitMs: number;
  readonly limitConcurrencies: readonly number[];
  readonly bundleRuns: number;
  /** Party counts of the throughput sweep; none in --quick. */
  readonly sweep: readonly number[];
  readonly timeoutMs: number;
  /** Lambda's one- and two-minute async retry delays become 1 and 2 s, as `npm start` has them. */
  readonly delayScale: number;
}

export function benchSettings(quick: boolean): BenchSettings {
  const common = {
    quick,
    inputsPerParty: PLAN_SHAPE.inputs,
    limitConcurrencies: [4, 8, 16, 32],
    timeoutMs: 30_000,
    delayScale: 1 / 60,
  };
  return quick
    ? { ...common, parties: 8, memoryRounds: 3, matchingMs: 400, limitMs: 3000, bundleRuns: 3, sweep: [] }
    : {
        ...common,
        parties: 40,
        memoryRounds: 10,
        matchingMs: 2000,
        limitMs: 10_000,
        bundleRuns: 5,
        sweep: [5, 10, 20, 40],
      };
}

export const TARGETS = {
  ratio: 1.5,
  bundleKb: 150,
  loadMs: 60,
  costUsd: 0.15,
  matchVsParse: 1,
  hops: 4,
  throughputShare: 0.7,
} as const;
