import { type CostEstimate, estimateCost, PLAN_SHAPE } from '../cost.ts';
import type { InProcessResult } from '../in-process.ts';
import type { InvocationLine } from '../local-cloud-bench.ts';
import { round } from '../summary.ts';
import type { CloudRuns } from './cloud-runs.ts';

export interface BilledDuration {
  readonly ms: number;
  /** False when the function never ran warm in the solo run, and the loaded mean stands in. */
  readonly alone: boolean;
}

function warmMean(pool: readonly InvocationLine[], name: string): number | undefined {
  const own = pool.filter((line) => line.function === name && !line.cold_start);
  return own.length ? own.reduce((sum, line) => sum + line.duration_ms, 0) / own.length : undefined;
}

/**
 * Billed durations come from the solo run: one party at a time, so that an invocation has a core to
 * itself as a Lambda container has, instead of sharing two with thirty parties' worth of work; cold
 * starts are left out, as most invocations find a warm container. A function with no warm invocation
 * in the solo run falls back to its warm mean over all runs, loaded ones included, which overstates
 * it; its row says so.
 */
export function billedDuration(runs: CloudRuns, name: string): BilledDuration {
  const alone = warmMean(runs.solo, name);
  return alone === undefined
    ? { ms: warmMean(runs.lines, name) ?? 0, alone: false }
    : { ms: alone, alone: true };
}

export const billedText = (billed: BilledDuration): string =>
  `${round(billed.ms, 1)} ms ${billed.alone ? 'alone' : 'loaded (none warm alone)'}`;

/** Prices one plan's worth of inputs from what the runs counted and what Lambda would bill. */
export function priceRuns(runs: CloudRuns, baseline: InProcessResult): CostEstimate {
  const perInput = runs.latency.per_input;
  const sessionFunctions: readonly string[] = PLAN_SHAPE.session_functions;
  const { per_input: units, per_session: sessionUnits } = baseline;
  return estimateCost({
    eventsPerInput: units.eventbridge_events,
    websocketMessagesPerInput: perInput.websocket_messages,
    functions: [...runs.model.functions.values()].map((fn) => ({
      name: fn.name,
      memoryMb: fn.memoryMb,
      // The session functions are priced once per plan, not per input.
      invocationsPerInput: sessionFunctions.includes(fn.name)
        ? 0
        : (perInput.by_function[fn.name]?.invocations ?? 0) / perInput.inputs,
      meanDurationMs: billedDuration(runs, fn.name).ms,
    })),
    readUnitsPerInput: units.dynamodb_read_units,
    writeUnitsPerInput: units.dynamodb_write_units,
    readUnitsPerSession: sessionUnits.dynamodb_read_units,
    writeUnitsPerSession: sessionUnits.dynamodb_write_units,
    deliveryReadUnitsPerInput: units.delivery_read_units,
    deliveryWriteUnitsPerInput: units.delivery_write_units,
    deliveryReadUnitsPerSession: sessionUnits.delivery_read_units,
    deliveryWriteUnitsPerSession: sessionUnits.delivery_write_units,
  });
}
