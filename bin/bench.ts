// `npm run bench [-- --quick] [-- --no-synth]`: measures the stack on this machine and reports each
// figure against its target. It never fails on a timer: a missed target is reported, not thrown.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '@party-planner/local-cloud';
import { measureBundles } from '#lib/bench/bundles.ts';
import { estimateCost, PLAN_SHAPE, PRICES } from '#lib/bench/cost.ts';
import { measureDynamoLimitAlone } from '#lib/bench/dynamo-limit.ts';
import { runInMemory } from '#lib/bench/in-memory.ts';
import { measureInProcess } from '#lib/bench/in-process.ts';
import {
  type InvocationLine,
  isInvocation,
  measureCloudLatency,
  measureThroughput,
} from '#lib/bench/local-cloud-bench.ts';
import { measureMatching } from '#lib/bench/matching.ts';
import { machine, ms, type Row, renderTable, type Section } from '#lib/bench/report.ts';
import { round, type Summary } from '#lib/bench/stats.ts';
import type { WorkloadResult } from '#lib/bench/workload.ts';
import { PARTY_CLOUD, synthesizeApp } from '#lib/local-cloud-wiring.ts';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-synth': { type: 'boolean', default: false },
    out: { type: 'string', default: join(REPO_ROOT, 'bench-results.json') },
  },
});

const QUICK = values.quick;
// --quick is a smoke run that fits in about two minutes; the latency targets are judged on the full
// run (200 inputs across 40 parties).
const CONFIG = {
  // A party sends the inputs of the plan the cost target prices.
  inputsPerParty: PLAN_SHAPE.inputs,
  limitConcurrencies: [4, 8, 16, 32],
  ...(QUICK
    ? { parties: 8, memoryRounds: 3, matchingMs: 400, limitMs: 3000, bundleRuns: 3, sweep: [] as number[] }
    : {
        parties: 40,
        memoryRounds: 10,
        matchingMs: 2000,
        limitMs: 10_000,
        bundleRuns: 5,
        sweep: [5, 10, 20, 40],
      }),
};
const TIMEOUT_MS = 30_000;
/** Lambda's one- and two-minute async retry delays become 1 and 2 s, as `npm start` has them. */
const DELAY_SCALE = 1 / 60;
const TARGETS = {
  ratio: 1.5,
  bundleKb: 150,
  loadMs: 60,
  costUsd: 0.15,
  matchVsParse: 1,
  hops: 4,
  throughputShare: 0.7,
};

// The functions run on Node 24 in AWS; here they share this Node, which the SDK would warn about. Their
// metrics (EMF lines on failure) would land in this table's stdout; failures are counted from the log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const began = performance.now();
// Other work on the machine shares these cores; the load averages say how much there was.
const loadBefore = loadavg().map((value) => round(value, 1));
const progress = (text: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);

const latencyRows = (label: string, summary: Summary): Row[] => [
  { metric: `${label} p50`, value: ms(summary.p50) },
  { metric: `${label} p95`, value: ms(summary.p95) },
  { metric: `${label} p99`, value: ms(summary.p99) },
  { metric: `${label} max`, value: ms(summary.max) },
];
const workloadRows = (label: string, result: WorkloadResult): Row[] => [
  ...latencyRows(label, result.latency_ms),
  {
    metric: `${label} inputs timed / sent`,
    value: `${result.latency_ms.count} / ${result.inputs}`,
    target: `${result.inputs} / ${result.inputs}`,
    meets: result.latency_ms.count === result.inputs,
  },
  { metric: `${label} no plan within ${TIMEOUT_MS / 1000} s`, value: String(result.unanswered) },
  { metric: `${label} 409 answers retried`, value: String(result.conflicts_retried) },
  { metric: `${label} throughput`, value: `${result.inputs_per_second} inputs/s (${result.wall_ms} ms)` },
];

// --- In memory, then pattern matching on the events it produced ----------------------------------------------
progress('in-memory pipeline (domain functions only)');
const memory = runInMemory(4, CONFIG.inputsPerParty, CONFIG.memoryRounds);
progress('event-pattern matching');
const matching = measureMatching(memory.events, CONFIG.matchingMs);

