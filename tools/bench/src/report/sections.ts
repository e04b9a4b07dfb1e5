import type { BundleResult } from '../bundles.ts';
import type { CapacityPlan } from '../capacity.ts';
import { type CostEstimate, PLAN_SHAPE } from '../cost.ts';
import type { DynamoLimit } from '../dynamo-limit.ts';
import type { InMemoryResult } from '../in-memory.ts';
import type { InProcessResult } from '../in-process.ts';
import type { MatchingResult } from '../matching.ts';
import { billedDuration, billedText } from '../run/billing.ts';
import type { CloudRuns } from '../run/cloud-runs.ts';
import { type BenchSettings, TARGETS } from '../run/settings.ts';
import { round, type Summary } from '../summary.ts';
import type { WorkloadResult } from '../workload.ts';
import { ms, type Row, type Section } from './table.ts';

/** Everything one run measured, and the figures derived from it. */
export interface BenchFigures {
  readonly settings: BenchSettings;
  readonly memory: InMemoryResult;
  readonly matching: MatchingResult;
  readonly cloud: CloudRuns;
  readonly bundles: readonly BundleResult[];
  readonly baseline: InProcessResult;
  readonly dynamoLimit: DynamoLimit;
  readonly cost: CostEstimate;
  readonly ratio: { readonly p50: number; readonly p99: number };
  readonly peakThroughput: number;
  readonly throughputShare: number;
  readonly capacity: CapacityPlan;
}

const judged = (metric: string, value: string, target: string, meets: boolean): Row => ({
  metric,
  value,
  target,
  meets,
});

const latencyRows = (label: string, summary: Summary): Row[] => [
  { metric: `${label} p50`, value: ms(summary.p50) },
  { metric: `${label} p95`, value: ms(summary.p95) },
  { metric: `${label} p99`, value: ms(summary.p99) },
  { metric: `${label} max`, value: ms(summary.max) },
];

const workloadRows = (label: string, result: WorkloadResult, timeoutMs: number): Row[] => [
  ...latencyRows(label, result.latency_ms),
  judged(
    `${label} inputs timed / sent`,
    `${result.latency_ms.count} / ${result.inputs}`,
    `${result.inputs} / ${result.inputs}`,
    result.latency_ms.count === result.inputs,
  ),
  { metric: `${label} no plan within ${timeoutMs / 1000} s`, value: String(result.unanswered) },
  { metric: `${label} 409 answers retried`, value: String(result.conflicts_retried) },
  { metric: `${label} throughput`, value: `${result.inputs_per_second} inputs/s (${result.wall_ms} ms)` },
];

function endToEnd({ settings, cloud }: BenchFigures): Section {
  const usage = Object.values(cloud.latency.per_input.by_function);
  return {
    title: `1. End to end on the local cloud (POST /input → first plan_updated reflecting it, over a real WebSocket)`,
    note: `${settings.parties} parties at once, each sending its next input when the plan reflecting the previous one arrives;\nwarm containers (one untimed warm-up input per party first); 409 answers are retried by the client inside the timing.`,
    rows: [
      ...workloadRows('local cloud', cloud.latency.workload, settings.timeoutMs),
      {
        metric: 'function failures (retried by Lambda)',
        value: String(usage.reduce((sum, fn) => sum + fn.failures, 0)),
      },
      {
        metric: 'cold starts during the timed run',
        value: String(usage.reduce((sum, fn) => sum + fn.cold_starts, 0)),
      },
    ],
  };
}

function baselines({ settings, baseline, memory, ratio }: BenchFigures): Section {
  return {
    title: '2. Baselines (same domain code, no bus, no gateway)',
    note: 'in process: the handlers from source + DynamoDB Local, events routed FIFO by the same table;\nin memory: the use cases only (analyze → agents → budget → plan), one party at a time.',
    rows: [
      ...workloadRows('in process', baseline.workload, settings.timeoutMs),
      { metric: 'in process handler failures (retried)', value: String(baseline.failed_runs) },
      judged(
        'local cloud / in process, p50',
        `${ratio.p50}×`,
        `≤ ${TARGETS.ratio}×`,
        ratio.p50 <= TARGETS.ratio,
      ),
      judged(
        'local cloud / in process, p99',
        `${ratio.p99}×`,
        `≤ ${TARGETS.ratio}×`,
        ratio.p99 <= TARGETS.ratio,
      ),
      ...latencyRows('in memory', memory.latency_ms),
      judged('in memory inputs with no new plan', String(memory.unanswered), '0', memory.unanswered === 0),
    ],
  };
}

