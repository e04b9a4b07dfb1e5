// Not an entry point: what the operator commands (`npm run redrive`, `npm run history`) share: where
// the local cloud of `npm start` listens, how an SDK client reaches it, and what to say when the
// first try fails.

import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The command's options; a mistyped or valueless flag gets its message and the usage (exit 2), not a stack trace. */
export function parseOptions<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n`);
    console.log(usage);
    process.exit(2);
  }
}

/** The local cloud's services an operator command calls, with the variable that moves each port. */
const LOCAL_PORTS = {
  /** EventBridge, and beside it SQS and CloudFormation's DescribeStacks. */
  eventbridge: { variable: 'PARTY_PLANNER_EVENTBRIDGE_PORT', port: '4002' },
  dynamodb: { variable: 'PARTY_PLANNER_DYNAMODB_PORT', port: '4003' },
} as const;

type LocalService = keyof typeof LOCAL_PORTS;
const SERVICES: readonly LocalService[] = ['eventbridge', 'dynamodb'];

const localPort = (service: LocalService) =>
  process.env[LOCAL_PORTS[service].variable] ?? LOCAL_PORTS[service].port;

export const localEndpoint = (service: LocalService) => `http://127.0.0.1:${localPort(service)}`;

/** The local cloud checks no signature, but the SDK signs every request and needs some credentials. */
export const clientConfig = (endpoint: string | undefined) =>
  endpoint
    ? { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {};

/** The local cloud runs Node 20 here; the SDK's warning about it says nothing about AWS. */
export function quietNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** What to do about the two failures a first try meets: no AWS set up, or no local cloud running. */
function hintFor(message: string, local: boolean): string {
  if (/region is missing/i.test(message))
    return '\n  for AWS, set AWS_REGION (and credentials); for the local cloud of `npm start`, add --local';
  if (!/ECONNREFUSED/.test(message) || !local) return '';
  // The refused address names the service: DescribeStacks comes first, DynamoDB after it.
  const refused = /ECONNREFUSED [^\s]*:(\d+)/.exec(message)?.[1];
  const service = SERVICES.find((name) => localPort(name) === refused) ?? 'eventbridge';
  return `\n  nothing answers on port ${localPort(service)}: is \`npm start\` running? (${LOCAL_PORTS[service].variable} picks another port)`;
}

/** Prints why the command failed, with the hint, and exits 1. */
export function failed(command: string, error: unknown, local: boolean): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${command} failed: ${message}${hintFor(message, local)}`);
  process.exit(1);
}

/**
 * A reader that stops early (`npm run history -- ... | head`) closes stdout, and Node then reports
 * EPIPE as an error no one handles: a stack trace and exit 1 for what is no failure. `exit` ends the
 * program there, quietly, with 0 (a history has nothing left to do once no one reads it); `finish`
 * drops the rest of the output and lets the work go on (a redrive stopped halfway would leave events
 * put back on the bus and still in the queue), to exit as it would have.
 */
export function onClosedStdout(then: 'exit' | 'finish'): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (then === 'exit') process.exit(0);
  });
}
