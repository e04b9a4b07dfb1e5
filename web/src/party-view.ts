import type { DeliveredMessage } from '#shared/client/index.ts';
import type { Budget, PartyInput, PartyPlan, PartyState } from '#shared/contracts/party.ts';
import type { AgentName, JsonObject } from '#shared/contracts/primitives.ts';
import { humanLabel } from './labels.ts';

export interface TimelineEntry {
  readonly key: string;
  readonly time: string;
  readonly kind: 'input' | 'agent' | 'budget' | 'plan' | 'notice' | 'error';
  readonly text: string;
}

/** What the page shows; rebuilt from a snapshot, then moved forward one message at a time. */
export interface AgentOutcome {
  readonly result: JsonObject;
  /** The inputs version the run saw: the server keeps the newest, and so must the page. */
  readonly inputsVersion: number;
}

export interface PartyView {
  inputs: PartyInput[];
  /** The newest inputs version seen; runs started for older inputs are not shown as working. */
  inputsVersion: number;
  results: Partial<Record<AgentName, AgentOutcome>>;
  /** Inputs version at which an agent's results were removed: a late result from before it stays out. */
  removedAt: Partial<Record<AgentName, number>>;
  running: Set<AgentName>;
  /**
   * Runs already finished (their execution ids, the latest few). An agent publishes `started` and
   * `completed` together, and the two can be numbered in either order: a `started` that comes after
   * its own `completed` must not show the agent as working again.
   */
  finishedRuns: string[];
  /** The inputs version of the run shown as working, per agent: its end, or a newer one's, ends it. */
  runningVersion: Partial<Record<AgentName, number>>;
  failed: Partial<Record<AgentName, string>>;
  budget: Budget | null;
  plan: PartyPlan | null;
  timeline: TimelineEntry[];
}

/** The timeline keeps recent activity only, so a long session does not grow the page without bound. */
const TIMELINE_LIMIT = 200;
const FINISHED_RUNS_LIMIT = 100;

const withFinished = (view: PartyView, executionId: string) =>
  [...view.finishedRuns.filter((id) => id !== executionId), executionId].slice(-FINISHED_RUNS_LIMIT);

export function emptyView(): PartyView {
  return {
    inputs: [],
    inputsVersion: 0,
    results: {},
    removedAt: {},
    running: new Set(),
    finishedRuns: [],
    runningVersion: {},
    failed: {},
    budget: null,
    plan: null,
    timeline: [],
  };
}

export function viewFromState(state: PartyState, timeline: TimelineEntry[] = []): PartyView {
  const results: Partial<Record<AgentName, AgentOutcome>> = {};
  const running = new Set<AgentName>();
  const runningVersion: Partial<Record<AgentName, number>> = {};
  const failed: Partial<Record<AgentName, string>> = {};
  for (const [name, result] of Object.entries(state.active_agents)) {
    const agent = name as AgentName;
    if (result.status === 'completed')
      results[agent] = { result: result.result, inputsVersion: result.inputs_version };
    else if (result.status === 'running') {
      running.add(agent);
      runningVersion[agent] = result.inputs_version;
    } else failed[agent] = result.error ?? 'failed';
  }
  return {
    inputs: [...state.inputs],
    inputsVersion: state.inputs_version,
    results,
    removedAt: {},
    running,
    finishedRuns: [],
    runningVersion,
    failed,
    budget: state.budget,
    plan: state.final_plan,
    timeline,
  };
}

export const agentLabel = (agent: string) => humanLabel(agent.replace(/_agent$/, ''));

function entryFor(message: DeliveredMessage): TimelineEntry {
  const key = 'seq' in message ? `seq-${message.seq}` : `${message.type}-${message.timestamp}`;
  const time = message.timestamp;
  switch (message.type) {
    case 'input_added':
      return { key, time, kind: 'input', text: `Input added: “${message.payload.content}”` };
    case 'input_removed':
      return { key, time, kind: 'input', text: 'Input removed' };
    case 'agent_started':
      return { key, time, kind: 'agent', text: `${agentLabel(message.agent)} agent started` };
    case 'agent_completed':
      return {
        key,
        time,
        kind: 'agent',
        text: `${agentLabel(message.agent)} agent finished in ${Math.round(message.payload.execution_time_ms)} ms`,
      };
    case 'agent_failed':
      return {
        key,
        time,
        kind: 'error',
        text: `${agentLabel(message.agent)} agent failed: ${message.error}`,
      };
    case 'agent_data_removed':
      return { key, time, kind: 'agent', text: `${agentLabel(message.agent)} results removed` };
    case 'budget_updated':
      return { key, time, kind: 'budget', text: message.message || 'Budget updated' };
    case 'plan_updated':
      return {
        key,
        time,
        kind: 'plan',
        text: `Plan updated: ${message.payload.completion_percent}% complete`,
      };
    case 'refresh_required':
      return { key, time, kind: 'notice', text: 'Large update: reloading the party' };
    case 'snapshot':
      return { key, time, kind: 'notice', text: 'Caught up from a snapshot' };
    case 'connection':
      return { key, time, kind: 'notice', text: 'Connected' };
    case 'error':
      return { key, time, kind: 'error', text: `Server: ${message.message}` };
  }
}