function matchingSection({ matching }: BenchFigures): Section {
  const perSecond = (value: number) => value.toLocaleString('en-US');
  return {
    title: `3. Event-pattern matching (${matching.events} real party events × ${matching.rules} rules)`,
    rows: [
      { metric: 'event × rule matches per second', value: perSecond(matching.matches_per_second) },
      {
        metric: 'events matched against all rules per second',
        value: perSecond(matching.events_matched_per_second),
      },
      { metric: 'events JSON.parse-d per second', value: perSecond(matching.events_parsed_per_second) },
      judged(
        `all-rules match cost / JSON.parse (${matching.mean_event_bytes} B mean)`,
        `${matching.cost_vs_parse}×`,
        `≤ ${TARGETS.matchVsParse}×`,
        matching.cost_vs_parse <= TARGETS.matchVsParse,
      ),
    ],
  };
}

function bundleSection({ settings, bundles }: BenchFigures): Section {
  return {
    title: `4. Bundles (cdk.out/asset.*/index.mjs; load = median of ${settings.bundleRuns} fresh worker imports minus an empty module)`,
    note: 'the bundles leave @aws-sdk/* to the Lambda runtime: the target judges the bundle\'s own code, loaded with the SDK\nmodules it imports already in place; "including SDK" loads those cold too, as a brand-new container does (not judged).',
    rows: bundles.flatMap((bundle): Row[] => [
      judged(
        `${bundle.function} size`,
        `${bundle.kb} KB`,
        `≤ ${TARGETS.bundleKb} KB`,
        bundle.kb <= TARGETS.bundleKb,
      ),
      judged(
        `${bundle.function} cold load of own code (SDK preloaded)`,
        ms(bundle.own_load_ms),
        `≤ ${TARGETS.loadMs} ms`,
        bundle.own_load_ms <= TARGETS.loadMs,
      ),
      {
        metric: `${bundle.function} cold load including SDK`,
        value: `${ms(bundle.load_with_sdk_ms)} (${bundle.sdk_modules.map((name) => name.replace('@aws-sdk/', '')).join(', ')})`,
      },
    ]),
  };
}

function invocationRows({ cloud }: BenchFigures): Row[] {
  const perInput = cloud.latency.per_input;
  return [
    { metric: 'Lambda invocations per input', value: String(perInput.lambda_invocations) },
    ...Object.entries(perInput.by_function)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, usage]): Row => ({
          metric: `  ${name}`,
          value: `${round(usage.invocations / perInput.inputs)} × ${usage.mean_duration_ms} ms loaded, ${billedText(billedDuration(cloud, name))}`,
        }),
      ),
    ...PLAN_SHAPE.session_functions.map(
      (name): Row => ({
        metric: `  ${name}`,
        value: `once per plan, ${billedText(billedDuration(cloud, name))}`,
      }),
    ),
  ];
}

function dynamoRows({ baseline }: BenchFigures): Row[] {
  const { per_input: input, per_session: session } = baseline;
  return [
    ...Object.entries(input.dynamodb_calls).map(
      ([name, count]): Row => ({ metric: `DynamoDB ${name} calls per input`, value: String(count) }),
    ),
    {
      metric: 'DynamoDB read / write units per input',
      value: `${input.dynamodb_read_units} / ${input.dynamodb_write_units}`,
    },
    {
      metric: '  of which delivery functions',
      value: `${input.delivery_read_units} / ${input.delivery_write_units}`,
    },
    {
      metric: 'DynamoDB read / write units per plan opened (start, connect)',
      value: `${session.dynamodb_read_units} / ${session.dynamodb_write_units}`,
    },
    {
      metric: '  of which delivery functions',
      value: `${session.delivery_read_units} / ${session.delivery_write_units}`,
    },
  ];
}

function costRows({ cost }: BenchFigures): Row[] {
  return [
    ...Object.entries(cost.breakdown_usd).map(
      ([name, usd]): Row => ({ metric: `  ${name}`, value: `$${usd.toFixed(5)}` }),
    ),
    {
      metric: 'cost of the pipeline (HTTP, bus, agents, state)',
      value: `$${cost.split_usd.pipeline.toFixed(4)}`,
    },
    {
      metric: 'cost of delivery (broadcaster, log, sockets)',
      value: `$${cost.split_usd.delivery.toFixed(4)} ($${(cost.per_message_delivery_usd * 1e6).toFixed(2)} per million messages)`,
    },
    judged(
      `cost per 1,000 plans of ${PLAN_SHAPE.inputs} inputs`,
      `$${cost.per_1000_plans_usd.toFixed(4)}`,
      `≤ $${TARGETS.costUsd}`,
      cost.per_1000_plans_usd <= TARGETS.costUsd,
    ),
  ];
}

