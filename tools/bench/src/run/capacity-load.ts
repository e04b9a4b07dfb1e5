import { FUNCTIONS, type FunctionId } from '#lib/function-specs.ts';
import type { LoadPerInput } from '../capacity.ts';
import { PLAN_SHAPE } from '../cost.ts';
import type { InProcessResult } from '../in-process.ts';
import { billedDuration } from './billing.ts';
import type { CloudRuns } from './cloud-runs.ts';

/** A browser's own WebSocket messages per plan: `$connect` and the resume sent on open and once more. */
const SOCKET_REQUESTS_PER_BROWSER = 3;

const isFunctionId = (name: string): name is FunctionId => name in FUNCTIONS;

/**
 * What one input costs each metered resource: invocations and durations from the local cloud's timed
 * run (durations billed as for the cost), events and capacity units from the in-process run, and
 * the once-per-plan requests spread over the plan's inputs.
 */
export function loadPerInput(runs: CloudRuns, baseline: InProcessResult): LoadPerInput {
  const perInput = runs.latency.per_input;
  const functions = Object.entries(perInput.by_function).map(([name, usage]) => ({
    name,
    invocations: usage.invocations / perInput.inputs,
  }));
  const ruleInvocations = functions
    .filter(({ name }) => isFunctionId(name) && FUNCTIONS[name].trigger === 'event')
    .reduce((sum, { invocations }) => sum + invocations, 0);
  const sessionSeconds = PLAN_SHAPE.session_functions.reduce(
    (sum, name) => sum + billedDuration(runs, name).ms / 1000,
    0,
  );
  const lambdaSeconds =
    functions.reduce(
      (sum, { name, invocations }) => sum + (invocations * billedDuration(runs, name).ms) / 1000,
      0,
    ) +
    sessionSeconds / PLAN_SHAPE.inputs;
  const socketRequests = SOCKET_REQUESTS_PER_BROWSER / PLAN_SHAPE.inputs;
  const units = baseline.per_input;
  const partition = (name: string) => units.dynamodb_by_partition[name] ?? { read: 0, write: 0 };
  return {
    putEventsRequests: units.eventbridge_put_requests,
    ruleInvocations,
    lambdaSeconds,
    gatewayRequests:
      PLAN_SHAPE.http_requests / PLAN_SHAPE.inputs + socketRequests + perInput.websocket_messages,
    postsPerExtraBrowser: perInput.websocket_messages + socketRequests,
    tableReadUnits: units.dynamodb_read_units + baseline.per_session.dynamodb_read_units / PLAN_SHAPE.inputs,
    tableWriteUnits:
      units.dynamodb_write_units + baseline.per_session.dynamodb_write_units / PLAN_SHAPE.inputs,
    partyReadUnits: partition('PARTY').read,
    partyWriteUnits: partition('PARTY').write,
    sharedKeyWriteUnits: partition('STATS').write,
  };
}