const withoutAgent = (running: ReadonlySet<AgentName>, agent: AgentName) => {
  const next = new Set(running);
  next.delete(agent);
  return next;
};

/**
 * Applies one delivered message; the connection already put party messages in order, once each. Order
 * by `seq` is not order by inputs, though: a run for older inputs can finish after a newer one, and the
 * server keeps the newer result, so each rule below keeps the newer too.
 */
export function applyMessage(view: PartyView, message: DeliveredMessage): PartyView {
  const timeline = [...view.timeline, entryFor(message)].slice(-TIMELINE_LIMIT);
  const next: PartyView = { ...view, timeline };
  switch (message.type) {
    case 'input_added': {
      const { inputs_version: version, ...input } = message.payload;
      next.inputsVersion = Math.max(view.inputsVersion, version);
      if (!view.inputs.some((existing) => existing.input_id === input.input_id))
        next.inputs = [...view.inputs, input];
      break;
    }
    case 'input_removed':
      next.inputsVersion = Math.max(view.inputsVersion, message.payload.inputs_version);
      next.inputs = view.inputs.filter((input) => input.input_id !== message.payload.input_id);
      break;
    case 'agent_started':
      if (
        message.payload.inputs_version >= view.inputsVersion &&
        !view.finishedRuns.includes(message.payload.execution_id)
      ) {
        next.running = new Set(view.running).add(message.agent);
        next.runningVersion = { ...view.runningVersion, [message.agent]: message.payload.inputs_version };
      }
      break;
    case 'agent_completed': {
      const version = message.payload.inputs_version;
      const current = view.results[message.agent];
      next.finishedRuns = withFinished(view, message.payload.execution_id);
      if (version >= (view.runningVersion[message.agent] ?? -1))
        next.running = withoutAgent(view.running, message.agent);
      if ((current && current.inputsVersion > version) || (view.removedAt[message.agent] ?? -1) > version)
        break;
      next.results = { ...view.results, [message.agent]: { result: message.result, inputsVersion: version } };
      const { [message.agent]: _, ...failed } = view.failed;
      next.failed = failed;
      break;
    }
    case 'agent_failed':
      next.finishedRuns = withFinished(view, message.payload.execution_id);
      if (message.payload.inputs_version >= (view.runningVersion[message.agent] ?? -1))
        next.running = withoutAgent(view.running, message.agent);
      if (message.payload.inputs_version < view.inputsVersion) break;
      next.failed = { ...view.failed, [message.agent]: message.error };
      break;
    case 'agent_data_removed': {
      next.running = withoutAgent(view.running, message.agent);
      const current = view.results[message.agent];
      if (current && current.inputsVersion > message.payload.inputs_version) break;
      const { [message.agent]: _, ...results } = view.results;
      next.results = results;
      next.removedAt = { ...view.removedAt, [message.agent]: message.payload.inputs_version };
      break;
    }
    case 'budget_updated':
      if (!view.budget || message.payload.inputs_version >= view.budget.inputs_version)
        next.budget = message.payload;
      break;
    case 'plan_updated':
      if (!view.plan || isNewerPlan(message.payload, view.plan)) next.plan = message.payload;
      break;
    default:
      break;
  }
  return next;
}

/** Plans carry `plan_version` (one more per plan written); older servers sent only `inputs_version`. */
function isNewerPlan(candidate: PartyPlan, current: PartyPlan): boolean {
  if (candidate.plan_version !== undefined && current.plan_version !== undefined)
    return candidate.plan_version >= current.plan_version;
  return candidate.inputs_version >= current.inputs_version;
}
