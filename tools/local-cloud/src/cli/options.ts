import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_CONSISTENCY_WINDOW_MS } from '../dynamodb/consistency-proxy.ts';
import { CHAOS_FAULTS, type LocalCloudFaults, NO_FAULTS } from '../faults.ts';
import {
  DEFAULT_FUNCTION_CONCURRENCY,
  DEFAULT_PORTS,
  type LocalCloudOptions,
  type LocalCloudPorts,
} from '../local-cloud.ts';

/** The options every local cloud CLI takes, for `parseArgs`; a CLI adds its own beside them. */
export const CLOUD_ARGS = {
  'http-port': { type: 'string' },
  'ws-port': { type: 'string' },
  'eventbridge-port': { type: 'string' },
  'dynamodb-port': { type: 'string' },
  'db-path': { type: 'string' },
  'delay-scale': { type: 'string' },
  'function-concurrency': { type: 'string' },
  'function-log-level': { type: 'string', default: 'WARN' },
  'refuse-deliveries': { type: 'string' },
  'duplicate-deliveries': { type: 'boolean' },
  'shuffle-deliveries': { type: 'boolean' },
  'delay-ms': { type: 'string' },
  'fail-invocations': { type: 'string' },
  'throttle-dynamodb': { type: 'string' },
  'no-iam': { type: 'boolean', default: false },
  'strong-reads': { type: 'boolean', default: false },
  'consistency-window-ms': { type: 'string' },
  'stale-reads': { type: 'boolean' },
  chaos: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

type CloudArgValues = {
  readonly [K in keyof typeof CLOUD_ARGS]?: (typeof CLOUD_ARGS)[K]['type'] extends 'string'
    ? string
    : boolean;
};

/** How a CLI names itself and its environment variables (`<prefix>_HTTP_PORT`, `<prefix>_DB_PATH`). */
export interface CliNaming {
  /** The usage's first line, e.g. `Usage: npm start -- [options]`. */
  readonly usageLine: string;
  readonly envPrefix: string;
  /** The CLI's own options, listed after the ports. */
  readonly extraUsage?: readonly string[];
}

export function usage({ usageLine, envPrefix, extraUsage = [] }: CliNaming): string {
  return [
    usageLine,
    `  --http-port N         HTTP API port        (${envPrefix}_HTTP_PORT, default ${DEFAULT_PORTS.http})`,
    `  --ws-port N           WebSocket API port   (${envPrefix}_WS_PORT, default ${DEFAULT_PORTS.websocket})`,
    `  --eventbridge-port N  EventBridge port     (${envPrefix}_EVENTBRIDGE_PORT, default ${DEFAULT_PORTS.eventbridge})`,
    `  --dynamodb-port N     DynamoDB Local port  (${envPrefix}_DYNAMODB_PORT, default ${DEFAULT_PORTS.dynamodb})`,
    ...extraUsage,
    `  --db-path DIR         keep DynamoDB data in DIR instead of in memory (${envPrefix}_DB_PATH)`,
    `  --delay-scale X       multiply AWS's retry delays by X (default 1/60: Lambda's one-minute retry takes 1 s)`,
    `  --function-concurrency N  containers each function runs at once (default ${DEFAULT_FUNCTION_CONCURRENCY})`,
    `  --function-log-level  log level inside the functions (default WARN)`,
    `  --no-iam              let every function call everything (by default each call a function makes to`,
    `                        DynamoDB, EventBridge and @connections needs its role's IAM policies to allow it)`,
    `  --strong-reads        every DynamoDB read sees every earlier write (by default one that does not ask`,
    `                        for ConsistentRead, and every read of a global index, may miss recent writes)`,
    `  --consistency-window-ms N  how long after a write such a read may miss it (default ${DEFAULT_CONSISTENCY_WINDOW_MS})`,
    `Fault injection (--chaos turns on all of them; a number given beside it wins):`,
    `  --refuse-deliveries X share (0..1) of rule deliveries that Lambda refuses, so the rule's retry`,
    `                        policy and dead-letter queue come into play (chaos: ${CHAOS_FAULTS.refuseDeliveryShare})`,
    `  --duplicate-deliveries`,
    `                        hand every rule delivery to Lambda twice, as at-least-once delivery may`,
    `  --shuffle-deliveries  hold deliveries for a moment and release them in random order`,
    `  --delay-ms N          delay each delivery by a random 0..N ms (chaos: ${CHAOS_FAULTS.maxDelayMs})`,
    `  --fail-invocations X  share (0..1) of async invocations that fail, half of them after the handler`,
    `                        ran, so Lambda's retry runs it again (chaos: ${CHAOS_FAULTS.failInvocationShare})`,
    `  --throttle-dynamodb X share (0..1) of the functions' DynamoDB requests answered with a throttling`,
    `                        error (chaos: ${CHAOS_FAULTS.throttleDynamoShare})`,
    `  --stale-reads         every read that may miss a recent write does (by default a share of them)`,
    `  --chaos               all of the above at once`,
    `  --verbose             print every invocation's log line and the metrics it emitted (default: failures only)`,
  ].join('\n');
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
function numeric(
  raw: string | undefined,
  name: string,
  fallback: number,
  accepted: Accepted,
  naming: CliNaming,
): number {
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  const fits =
    raw.trim() !== '' &&
    Number.isFinite(parsed) &&
    (!accepted.integer || Number.isInteger(parsed)) &&
    (accepted.exclusive ? parsed > accepted.min : parsed >= accepted.min) &&
    parsed <= (accepted.max ?? Number.POSITIVE_INFINITY);
  if (!fits) {
    console.error(`invalid ${name} ${raw}: expected ${expectation(accepted)}\n\n${usage(naming)}`);
    process.exit(2);
  }
  return parsed;
}

/** A port from its flag, else from `<prefix>_<variable>`, else the fallback. */
export function portOption(
  raw: string | undefined,
  flag: string,
  variable: string,
  fallback: number,
  naming: CliNaming,
): number {
  const name = `${naming.envPrefix}_${variable}`;
  return numeric(
    raw ?? process.env[name],
    `--${flag} (${name})`,
    fallback,
    { integer: true, min: 0, max: 65535 },
    naming,
  );
}

const SHARE: Accepted = { min: 0, max: 1 };

export type CloudSettings = Required<
  Pick<
    LocalCloudOptions,
    | 'delayScale'
    | 'functionConcurrency'
    | 'functionLogLevel'
    | 'iam'
    | 'eventualConsistency'
    | 'consistencyWindowMs'
  >
> & {
  readonly ports: LocalCloudPorts;
  readonly faults: LocalCloudFaults;
  readonly dbPath?: string;
};

/** The local cloud's settings from the parsed options; a bad value exits with the usage. */
export function cloudSettings(values: CloudArgValues, naming: CliNaming): CloudSettings {
  if (values['strong-reads'] && values['stale-reads']) {
    // Every read is strongly consistent then: a stale-read fault asked for by name would do nothing.
    console.error(
      `--stale-reads needs eventually consistent reads, which --strong-reads turns off\n\n${usage(naming)}`,
    );
    process.exit(2);
  }
  const base = values.chaos ? CHAOS_FAULTS : NO_FAULTS;
  const share = (flag: keyof CloudArgValues, raw: string | undefined, fallback: number) =>
    numeric(raw, `--${flag}`, fallback, SHARE, naming);
  const faults: LocalCloudFaults = {
    refuseDeliveryShare: share('refuse-deliveries', values['refuse-deliveries'], base.refuseDeliveryShare),
    duplicateDeliveries: values['duplicate-deliveries'] ?? base.duplicateDeliveries,
    shuffleDeliveries: values['shuffle-deliveries'] ?? base.shuffleDeliveries,
    maxDelayMs: numeric(values['delay-ms'], '--delay-ms', base.maxDelayMs, { min: 0, max: 60_000 }, naming),
    failInvocationShare: share('fail-invocations', values['fail-invocations'], base.failInvocationShare),
    throttleDynamoShare: share('throttle-dynamodb', values['throttle-dynamodb'], base.throttleDynamoShare),
    staleReads: values['stale-reads'] ?? base.staleReads,
  };
  const dbPath = values['db-path'] ?? process.env[`${naming.envPrefix}_DB_PATH`];
  return {
    ports: {
      http: portOption(values['http-port'], 'http-port', 'HTTP_PORT', DEFAULT_PORTS.http, naming),
      websocket: portOption(values['ws-port'], 'ws-port', 'WS_PORT', DEFAULT_PORTS.websocket, naming),
      eventbridge: portOption(
        values['eventbridge-port'],
        'eventbridge-port',
        'EVENTBRIDGE_PORT',
        DEFAULT_PORTS.eventbridge,
        naming,
      ),
      dynamodb: portOption(
        values['dynamodb-port'],
        'dynamodb-port',
        'DYNAMODB_PORT',
        DEFAULT_PORTS.dynamodb,
        naming,
      ),
    },
    faults,
    ...(dbPath ? { dbPath } : {}),
    // AWS always waits between retries; a scale of 0 or less would retry at once.
    delayScale: numeric(values['delay-scale'], '--delay-scale', 1 / 60, { min: 0, exclusive: true }, naming),
    // Without a container to run in, every invocation would wait for one forever.
    functionConcurrency: numeric(
      values['function-concurrency'],
      '--function-concurrency',
      DEFAULT_FUNCTION_CONCURRENCY,
      { integer: true, min: 1 },
      naming,
    ),
    functionLogLevel: values['function-log-level'] ?? 'WARN',
    iam: !values['no-iam'],
    eventualConsistency: !values['strong-reads'],
    consistencyWindowMs: numeric(
      values['consistency-window-ms'],
      '--consistency-window-ms',
      DEFAULT_CONSISTENCY_WINDOW_MS,
      { integer: true, min: 0, max: 60_000 },
      naming,
    ),
  };
}
