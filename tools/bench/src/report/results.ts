import { loadavg } from 'node:os';
import { PLAN_SHAPE, PRICES } from '../cost.ts';
import { type BenchSettings, TARGETS } from '../run/settings.ts';
import { round } from '../summary.ts';
import type { BenchFigures } from './sections.ts';
import { machine, type Section } from './table.ts';

/** How the run went, apart from what it measured. */
export interface RunFacts {
  readonly seconds: number;
  readonly synthMs: number;
  readonly loadBefore: readonly number[];
}

const loadNow = () => loadavg().map((value) => round(value, 1));

export function benchHeader(settings: BenchSettings, run: RunFacts): string {
  const host = machine();
  return [
    `party-planner bench${settings.quick ? ' (--quick)' : ''}: ${host.cores} cores (${host.cpu_model}), ${host.memory_gb} GB, Node ${host.node}, ${host.platform}`,
    `load average ${run.loadBefore.join(' ')} at start, ${loadNow()
      .map((value) => value.toFixed(1))
      .join(' ')} at end; synth ${round(run.synthMs / 1000, 1)} s, whole run ${run.seconds} s.`,
    'Figures are from this machine: the local cloud runs every Lambda container as a worker thread and DynamoDB Local',
    'in a JVM on the same cores, so they say how this stack behaves here, not on AWS.',
  ].join('\n');
}

/** The machine-readable record of the run (bench-results.json). */
export function benchResults(figures: BenchFigures, sections: readonly Section[], run: RunFacts) {
  const { settings, memory, cloud, baseline, bundles, cost } = figures;
  return {
    generated_at: new Date().toISOString(),
    mode: settings.quick ? 'quick' : 'full',
    machine: { ...machine(), load_average_start: run.loadBefore, load_average_end: loadNow() },
    duration_s: run.seconds,
    synth_ms: round(run.synthMs, 0),
    config: settings,
    targets: TARGETS,
    end_to_end: cloud.latency,
    baseline_in_process: baseline,
    baseline_in_memory: { ...memory, events: undefined, events_sampled: memory.events.length },
    ratio_local_cloud_over_in_process: figures.ratio,
    matching: figures.matching,
    bundles: {
      largest_kb: Math.max(...bundles.map((bundle) => bundle.kb)),
      slowest_own_load_ms: Math.max(...bundles.map((bundle) => bundle.own_load_ms)),
      functions: bundles,
    },
    cost: { ...cost, prices: PRICES, plan: PLAN_SHAPE },
    throughput: cloud.sweep,
    dynamodb_limit: figures.dynamoLimit,
    throughput_share_of_limit: round(figures.throughputShare, 3),
    hops: baseline.hops,
    capacity: figures.capacity,
    table: sections,
  };
}
