// `npm start`: synthesizes the CDK app and runs that template on this machine.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHAOS_FAULTS, type LocalCloudFaults, NO_FAULTS } from '#lib/local-cloud/faults.ts';
import {
  DEFAULT_FUNCTION_CONCURRENCY,
  DEFAULT_PORTS,
  startLocalCloud,
} from '#lib/local-cloud/local-cloud.ts';
import { synthesize } from '#lib/local-cloud/synth.ts';
import { DEFAULT_WEB_PORT, ensureWebBuild } from '#lib/local-cloud/web-server.ts';
import { STACK_ID } from '#lib/party-planner-app.ts';
import { REPO_ROOT } from '#lib/paths.ts';

const USAGE = `Usage: npm start -- [options]
  --http-port N         HTTP API port        (PARTY_PLANNER_HTTP_PORT, default ${DEFAULT_PORTS.http})
  --ws-port N           WebSocket API port   (PARTY_PLANNER_WS_PORT, default ${DEFAULT_PORTS.websocket})
  --eventbridge-port N  EventBridge port     (PARTY_PLANNER_EVENTBRIDGE_PORT, default ${DEFAULT_PORTS.eventbridge})
  --dynamodb-port N     DynamoDB Local port  (PARTY_PLANNER_DYNAMODB_PORT, default ${DEFAULT_PORTS.dynamodb})
  --web-port N          the page (web/dist)  (PARTY_PLANNER_WEB_PORT, default ${DEFAULT_WEB_PORT}); built first if missing
  --db-path DIR         keep DynamoDB data in DIR instead of in memory (PARTY_PLANNER_DB_PATH)
  --no-synth            run the existing cdk.out instead of synthesizing first
  --delay-scale X       multiply AWS's retry delays by X (default 1/60: Lambda's one-minute retry takes 1 s)
  --function-concurrency N  containers each function runs at once (default ${DEFAULT_FUNCTION_CONCURRENCY})
  --function-log-level  log level inside the functions (default WARN)
Fault injection (--chaos turns on all of them; a number given beside it wins):
  --refuse-deliveries X share (0..1) of rule deliveries that Lambda refuses, so the rule's retry
                        policy and dead-letter queue come into play (chaos: ${CHAOS_FAULTS.refuseDeliveryShare})
  --duplicate-deliveries
                        hand every rule delivery to Lambda twice, as at-least-once delivery may
  --shuffle-deliveries  hold deliveries for a moment and release them in random order
  --delay-ms N          delay each delivery by a random 0..N ms (chaos: ${CHAOS_FAULTS.maxDelayMs})
  --fail-invocations X  share (0..1) of async invocations that fail, half of them after the handler
                        ran, so Lambda's retry runs it again (chaos: ${CHAOS_FAULTS.failInvocationShare})
  --throttle-dynamodb X share (0..1) of the functions' DynamoDB requests answered with a throttling
                        error (chaos: ${CHAOS_FAULTS.throttleDynamoShare})
  --chaos               all of the above at once
  --verbose             print every invocation's log line (default: failures only)`;

