// Which function emits which custom metric (shared/contracts/metrics.ts). CloudWatch keeps one series
// per set of dimensions, and every custom metric carries Powertools' `service` dimension (the
// emitting function's id), so a figure for the whole app is the sum of the series this table names.
import type { MetricName } from '#shared/contracts/metrics.ts';
import type { AgentName } from '#shared/contracts/primitives.ts';
import { FUNCTION_IDS, type FunctionId } from './function-specs.ts';

/** The functions that run an agent, and the `Agent` dimension value each records its runs under. */
export const AGENT_FUNCTIONS = {
  'theme-agent': 'theme_agent',
  'venue-agent': 'venue_agent',
  'cake-agent': 'cake_agent',
  'catering-agent': 'catering_agent',
  'vendor-agent': 'vendor_agent',
  budget: 'budget_agent',
} as const satisfies Partial<Record<FunctionId, AgentName>>;

const AGENTS = ['theme-agent', 'venue-agent', 'cake-agent', 'catering-agent', 'vendor-agent'] as const;
const PIPELINE_WRITERS = ['analyzer', ...AGENTS, 'budget', 'planner'] as const;
const INPUT_COMMANDS = ['http-start-party', 'http-add-input', 'http-remove-input'] as const;
const SOCKET_SENDERS = ['broadcaster', 'ws-default'] as const;

export const METRIC_EMITTERS: Readonly<Record<MetricName, readonly FunctionId[]>> = {
  InputsAdded: ['http-add-input'],
  InputsRemoved: ['http-remove-input'],
  PlansPublished: ['planner'],
  TimeToPlan: ['planner'],
  AgentRuns: [...AGENTS, 'budget'],
  RunsSkipped: PIPELINE_WRITERS,
  VersionConflicts: [...PIPELINE_WRITERS, ...INPUT_COMMANDS],
  VersionConflictsExhausted: [...PIPELINE_WRITERS, ...INPUT_COMMANDS],
  Deliveries: SOCKET_SENDERS,
  RefreshRequired: SOCKET_SENDERS,
  Resumes: ['ws-default'],
  HttpErrors: [...INPUT_COMMANDS, 'http-get-status'],
  Throttles: FUNCTION_IDS,
  InvocationFailed: FUNCTION_IDS,
};