function perInputSection(figures: BenchFigures): Section {
  return {
    title: '5. Per input, and cost',
    note: 'invocations and messages counted on the local cloud over the timed run (until idle); events published, DynamoDB\ncalls and capacity from the in-process run; Lambda duration billed at the warm mean of one party alone (a container\nhas its core to itself).',
    rows: [
      {
        metric: 'EventBridge events per input (published, in-process run)',
        value: String(figures.baseline.per_input.eventbridge_events),
      },
      ...invocationRows(figures),
      {
        metric: 'WebSocket messages per input (received)',
        value: String(figures.cloud.latency.per_input.websocket_messages),
      },
      ...dynamoRows(figures),
      ...costRows(figures),
    ],
  };
}

function throughputSection({
  settings,
  cloud,
  dynamoLimit,
  peakThroughput,
  throughputShare,
}: BenchFigures): Section {
  const sweepRows =
    cloud.sweep.length === 0
      ? [{ metric: 'sweep', value: settings.quick ? 'skipped in --quick' : 'no party counts' }]
      : cloud.sweep.map(
          (result): Row => ({
            metric: `${result.parties} parties`,
            value: `${result.inputs_per_second} inputs/s, p50 ${ms(result.latency_ms.p50)}, p99 ${ms(result.latency_ms.p99)}, ${result.unanswered} without plan`,
          }),
        );
  return {
    title: `6. Throughput as parties grow (local cloud, ${settings.inputsPerParty} inputs per party), against the DynamoDB-bound limit`,
    note: `the limit: DynamoDB Local alone on this machine (best of ${settings.limitConcurrencies.join(', ')} requests in flight: ${dynamoLimit.concurrency}), running the mix\nof operations one input needs (${dynamoLimit.ops_per_input} per input, as the in-process run counted them).`,
    rows: [
      ...sweepRows,
      { metric: 'DynamoDB Local alone', value: `${dynamoLimit.ops_per_second} operations/s` },
      { metric: 'DynamoDB-bound limit', value: `${dynamoLimit.inputs_per_second} inputs/s` },
      judged(
        'best local cloud throughput / limit',
        `${round(peakThroughput, 1)} inputs/s = ${Math.round(throughputShare * 100)}%`,
        `≥ ${TARGETS.throughputShare * 100}%`,
        throughputShare >= TARGETS.throughputShare,
      ),
    ],
  };
}

function hopsSection({ baseline }: BenchFigures): Section {
  const { to_first_plan: toPlan, longest_to_any_plan: longest } = baseline.hops;
  return {
    title: '7. EventBridge hops (in-process run, following causation ids)',
    note: "events on the bus from an added input to the first plan.updated that reflects it, both counted, along the\ninput's own chain (a plan that an earlier input's chain finishes may reflect it sooner, but took none of its hops).",
    rows: [
      judged(
        'hops to the first plan reflecting an input, max',
        String(toPlan.max),
        `≤ ${TARGETS.hops}`,
        toPlan.max <= TARGETS.hops,
      ),
      { metric: 'hops to the first plan reflecting an input, mean', value: String(toPlan.mean) },
      { metric: 'inputs with no plan from their own chain', value: String(toPlan.without_own_plan) },
      { metric: 'longest chain to any plan (theme → dependents)', value: String(longest) },
    ],
  };
}

function capacitySection({ capacity }: BenchFigures): Section {
  const { shape } = capacity;
  return {
    title: "8. Capacity on AWS's default quotas (us-east-1), from the per-input counts above",
    note: `each quota divided by what one input uses of it; parties are assumed to have ${shape.browsersPerParty} browsers open and to add an input\nevery ${round(1 / shape.inputsPerPartyPerSecond, 0)} s while active. Lambda seconds are this machine's durations (DynamoDB Local is slower than DynamoDB).`,
    rows: [
      ...capacity.quotas.map(
        (quota): Row => ({
          metric: `${quota.quota} (${quota.limit})`,
          value: `${quota.per_input} per input → ${quota.inputs_per_second} inputs/s${quota.scope === 'party' ? ' for one party' : ''}; ${quota.raising_it_buys}`,
        }),
      ),
      { metric: 'binds first', value: capacity.binding },
      {
        metric: 'capacity',
        value: `${capacity.inputs_per_second} inputs/s = ${capacity.concurrent_parties.toLocaleString('en-US')} parties typing at once`,
      },
      {
        metric: 'parties opened per second (500 new WebSocket connections/s)',
        value: String(capacity.parties_opened_per_second),
      },
    ],
  };
}

/** The report's sections, in the order the README explains them. */
export function benchSections(figures: BenchFigures): Section[] {
  return [
    endToEnd(figures),
    baselines(figures),
    matchingSection(figures),
    bundleSection(figures),
    perInputSection(figures),
    throughputSection(figures),
    hopsSection(figures),
    capacitySection(figures),
  ];
}
