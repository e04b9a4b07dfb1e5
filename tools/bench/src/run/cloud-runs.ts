import { type LocalCloud, startLocalCloud } from '@party-planner/local-cloud';
import { PARTY_CLOUD } from '#bin/party-cloud.ts';
import {
  type CloudLatency,
  type InvocationLine,
  isInvocation,
  measureCloudLatency,
  measureThroughput,
} from '../local-cloud-bench.ts';
import type { WorkloadResult } from '../workload.ts';
import type { BenchSettings } from './settings.ts';

export interface CloudRuns {
  /** The timed run: every party at once. */
  readonly latency: CloudLatency;
  /** Every invocation of every run, for durations when a function never ran warm alone. */
  readonly lines: readonly InvocationLine[];
  /** The invocations of one party alone, for the durations Lambda would bill. */
  readonly solo: readonly InvocationLine[];
  readonly sweep: readonly WorkloadResult[];
  readonly model: LocalCloud['model'];
}

/** Runs the synthesized stack on the local cloud and drives its HTTP and WebSocket APIs like a page does. */
export async function runOnLocalCloud(
  assemblyDir: string,
  settings: BenchSettings,
  progress: (text: string) => void,
): Promise<CloudRuns> {
  const lines: InvocationLine[] = [];
  const cloud = await startLocalCloud({
    ...PARTY_CLOUD,
    assemblyDir,
    ports: { http: 0, websocket: 0, eventbridge: 0, dynamodb: 0 },
    functionLogLevel: 'CRITICAL',
    delayScale: settings.delayScale,
    log: (line) => {
      if (isInvocation(line)) lines.push(line);
    },
  });
  const workload = { inputsPerParty: settings.inputsPerParty, timeoutMs: settings.timeoutMs };
  try {
    progress(
      `local cloud: ${settings.parties} parties × ${settings.inputsPerParty} inputs (after a warm-up)`,
    );
    const latency = await measureCloudLatency(cloud, () => lines, { ...workload, parties: settings.parties });
    progress('local cloud: one party alone, for the durations Lambda would bill');
    // Every invocation of the solo run, its sessions' opening and closing included.
    const soloFrom = lines.length;
    await measureCloudLatency(cloud, () => lines, { ...workload, parties: 1 });
    const solo = lines.slice(soloFrom);
    let sweep: WorkloadResult[] = [];
    if (settings.sweep.length > 0) {
      progress(`local cloud throughput with ${settings.sweep.join(', ')} parties`);
      sweep = await measureThroughput(cloud, () => lines, settings.sweep, workload);
    }
    return { latency, lines, solo, sweep, model: cloud.model };
  } finally {
    await cloud.stop();
  }
}
