// `npm run bench [-- --quick] [-- --no-synth]`: measures the stack on this machine and reports each
// figure against its target. It never fails on a timer: a missed target is reported, not thrown.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesizeApp } from '#bin/party-cloud.ts';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';
import { measureBundles } from '../src/bundles.ts';
import { capacityPlan } from '../src/capacity.ts';
import { measureDynamoLimitAlone } from '../src/dynamo-limit.ts';
import { runInMemory } from '../src/in-memory.ts';
import { measureInProcess } from '../src/in-process.ts';
import { measureMatching } from '../src/matching.ts';
import { benchHeader, benchResults } from '../src/report/results.ts';
import { type BenchFigures, benchSections } from '../src/report/sections.ts';
import { renderTable } from '../src/report/table.ts';
import { priceRuns } from '../src/run/billing.ts';
import { loadPerInput } from '../src/run/capacity-load.ts';
import { runOnLocalCloud } from '../src/run/cloud-runs.ts';
import { benchSettings } from '../src/run/settings.ts';
import { round } from '../src/summary.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-synth': { type: 'boolean', default: false },
    out: { type: 'string', default: join(REPO_ROOT, 'bench-results.json') },
  },
});
const settings = benchSettings(values.quick);

// The functions run on Node 24 in AWS; here they share this Node, which the SDK would warn about. Their
// metrics (EMF lines on failure) would land in this table's stdout; failures are counted from the log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const began = performance.now();
// Other work on the machine shares these cores; the load averages say how much there was.
const loadBefore = loadavg().map((value) => round(value, 1));
const progress = (text: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${text}\n`);

progress('in-memory pipeline (the use cases only)');
const memory = runInMemory(4, settings.inputsPerParty, settings.memoryRounds);
progress('event-pattern matching');
const matching = measureMatching(memory.events, settings.matchingMs);

const assemblyDir = join(REPO_ROOT, 'cdk.out');
let synthMs = 0;
if (!values['no-synth']) {
  progress('cdk synth');
  const started = performance.now();
  await synthesizeApp(assemblyDir);
  synthMs = performance.now() - started;
}
progress('starting the local cloud');
const cloud = await runOnLocalCloud(assemblyDir, settings, progress);

progress('bundle sizes and cold module loads');
const bundles = await measureBundles(cloud.model, settings.bundleRuns);

progress(`in-process baseline: ${settings.parties} parties × ${settings.inputsPerParty} inputs`);
const baseline = await measureInProcess(assemblyDir, STACK_ID, settings);

progress('DynamoDB Local alone, driven with the operations one input needs');
const dynamoLimit = await measureDynamoLimitAlone(assemblyDir, STACK_ID, baseline.per_input.dynamodb_calls, {
  durationMs: settings.limitMs,
  concurrencies: settings.limitConcurrencies,
});

const peakThroughput = Math.max(
  cloud.latency.workload.inputs_per_second,
  ...cloud.sweep.map((result) => result.inputs_per_second),
);
const figures: BenchFigures = {
  settings,
  memory,
  matching,
  cloud,
  bundles,
  baseline,
  dynamoLimit,
  cost: priceRuns(cloud, baseline),
  ratio: {
    p50: round(cloud.latency.workload.latency_ms.p50 / baseline.workload.latency_ms.p50),
    p99: round(cloud.latency.workload.latency_ms.p99 / baseline.workload.latency_ms.p99),
  },
  peakThroughput,
  throughputShare: peakThroughput / Math.max(0.001, dynamoLimit.inputs_per_second),
  capacity: capacityPlan(loadPerInput(cloud, baseline)),
};

const sections = benchSections(figures);
const run = { seconds: round((performance.now() - began) / 1000, 1), synthMs, loadBefore };
console.log(benchHeader(settings, run));
console.log(renderTable(sections));
writeFileSync(values.out, `${JSON.stringify(benchResults(figures, sections, run), null, 2)}\n`);
console.log(`\nwritten to ${values.out}`);