// --- The local cloud ---------------------------------------------------------------------------------------
const assemblyDir = join(REPO_ROOT, 'cdk.out');
let synthMs = 0;
if (!values['no-synth']) {
  progress('cdk synth');
  const started = performance.now();
  await synthesizeApp(assemblyDir);
  synthMs = performance.now() - started;
}
progress('starting the local cloud');
const lines: InvocationLine[] = [];
const cloud = await startLocalCloud({
  ...PARTY_CLOUD,
  assemblyDir,
  ports: { http: 0, websocket: 0, eventbridge: 0, dynamodb: 0 },
  functionLogLevel: 'CRITICAL',
  delayScale: DELAY_SCALE,
  log: (line) => {
    if (isInvocation(line)) lines.push(line);
  },
});
let cloudResult: Awaited<ReturnType<typeof measureCloudLatency>>;
let soloLines: InvocationLine[];
let sweep: WorkloadResult[] = [];
try {
  progress(`local cloud: ${CONFIG.parties} parties × ${CONFIG.inputsPerParty} inputs (after a warm-up)`);
  cloudResult = await measureCloudLatency(cloud, () => lines, {
    parties: CONFIG.parties,
    inputsPerParty: CONFIG.inputsPerParty,
    timeoutMs: TIMEOUT_MS,
  });
  progress('local cloud: one party alone, for the durations Lambda would bill');
  // Every invocation of the solo run, its sessions' opening and closing included.
  const soloFrom = lines.length;
  await measureCloudLatency(cloud, () => lines, {
    parties: 1,
    inputsPerParty: CONFIG.inputsPerParty,
    timeoutMs: TIMEOUT_MS,
  });
  soloLines = lines.slice(soloFrom);
  if (CONFIG.sweep.length > 0) {
    progress(`local cloud throughput with ${CONFIG.sweep.join(', ')} parties`);
    sweep = await measureThroughput(cloud, () => lines, CONFIG.sweep, {
      inputsPerParty: CONFIG.inputsPerParty,
      timeoutMs: TIMEOUT_MS,
    });
  }
} finally {
  await cloud.stop();
}
const model = cloud.model;

progress('bundle sizes and cold module loads');
const bundles = await measureBundles(model, CONFIG.bundleRuns);

progress(`in-process baseline: ${CONFIG.parties} parties × ${CONFIG.inputsPerParty} inputs`);
const baseline = await measureInProcess(assemblyDir, STACK_ID, {
  parties: CONFIG.parties,
  inputsPerParty: CONFIG.inputsPerParty,
  timeoutMs: TIMEOUT_MS,
  delayScale: DELAY_SCALE,
});

progress('DynamoDB Local alone, driven with the operations one input needs');
const dynamoLimit = await measureDynamoLimitAlone(assemblyDir, STACK_ID, baseline.per_input.dynamodb_calls, {
  durationMs: CONFIG.limitMs,
  concurrencies: CONFIG.limitConcurrencies,
});

