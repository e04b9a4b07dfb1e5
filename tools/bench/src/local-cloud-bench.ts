import type { LocalCloud } from '@party-planner/local-cloud';
import { openCloudSession } from './cloud-session.ts';
import { WARMUP_INPUT } from './party-scripts.ts';
import { round } from './summary.ts';
import { type PartySession, runWorkload, type WorkloadResult } from './workload.ts';

/** One invocation line, as the local cloud's `log` option reports it. */
export interface InvocationLine {
  readonly function: string;
  readonly event_type?: string;
  readonly duration_ms: number;
  readonly cold_start: boolean;
  readonly outcome: string;
}

export function isInvocation(
  line: Record<string, unknown>,
): line is Record<string, unknown> & InvocationLine {
  return (
    line.msg === 'invocation' && typeof line.function === 'string' && typeof line.duration_ms === 'number'
  );
}

export interface FunctionUsage {
  readonly invocations: number;
  readonly mean_duration_ms: number;
  readonly cold_starts: number;
  readonly failures: number;
}

export interface PerInputCounts {
  readonly inputs: number;
  readonly lambda_invocations: number;
  readonly websocket_messages: number;
  readonly by_function: Record<string, FunctionUsage>;
}

export interface CloudLatency {
  readonly workload: WorkloadResult;
  readonly per_input: PerInputCounts;
}

async function openSessions(cloud: LocalCloud, count: number): Promise<PartySession[]> {
  // A few at a time: 40 authorizer + connect invocations at once would only measure the queue.
  const sessions: PartySession[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Math.min(10, count - start);
    sessions.push(
      ...(await Promise.all(Array.from({ length: batch }, () => openCloudSession(cloud.endpoints)))),
    );
  }
  return sessions;
}

/** How long no invocation may be logged before the functions count as done. */
const QUIET_MS = 300;

/**
 * Closes the sockets and waits for their `$disconnect` invocations: the gateway starts those after the
 * close, outside what `idle()` waits for, and they must not be counted in whatever runs next.
 */
async function closeAll(
  sessions: readonly PartySession[],
  invocations: () => readonly InvocationLine[],
): Promise<void> {
  await Promise.all(sessions.map((session) => session.close()));
  for (let seen = -1; seen !== invocations().length; ) {
    seen = invocations().length;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

function usageOf(lines: readonly InvocationLine[]): Record<string, FunctionUsage> {
  const byFunction: Record<string, FunctionUsage> = {};
  for (const line of lines) {
    const seen = byFunction[line.function] ?? {
      invocations: 0,
      mean_duration_ms: 0,
      cold_starts: 0,
      failures: 0,
    };
    const invocations = seen.invocations + 1;
    byFunction[line.function] = {
      invocations,
      mean_duration_ms: seen.mean_duration_ms + (line.duration_ms - seen.mean_duration_ms) / invocations,
      cold_starts: seen.cold_starts + (line.cold_start ? 1 : 0),
      failures: seen.failures + (line.outcome === 'ok' ? 0 : 1),
    };
  }
  for (const [name, usage] of Object.entries(byFunction)) {
    byFunction[name] = { ...usage, mean_duration_ms: round(usage.mean_duration_ms, 1) };
  }
  return byFunction;
}

/**
 * Item 1 and the local cloud's half of item 5: opens a WebSocket per party, warms every function
 * with one untimed input per party (so the figures are warm-container latency, as most real traffic
 * is), then runs the timed workload and counts every invocation it caused, waiting for the bus to go
 * idle so that late deliveries are counted too.
 */
export async function measureCloudLatency(
  cloud: LocalCloud,
  invocations: () => readonly InvocationLine[],
  options: { parties: number; inputsPerParty: number; timeoutMs: number },
): Promise<CloudLatency> {
  const warmup = await openSessions(cloud, options.parties);
  await runWorkload(warmup, 1, options.timeoutMs, () => [WARMUP_INPUT]);
  await cloud.idle();
  await closeAll(warmup, invocations);

  const sessions = await openSessions(cloud, options.parties);
  await cloud.idle();
  const from = invocations().length;
  const messagesBefore = sessions.reduce((sum, session) => sum + session.messages(), 0);
  const workload = await runWorkload(sessions, options.inputsPerParty, options.timeoutMs);
  await cloud.idle();
  // Messages that arrive after the last plan (a trailing budget or agent event) still count.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const messages = sessions.reduce((sum, session) => sum + session.messages(), 0) - messagesBefore;
  const lines = invocations().slice(from);
  await closeAll(sessions, invocations);

  const inputs = workload.inputs;
  return {
    workload,
    per_input: {
      inputs,
      lambda_invocations: round(lines.length / inputs),
      websocket_messages: round(messages / inputs),
      by_function: usageOf(lines),
    },
  };
}

/** Item 6: inputs per second over all parties as the number of parties grows. */
export async function measureThroughput(
  cloud: LocalCloud,
  invocations: () => readonly InvocationLine[],
  partyCounts: readonly number[],
  options: { inputsPerParty: number; timeoutMs: number },
): Promise<WorkloadResult[]> {
  const results: WorkloadResult[] = [];
  for (const parties of partyCounts) {
    const sessions = await openSessions(cloud, parties);
    await cloud.idle();
    results.push(await runWorkload(sessions, options.inputsPerParty, options.timeoutMs));
    await cloud.idle();
    await closeAll(sessions, invocations);
  }
  return results;
}