const { values } = parseArgs({
  options: {
    'http-port': { type: 'string' },
    'ws-port': { type: 'string' },
    'eventbridge-port': { type: 'string' },
    'dynamodb-port': { type: 'string' },
    'web-port': { type: 'string' },
    'db-path': { type: 'string' },
    'no-synth': { type: 'boolean', default: false },
    'delay-scale': { type: 'string' },
    'function-concurrency': { type: 'string' },
    'function-log-level': { type: 'string', default: 'WARN' },
    'refuse-deliveries': { type: 'string' },
    'duplicate-deliveries': { type: 'boolean' },
    'shuffle-deliveries': { type: 'boolean' },
    'delay-ms': { type: 'string' },
    'fail-invocations': { type: 'string' },
    'throttle-dynamodb': { type: 'string' },
    chaos: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** What a numeric option accepts: `min` itself too, unless `exclusive`. */
interface Accepted {
  readonly integer?: boolean;
  readonly min: number;
  readonly exclusive?: boolean;
  readonly max?: number;
}

function expectation({ integer, min, exclusive, max }: Accepted): string {
  const lower = exclusive ? `above ${min}` : max === undefined ? `of at least ${min}` : `from ${min}`;
  const upper = max === undefined ? '' : ` to ${max}`;
  return `${integer ? 'an integer' : 'a number'} ${lower}${upper}`;
}

/** A bad value stops the CLI before anything starts, with the usage. */
function numeric(raw: string | undefined, name: string, fallback: number, accepted: Accepted): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  const fits =
    raw.trim() !== '' &&
    Number.isFinite(parsed) &&
    (!accepted.integer || Number.isInteger(parsed)) &&
    (accepted.exclusive ? parsed > accepted.min : parsed >= accepted.min) &&
    parsed <= (accepted.max ?? Number.POSITIVE_INFINITY);
  if (!fits) {
    console.error(`invalid ${name} ${raw}: expected ${expectation(accepted)}\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

type PortFlag = 'http-port' | 'ws-port' | 'eventbridge-port' | 'dynamodb-port' | 'web-port';

function port(flag: PortFlag, variable: string, fallback: number): number {
  const raw = values[flag] ?? process.env[variable];
  return numeric(raw, `--${flag} (${variable})`, fallback, { integer: true, min: 0, max: 65535 });
}

const SHARE: Accepted = { min: 0, max: 1 };

const baseFaults = values.chaos ? CHAOS_FAULTS : NO_FAULTS;
const faults: LocalCloudFaults = {
  refuseDeliveryShare: numeric(
    values['refuse-deliveries'],
    '--refuse-deliveries',
    baseFaults.refuseDeliveryShare,
    SHARE,
  ),
  duplicateDeliveries: values['duplicate-deliveries'] ?? baseFaults.duplicateDeliveries,
  shuffleDeliveries: values['shuffle-deliveries'] ?? baseFaults.shuffleDeliveries,
  maxDelayMs: numeric(values['delay-ms'], '--delay-ms', baseFaults.maxDelayMs, { min: 0, max: 60_000 }),
  failInvocationShare: numeric(
    values['fail-invocations'],
    '--fail-invocations',
    baseFaults.failInvocationShare,
    SHARE,
  ),
  throttleDynamoShare: numeric(
    values['throttle-dynamodb'],
    '--throttle-dynamodb',
    baseFaults.throttleDynamoShare,
    SHARE,
  ),
};
const ports = {
  http: port('http-port', 'PARTY_PLANNER_HTTP_PORT', DEFAULT_PORTS.http),
  websocket: port('ws-port', 'PARTY_PLANNER_WS_PORT', DEFAULT_PORTS.websocket),
  eventbridge: port('eventbridge-port', 'PARTY_PLANNER_EVENTBRIDGE_PORT', DEFAULT_PORTS.eventbridge),
  dynamodb: port('dynamodb-port', 'PARTY_PLANNER_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
};
const webPort = port('web-port', 'PARTY_PLANNER_WEB_PORT', DEFAULT_WEB_PORT);
// AWS always waits between retries; a scale of 0 or less would retry at once.
const delayScale = numeric(values['delay-scale'], '--delay-scale', 1 / 60, { min: 0, exclusive: true });
// Without a container to run in, every invocation would wait for one forever.
const functionConcurrency = numeric(
  values['function-concurrency'],
  '--function-concurrency',
  DEFAULT_FUNCTION_CONCURRENCY,
  { integer: true, min: 1 },
);

// The functions run on Node 24 in AWS; here they share this machine's Node 20, which the SDK warns about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const assemblyDir = join(REPO_ROOT, 'cdk.out');
if (!values['no-synth']) {
  console.log('synthesizing the CDK app...');
  await synthesize(assemblyDir);
}

try {
  if (await ensureWebBuild()) console.log('built the page into web/dist');
} catch (error) {
  // The APIs are useful without the page; say why it is missing instead of refusing to start.
  console.error(
    `cannot build the page (web/dist): ${error instanceof Error ? error.message : String(error)}`,
  );
}

const dbPath = values['db-path'] ?? process.env.PARTY_PLANNER_DB_PATH;
const cloud = await startLocalCloud({
  assemblyDir,
  stackName: STACK_ID,
  ports,
  web: { port: webPort },
  ...(dbPath ? { dbPath } : {}),
  functionLogLevel: values['function-log-level'],
  delayScale,
  functionConcurrency,
  faults,
  log: (line) => {
    if (values.verbose || line.level === 'error' || line.level === 'warn') console.log(JSON.stringify(line));
  },
});

console.log(`HTTP API: ${cloud.endpoints.http}`);
console.log(`WebSocket API: ${cloud.endpoints.websocket}`);
console.log(`EventBridge: ${cloud.endpoints.eventbridge}`);
console.log(`DynamoDB: ${cloud.endpoints.dynamodb}`);
console.log(`Web: ${cloud.endpoints.web}`);
const injected = Object.entries(faults).filter(
  ([key, value]) => value !== NO_FAULTS[key as keyof LocalCloudFaults],
);
if (injected.length > 0) console.log(`Faults: ${JSON.stringify(Object.fromEntries(injected))}`);
console.log('Ctrl-C stops it.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    cloud.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