// --- Per input and cost ------------------------------------------------------------------------------------
const perInput = cloudResult.per_input;
const memoryOf = new Map([...model.functions.values()].map((fn) => [fn.name, fn.memoryMb]));
const warmMean = (pool: readonly InvocationLine[], name: string): number | undefined => {
  const own = pool.filter((line) => line.function === name && !line.cold_start);
  return own.length ? own.reduce((sum, line) => sum + line.duration_ms, 0) / own.length : undefined;
};
// Billed durations come from the solo run: one party at a time, so that an invocation has a core to
// itself as a Lambda container has, instead of sharing two with thirty parties' worth of work; cold
// starts are left out, as most invocations find a warm container. A function with no warm invocation
// in the solo run falls back to its warm mean over all runs, loaded ones included, which overstates
// it; its row says so.
const billedDuration = (name: string): { ms: number; alone: boolean } => {
  const alone = warmMean(soloLines, name);
  return alone === undefined ? { ms: warmMean(lines, name) ?? 0, alone: false } : { ms: alone, alone: true };
};
const billedText = (name: string) => {
  const billed = billedDuration(name);
  return `${round(billed.ms, 1)} ms ${billed.alone ? 'alone' : 'loaded (none warm alone)'}`;
};
const sessionFunctions: readonly string[] = PLAN_SHAPE.session_functions;
const cost = estimateCost({
  eventsPerInput: baseline.per_input.eventbridge_events,
  websocketMessagesPerInput: perInput.websocket_messages,
  functions: [...memoryOf].map(([name, memoryMb]) => ({
    name,
    memoryMb,
    invocationsPerInput: sessionFunctions.includes(name)
      ? 0
      : (perInput.by_function[name]?.invocations ?? 0) / perInput.inputs,
    meanDurationMs: billedDuration(name).ms,
  })),
  readUnitsPerInput: baseline.per_input.dynamodb_read_units,
  writeUnitsPerInput: baseline.per_input.dynamodb_write_units,
  readUnitsPerSession: baseline.per_session.dynamodb_read_units,
  writeUnitsPerSession: baseline.per_session.dynamodb_write_units,
  deliveryReadUnitsPerInput: baseline.per_input.delivery_read_units,
  deliveryWriteUnitsPerInput: baseline.per_input.delivery_write_units,
  deliveryReadUnitsPerSession: baseline.per_session.delivery_read_units,
  deliveryWriteUnitsPerSession: baseline.per_session.delivery_write_units,
});

const ratio = {
  p50: round(cloudResult.workload.latency_ms.p50 / baseline.workload.latency_ms.p50),
  p99: round(cloudResult.workload.latency_ms.p99 / baseline.workload.latency_ms.p99),
};
const peakThroughput = Math.max(
  cloudResult.workload.inputs_per_second,
  ...sweep.map((result) => result.inputs_per_second),
);
const throughputShare = peakThroughput / Math.max(0.001, dynamoLimit.inputs_per_second);
const slowestLoad = Math.max(...bundles.map((bundle) => bundle.own_load_ms));
const largest = Math.max(...bundles.map((bundle) => bundle.kb));
const host = machine();

