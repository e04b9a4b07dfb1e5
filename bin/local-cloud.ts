// `npm start`: synthesizes the CDK app and runs that template on this machine.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, startLocalCloud } from '#lib/local-cloud/local-cloud.ts';
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
  --function-log-level  log level inside the functions (default WARN)
  --refuse-deliveries X fault injection: share (0..1) of rule deliveries that Lambda refuses, so the
                        rule's retry policy and dead-letter queue come into play
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
    'delay-scale': { type: 'string', default: String(1 / 60) },
    'function-log-level': { type: 'string', default: 'WARN' },
    'refuse-deliveries': { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function port(flag: string | undefined, variable: string, fallback: number): number {
  const raw = flag ?? process.env[variable];
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`invalid port ${raw} (${variable})\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

// The functions run on Node 24 in AWS; here they share this machine's Node 20, which the SDK warns about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const assemblyDir = join(REPO_ROOT, 'cdk.out');
if (!values['no-synth']) {
  console.log('synthesizing the CDK app...');
  await synthesize(assemblyDir);
}

const webPort = port(values['web-port'], 'PARTY_PLANNER_WEB_PORT', DEFAULT_WEB_PORT);
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
  ports: {
    http: port(values['http-port'], 'PARTY_PLANNER_HTTP_PORT', DEFAULT_PORTS.http),
    websocket: port(values['ws-port'], 'PARTY_PLANNER_WS_PORT', DEFAULT_PORTS.websocket),
    eventbridge: port(
      values['eventbridge-port'],
      'PARTY_PLANNER_EVENTBRIDGE_PORT',
      DEFAULT_PORTS.eventbridge,
    ),
    dynamodb: port(values['dynamodb-port'], 'PARTY_PLANNER_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
  },
  web: { port: webPort },
  ...(dbPath ? { dbPath } : {}),
  functionLogLevel: values['function-log-level'],
  delayScale: Number(values['delay-scale']),
  faults: { refuseDeliveryShare: Number(values['refuse-deliveries']) },
  log: (line) => {
    if (values.verbose || line.level === 'error' || line.level === 'warn') console.log(JSON.stringify(line));
  },
});

console.log(`HTTP API: ${cloud.endpoints.http}`);
console.log(`WebSocket API: ${cloud.endpoints.websocket}`);
console.log(`EventBridge: ${cloud.endpoints.eventbridge}`);
console.log(`DynamoDB: ${cloud.endpoints.dynamodb}`);
console.log(`Web: ${cloud.endpoints.web}`);
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