const sections: Section[] = [
  {
    title: `1. End to end on the local cloud (POST /input → first plan_updated reflecting it, over a real WebSocket)`,
    note: `${CONFIG.parties} parties at once, each sending its next input when the plan reflecting the previous one arrives;\nwarm containers (one untimed warm-up input per party first); 409 answers are retried by the client inside the timing.`,
    rows: [
      ...workloadRows('local cloud', cloudResult.workload),
      {
        metric: 'function failures (retried by Lambda)',
        value: String(Object.values(perInput.by_function).reduce((sum, usage) => sum + usage.failures, 0)),
      },
      {
        metric: 'cold starts during the timed run',
        value: String(Object.values(perInput.by_function).reduce((sum, usage) => sum + usage.cold_starts, 0)),
      },
    ],
  },
  {
    title: '2. Baselines (same domain code, no bus, no gateway)',
    note: 'in process: the handlers from source + DynamoDB Local, events routed FIFO by the same table;\nin memory: the pure functions only (understand → analyze → agents → budget → plan), one party at a time.',
    rows: [
      ...workloadRows('in process', baseline.workload),
      { metric: 'in process handler failures (retried)', value: String(baseline.failed_runs) },
      {
        metric: 'local cloud / in process, p50',
        value: `${ratio.p50}×`,
        target: `≤ ${TARGETS.ratio}×`,
        meets: ratio.p50 <= TARGETS.ratio,
      },
      {
        metric: 'local cloud / in process, p99',
        value: `${ratio.p99}×`,
        target: `≤ ${TARGETS.ratio}×`,
        meets: ratio.p99 <= TARGETS.ratio,
      },
      ...latencyRows('in memory', memory.latency_ms),
      {
        metric: 'in memory inputs with no new plan',
        value: String(memory.unanswered),
        target: '0',
        meets: memory.unanswered === 0,
      },
    ],
  },
  {
    title: `3. Event-pattern matching (${matching.events} real party events × ${matching.rules} rules)`,
    rows: [
      {
        metric: 'event × rule matches per second',
        value: matching.matches_per_second.toLocaleString('en-US'),
      },
      {
        metric: 'events matched against all rules per second',
        value: matching.events_matched_per_second.toLocaleString('en-US'),
      },
      {
        metric: 'events JSON.parse-d per second',
        value: matching.events_parsed_per_second.toLocaleString('en-US'),
      },
      {
        metric: `all-rules match cost / JSON.parse (${matching.mean_event_bytes} B mean)`,
        value: `${matching.cost_vs_parse}×`,
        target: `≤ ${TARGETS.matchVsParse}×`,
        meets: matching.cost_vs_parse <= TARGETS.matchVsParse,
      },
    ],
  },
  {
    title: `4. Bundles (cdk.out/asset.*/index.mjs; load = median of ${CONFIG.bundleRuns} fresh worker imports minus an empty module)`,
    note: 'the bundles leave @aws-sdk/* to the Lambda runtime: the target judges the bundle\'s own code, loaded with the SDK\nmodules it imports already in place; "including SDK" loads those cold too, as a brand-new container does (not judged).',
    rows: bundles.flatMap((bundle): Row[] => [
      {
        metric: `${bundle.function} size`,
        value: `${bundle.kb} KB`,
        target: `≤ ${TARGETS.bundleKb} KB`,
        meets: bundle.kb <= TARGETS.bundleKb,
      },
      {
        metric: `${bundle.function} cold load of own code (SDK preloaded)`,
        value: ms(bundle.own_load_ms),
        target: `≤ ${TARGETS.loadMs} ms`,
        meets: bundle.own_load_ms <= TARGETS.loadMs,
      },
      {
        metric: `${bundle.function} cold load including SDK`,
        value: `${ms(bundle.load_with_sdk_ms)} (${bundle.sdk_modules.map((name) => name.replace('@aws-sdk/', '')).join(', ')})`,
      },
    ]),
  },
  {
    title: '5. Per input, and cost',
    note: 'invocations and messages counted on the local cloud over the timed run (until idle); events published, DynamoDB\ncalls and capacity from the in-process run; Lambda duration billed at the warm mean of one party alone (a container\nhas its core to itself).',
    rows: [
      {
        metric: 'EventBridge events per input (published, in-process run)',
        value: String(baseline.per_input.eventbridge_events),
      },
      { metric: 'Lambda invocations per input', value: String(perInput.lambda_invocations) },
      ...Object.entries(perInput.by_function)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([name, usage]): Row => ({
            metric: `  ${name}`,
            value: `${round(usage.invocations / perInput.inputs)} × ${usage.mean_duration_ms} ms loaded, ${billedText(name)}`,
          }),
        ),
      ...sessionFunctions.map(
        (name): Row => ({ metric: `  ${name}`, value: `once per plan, ${billedText(name)}` }),
      ),
      { metric: 'WebSocket messages per input (received)', value: String(perInput.websocket_messages) },
      ...Object.entries(baseline.per_input.dynamodb_calls).map(
        ([name, count]): Row => ({ metric: `DynamoDB ${name} calls per input`, value: String(count) }),
      ),
      {
        metric: 'DynamoDB read / write units per input',
        value: `${baseline.per_input.dynamodb_read_units} / ${baseline.per_input.dynamodb_write_units}`,
      },
      {
        metric: '  of which delivery functions',
        value: `${baseline.per_input.delivery_read_units} / ${baseline.per_input.delivery_write_units}`,
      },
      {
        metric: 'DynamoDB read / write units per plan opened (start, connect)',
        value: `${baseline.per_session.dynamodb_read_units} / ${baseline.per_session.dynamodb_write_units}`,
      },
      {
        metric: '  of which delivery functions',
        value: `${baseline.per_session.delivery_read_units} / ${baseline.per_session.delivery_write_units}`,
      },
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
      {
        metric: `cost per 1,000 plans of ${PLAN_SHAPE.inputs} inputs`,
        value: `$${cost.per_1000_plans_usd.toFixed(4)}`,
        target: `≤ $${TARGETS.costUsd}`,
        meets: cost.per_1000_plans_usd <= TARGETS.costUsd,
      },
    ],
  },
  {
    title: `6. Throughput as parties grow (local cloud, ${CONFIG.inputsPerParty} inputs per party), against the DynamoDB-bound limit`,
    note: `the limit: DynamoDB Local alone on this machine (best of ${CONFIG.limitConcurrencies.join(', ')} requests in flight: ${dynamoLimit.concurrency}), running the mix\nof operations one input needs (${dynamoLimit.ops_per_input} per input, as the in-process run counted them).`,
    rows: [
      ...(sweep.length === 0
        ? [{ metric: 'sweep', value: QUICK ? 'skipped in --quick' : 'no party counts' }]
        : sweep.map(
            (result): Row => ({
              metric: `${result.parties} parties`,
              value: `${result.inputs_per_second} inputs/s, p50 ${ms(result.latency_ms.p50)}, p99 ${ms(result.latency_ms.p99)}, ${result.unanswered} without plan`,
            }),
          )),
      { metric: 'DynamoDB Local alone', value: `${dynamoLimit.ops_per_second} operations/s` },
      { metric: 'DynamoDB-bound limit', value: `${dynamoLimit.inputs_per_second} inputs/s` },
      {
        metric: `best local cloud throughput / limit`,
        value: `${round(peakThroughput, 1)} inputs/s = ${Math.round(throughputShare * 100)}%`,
        target: `≥ ${TARGETS.throughputShare * 100}%`,
        meets: throughputShare >= TARGETS.throughputShare,
      },
    ],
  },
  {
    title: '7. EventBridge hops (in-process run, following causation ids)',
    note: "events on the bus from an added input to the first plan.updated that reflects it, both counted, along the\ninput's own chain (a plan that an earlier input's chain finishes may reflect it sooner, but took none of its hops).",
    rows: [
      {
        metric: 'hops to the first plan reflecting an input, max',
        value: String(baseline.hops.to_first_plan.max),
        target: `≤ ${TARGETS.hops}`,
        meets: baseline.hops.to_first_plan.max <= TARGETS.hops,
      },
      {
        metric: 'hops to the first plan reflecting an input, mean',
        value: String(baseline.hops.to_first_plan.mean),
      },
      {
        metric: 'inputs with no plan from their own chain',
        value: String(baseline.hops.to_first_plan.without_own_plan),
      },
      {
        metric: 'longest chain to any plan (theme → dependents)',
        value: String(baseline.hops.longest_to_any_plan),
      },
    ],
  },
];

const totalSeconds = round((performance.now() - began) / 1000, 1);
const header = [
  `party-planner bench${QUICK ? ' (--quick)' : ''}: ${host.cores} cores (${host.cpu_model}), ${host.memory_gb} GB, Node ${host.node}, ${host.platform}`,
  `load average ${loadBefore.join(' ')} at start, ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} at end; synth ${round(synthMs / 1000, 1)} s, whole run ${totalSeconds} s.`,
  'Figures are from this machine: the local cloud runs every Lambda container as a worker thread and DynamoDB Local',
  'in a JVM on the same cores, so they say how this stack behaves here, not on AWS.',
].join('\n');
console.log(header);
console.log(renderTable(sections));

const results = {
  generated_at: new Date().toISOString(),
  mode: QUICK ? 'quick' : 'full',
  machine: {
    ...host,
    load_average_start: loadBefore,
    load_average_end: loadavg().map((value) => round(value, 1)),
  },
  duration_s: totalSeconds,
  synth_ms: round(synthMs, 0),
  config: { ...CONFIG, timeout_ms: TIMEOUT_MS, delay_scale: DELAY_SCALE },
  targets: TARGETS,
  end_to_end: cloudResult,
  baseline_in_process: baseline,
  baseline_in_memory: { ...memory, events: undefined, events_sampled: memory.events.length },
  ratio_local_cloud_over_in_process: ratio,
  matching,
  bundles: { largest_kb: largest, slowest_own_load_ms: slowestLoad, functions: bundles },
  cost: { ...cost, prices: PRICES, plan: PLAN_SHAPE },
  throughput: sweep,
  dynamodb_limit: dynamoLimit,
  throughput_share_of_limit: round(throughputShare, 3),
  hops: baseline.hops,
  table: sections,
};
writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten to ${values.out}`);
