import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen } from './aws-json-server.ts';
import { DEFAULT_STALE_SHARE } from './dynamodb/consistency-proxy.ts';
import { FaultInjector, type FaultKind, type LocalCloudFaults, NO_FAULTS } from './faults.ts';
import { hostedFunctions, localResolveContext } from './hosted-functions.ts';
import { createHttpApiServer, type Invoke } from './http-api/server.ts';
import type { Authorize } from './iam/access.ts';
import {
  type AccessCheck,
  accessKeyOf,
  createIamAuthorizer,
  type IamAuthorizer,
  type IamSetup,
} from './iam/authorizer.ts';
import { hashKeysOf } from './iam/dynamodb-actions.ts';
import { startDynamoIamProxy } from './iam/dynamodb-proxy.ts';
import type { AsyncInvokerOptions, DeadLetter } from './lambda/async-invoker.ts';
import { type InvocationRecord, LambdaHost, type LambdaHostOptions } from './lambda/lambda-host.ts';
import { type LoggedMetrics, MetricLog } from './lambda/metric-log.ts';
import { stageTaskDirectories } from './lambda/task-directories.ts';
import { type LocalDynamoOptions, startDynamo } from './local-dynamo.ts';
import { busNamesOf, startEvents } from './local-events.ts';
import { resolveOutputs } from './template/outputs.ts';
import { readStackModel } from './template/read-stack-model.ts';
import type { LocalWebSocketApi, StackModel } from './template/stack-model.ts';
import type { CfnTemplate } from './template/tables.ts';
import { createWebServer } from './web-server.ts';
import { startWebSocketGateway, type WebSocketRouteConfig } from './websocket/gateway.ts';

export interface LocalCloudPorts {
  readonly http: number;
  readonly websocket: number;
  readonly eventbridge: number;
  readonly dynamodb: number;
}

/**
 * Containers per function: one per core to spare. On AWS each container has its own CPU; here they
 * share the machine's, and every extra isolate only adds JIT warm-up and garbage collection. Measured
 * on two cores with 40 parties: 1 container per function gave 11.4 inputs/s on 20 CPU-seconds, 3 gave
 * 9.0 on 31, 5 gave 8.3 on 36.
 */
export const DEFAULT_FUNCTION_CONCURRENCY = Math.max(1, availableParallelism() - 1);

/** Documented defaults; 0 picks any free port (the tests do that). */
export const DEFAULT_PORTS: LocalCloudPorts = {
  http: 4000,
  websocket: 4001,
  eventbridge: 4002,
  dynamodb: 4003,
};

export interface LocalCloudOptions {
  readonly assemblyDir: string;
  readonly stackName: string;
  readonly ports?: Partial<LocalCloudPorts>;
  /** Keep DynamoDB data in this folder; in memory when absent. */
  readonly dbPath?: string;
  /** Multiplies AWS's retry delays (Lambda waits a minute before retrying an async event). */
  readonly delayScale?: number;
  /** Powertools log level inside the functions. */
  readonly functionLogLevel?: string;
  readonly log?: (line: Record<string, unknown>) => void;
  readonly faults?: Partial<LocalCloudFaults>;
  /**
   * Route the functions' DynamoDB requests through the throttling proxy, so that
   * `faults.throttleDynamoShare` acts (also when set while the cloud runs). On by default only when
   * that share starts above 0: the proxy is one more local hop for every request.
   */
  readonly dynamoThrottling?: boolean;
  /**
   * Authorize every call a function makes to DynamoDB, EventBridge and `@connections` against the
   * IAM policies on its role, answering AWS's AccessDeniedException when they do not allow it. On
   * by default; false lets every function call everything.
   */
  readonly iam?: boolean;
  /** Each request of every call a function makes, as IAM judged it (with `iam` on). */
  readonly onAccessChecked?: (check: AccessCheck) => void;
  /**
   * Make the functions' DynamoDB reads as consistent as DynamoDB's, no more: one that does not ask
   * for `ConsistentRead` (and every read of a global index) may see an item as it was before its
   * writes of the last `consistencyWindowMs`, a share of the time, or every time under the
   * `staleReads` fault. On by default; false gives DynamoDB Local's read-your-writes.
   */
  readonly eventualConsistency?: boolean;
  /** How long after a write an eventually consistent read may miss it (default 300 ms). */
  readonly consistencyWindowMs?: number;
  /**
   * Containers (worker threads) each function may run at once; more invocations wait for one.
   * Lambda would scale out, but here every container is another isolate on the same few cores, with
   * its own cold start and its own cold JIT, so a few busy ones serve a burst faster than many.
   */
  readonly functionConcurrency?: number;
  /** Draws the injected faults; pass a seeded generator to make a faulty run reproducible. */
  readonly random?: () => number;
  /**
   * What an invocation is about, added to its log line; the default names the event type and a
   * replay. An application adds its own keys (an id its events carry) here.
   */
  readonly describeEvent?: (event: unknown) => Record<string, string>;
  /** Also serve a built page from `distDir`, with the `config.json` that `config` makes of the endpoints. */
  readonly web?: {
    readonly port: number;
    readonly distDir: string;
    readonly config: (endpoints: LocalCloudEndpoints) => object;
  };
}

export interface LocalCloudEndpoints {
  readonly http: string;
  readonly websocket: string;
  readonly eventbridge: string;
  /** SQS (the template's queues) and CloudFormation (`DescribeStacks`) answer on EventBridge's port. */
  readonly sqs: string;
  readonly cloudformation: string;
  readonly dynamodb: string;
  readonly management: string;
}

export interface LocalCloud {
  readonly endpoints: LocalCloudEndpoints & {
    /** The page's URL, or '' when no web server was asked for. */
    readonly web: string;
  };
  readonly model: StackModel;
  readonly template: CfnTemplate;
  /**
   * The IAM check that this cloud would make with another version of its own template (a role's
   * policy changed): to replay calls recorded with `onAccessChecked` against other policies.
   */
  iamAuthorizerFor(template: CfnTemplate): IamAuthorizer;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly busNames: readonly string[];
  /** The template's outputs with their local values (queue URLs, bus name), as `DescribeStacks` gives them. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly faults: LocalCloudFaults;
  /** The failure queues' letters, whether or not an SQS client received them. */
  deadLetters(queue?: string): DeadLetter[];
  redrive(queue: string): number;
  /** The embedded metrics the functions printed, oldest first (the recent 10,000). */
  metrics(): readonly LoggedMetrics[];
  /** Resolves when no asynchronous delivery is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** What an invocation is about, for the one log line it gets: its replay and its type of event. */
export function describeEvent(event: unknown): Record<string, string> {
  if (typeof event !== 'object' || event === null) return {};
  const record = event as Record<string, unknown>;
  const context = record.requestContext as { routeKey?: unknown } | undefined;
  const eventType = record['detail-type'] ?? record.routeKey ?? context?.routeKey ?? record.type;
  const replayName = record['replay-name'];
  return {
    ...(typeof replayName === 'string' ? { replay_name: replayName } : {}),
    ...(typeof eventType === 'string' ? { event_type: eventType } : {}),
  };
}

type Log = (line: Record<string, unknown>) => void;
type LogFault = (fault: FaultKind, about: Record<string, string>) => void;

function readTemplate({ assemblyDir, stackName }: LocalCloudOptions): CfnTemplate {
  return JSON.parse(readFileSync(join(assemblyDir, `${stackName}.template.json`), 'utf8')) as CfnTemplate;
}

function faultLogger(log: Log): LogFault {
  return (fault, about) => log({ level: 'info', msg: 'fault', fault, ...about });
}

/**
 * The throttling proxy's settings, only when asked for or when throttling is on from the start: it
 * costs every DynamoDB request of the functions one more local hop.
 */
function dynamoThrottling(
  options: LocalCloudOptions,
  faults: LocalCloudFaults,
  injector: FaultInjector,
  log: Log,
): LocalDynamoOptions['throttling'] {
  if (!(options.dynamoThrottling ?? faults.throttleDynamoShare > 0)) return null;
  const logFault = faultLogger(log);
  return {
    throttle: () => injector.dynamoThrottle(),
    onThrottle: (operation) => logFault('throttle_dynamodb', { operation }),
  };
}

/** The consistency proxy's settings, unless turned off; a seeded `random` makes its draws repeat too. */
function dynamoConsistency(
  options: LocalCloudOptions,
  injector: FaultInjector,
  log: Log,
): LocalDynamoOptions['consistency'] {
  if (options.eventualConsistency === false) return null;
  const logFault = faultLogger(log);
  return {
    ...(options.consistencyWindowMs === undefined ? {} : { windowMs: options.consistencyWindowMs }),
    stale: () => injector.staleRead(DEFAULT_STALE_SHARE),
    random: options.random ?? Math.random,
    onStaleRead: (operation) => logFault('stale_read', { operation }),
  };
}

/** Lambda's retries of asynchronous events, with the faults and dead letters they log. */
function asyncInvokerOptions(
  options: LocalCloudOptions,
  injector: FaultInjector,
  log: Log,
): AsyncInvokerOptions {
  const logFault = faultLogger(log);
  return {
    delayScale: options.delayScale ?? 1 / 60,
    faults: injector,
    onFault: (fault, functionLogicalId) => logFault(fault, { function: functionLogicalId }),
    onDeadLetter: (letter) =>
      log({ level: 'warn', msg: 'dead letter', ...letter, request_payload: undefined }),
  };
}

function lambdaHostOptions(options: LocalCloudOptions, log: Log, metrics: MetricLog): LambdaHostOptions {
  return {
    maxConcurrency: options.functionConcurrency ?? DEFAULT_FUNCTION_CONCURRENCY,
    describe: options.describeEvent ?? describeEvent,
    onInvocation: (record: InvocationRecord) =>
      log({ level: record.outcome === 'ok' ? 'info' : 'error', msg: 'invocation', ...record }),
    onMetrics: (document, functionName) => {
      metrics.record(document, functionName);
      // The values and dimensions, without the EMF directive: what a metric query would show.
      const { _aws: _directive, ...values } = document;
      log({ level: 'info', msg: 'metrics', function: functionName, ...values });
    },
  };
}

function webSocketRouteConfig(api: LocalWebSocketApi): WebSocketRouteConfig {
  return {
    routeSelectionExpression: api.routeSelectionExpression,
    routes: Object.fromEntries(api.routes.map((route) => [route.routeKey, route.functionLogicalId])),
    ...(api.authorizer
      ? {
          authorizer: {
            functionName: api.authorizer.functionLogicalId,
            identitySources: [...api.authorizer.identitySources],
          },
        }
      : {}),
    stageName: api.stageName,
    apiId: api.logicalId,
  };
}

/** The template's first HTTP API and first WebSocket API, each on its port. */
async function startApis(
  model: StackModel,
  invoke: Invoke,
  ports: LocalCloudPorts,
  authorize: Authorize | undefined,
) {
  const [httpApi] = model.httpApis;
  const httpServer = httpApi ? createHttpApiServer(httpApi, invoke) : null;
  const httpPort = httpServer ? await listen(httpServer, ports.http) : 0;
  const [webSocketApi] = model.webSocketApis;
  const gatewayOptions = { port: ports.websocket, ...(authorize ? { authorize } : {}) };
  const gateway = webSocketApi
    ? await startWebSocketGateway(webSocketRouteConfig(webSocketApi), { invoke }, gatewayOptions)
    : null;
  return { httpServer, httpPort, gateway };
}

function iamAuthorizerOf(
  template: CfnTemplate,
  model: StackModel,
  tableNames: Readonly<Record<string, string>>,
  report: Pick<IamSetup, 'log' | 'onChecked'>,
): IamAuthorizer {
  return createIamAuthorizer({
    template,
    functions: new Map([...model.functions.values()].map((fn) => [fn.logicalId, fn.name])),
    context: localResolveContext({ model, tableNames, busNames: busNamesOf(model) }),
    ...report,
  });
}

/**
 * IAM for the functions' calls, unless turned off: the check that the EventBridge and `@connections`
 * servers ask, and the proxy that asks it in front of DynamoDB (after it, the throttling proxy).
 */
async function startIam(
  options: LocalCloudOptions,
  template: CfnTemplate,
  model: StackModel,
  data: Awaited<ReturnType<typeof startDynamo>>,
  log: Log,
) {
  if (options.iam === false) return null;
  const authorizer = iamAuthorizerOf(template, model, data.tableNames, {
    log,
    ...(options.onAccessChecked ? { onChecked: options.onAccessChecked } : {}),
  });
  const authorize: Authorize = (authorization, requests) => authorizer.check(authorization, requests);
  const dynamoProxy = await startDynamoIamProxy(
    data.endpoint,
    authorize,
    hashKeysOf(template, data.tableNames),
  );
  return { authorize, dynamoProxy };
}

/** Functions are created once every endpoint is known; the servers call them through `invoke`. */
function lateInvoke() {
  let host: LambdaHost | undefined;
  const invoke: Invoke = (logicalId, event, upstreamTrace) => {
    if (!host) throw new Error('local cloud is not ready');
    return host.invoke(logicalId, event, upstreamTrace);
  };
  const attach = (created: LambdaHost) => {
    host = created;
    return created;
  };
  return { invoke, attach };
}

/** SQS and CloudFormation answer on EventBridge's port, as services behind one AWS endpoint. */
function awsEndpoints(port: number) {
  const url = `http://127.0.0.1:${port}`;
  return { eventbridge: url, sqs: url, cloudformation: url };
}

/**
 * EventBridge with the services beside it (see `startEvents`), and the stack's outputs with this
 * cloud's values, which name the queues' URLs and so are known only once the port is.
 */
async function startStackEvents(
  options: LocalCloudOptions,
  template: CfnTemplate,
  model: StackModel,
  { tableNames }: { readonly tableNames: Readonly<Record<string, string>> },
  on: { invoke: Invoke; port: number; asyncOptions: AsyncInvokerOptions; authorize: Authorize | undefined },
) {
  let outputs: Record<string, string> = {};
  const stack = { name: options.stackName, createdAt: new Date(), outputs: () => outputs };
  const events = await startEvents(model, on.invoke, on.port, on.asyncOptions, stack, on.authorize);
  const context = localResolveContext({
    model,
    tableNames,
    busNames: events.busNames,
    queues: events.queues.all(),
  });
  // The APIs' outputs spell AWS hostnames; locally they are the endpoints the cloud prints.
  const apis = [...model.httpApis, ...model.webSocketApis].map((api) => api.logicalId);
  outputs = resolveOutputs(template, context, new Set(apis));
  return { events, outputs };
}

/** Every endpoint but the HTTP API's; `web` is filled once the page's server listens. */
function localEndpoints(
  eventsPort: number,
  data: { dynamo: { endpoint: string } },
  gateway: { url: string; managementEndpoint: string } | null | undefined,
) {
  return {
    websocket: gateway?.url ?? '',
    ...awsEndpoints(eventsPort),
    dynamodb: data.dynamo.endpoint,
    management: gateway?.managementEndpoint ?? '',
    web: '',
  };
}

/** The page's server when one is asked for; its URL goes into `endpoints.web`. */
async function startWeb(options: LocalCloudOptions, endpoints: LocalCloudEndpoints & { web: string }) {
  if (!options.web) return null;
  const server = createWebServer(options.web.config(endpoints), options.web.distDir);
  endpoints.web = `http://127.0.0.1:${await listen(server, options.web.port)}`;
  return server;
}

/**
 * Runs a synthesized stack on this machine: DynamoDB Local with the template's tables, an
 * EventBridge endpoint with the template's rules, the HTTP and WebSocket APIs with the template's
 * routes, and every function from its bundled asset with the template's environment, pointed at
 * these local endpoints. Nothing is listed twice: what is not in the template does not run.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const faults: LocalCloudFaults = { ...NO_FAULTS, ...options.faults };
  const injector = new FaultInjector(faults, options.random);
  const log = options.log ?? (() => undefined);
  const template = readTemplate(options);
  const model = readStackModel(template, options.assemblyDir);
  const tasks = stageTaskDirectories(model.functions.values());
  const data = await startDynamo(template, {
    port: ports.dynamodb,
    dbPath: options.dbPath,
    tablePrefix: options.stackName,
    throttling: dynamoThrottling(options, faults, injector, log),
    consistency: dynamoConsistency(options, injector, log),
  });
  const iam = await startIam(options, template, model, data, log);

  const functions = lateInvoke();
  const invoke = functions.invoke;
  const on = { invoke, port: ports.eventbridge, authorize: iam?.authorize };
  const asyncOptions = asyncInvokerOptions(options, injector, log);
  const { events, outputs } = await startStackEvents(options, template, model, data, { ...on, asyncOptions });
  const { httpServer, httpPort, gateway } = await startApis(model, invoke, ports, iam?.authorize);

  const endpoints = { http: `http://127.0.0.1:${httpPort}`, ...localEndpoints(events.port, data, gateway) };
  const webServer = await startWeb(options, endpoints);

  const hosted = hostedFunctions({
    model,
    tableNames: data.tableNames,
    busNames: events.busNames,
    // The same local values as the outputs: a function's environment may name a queue too.
    queues: events.queues.all(),
    endpoints: {
      ...endpoints,
      dynamodb: iam?.dynamoProxy.endpoint ?? data.endpoint,
    },
    taskDir: (logicalId) => tasks.taskDir(logicalId),
    functionLogLevel: options.functionLogLevel,
    accessKeyId: iam ? accessKeyOf : undefined,
  });
  const metrics = new MetricLog();
  const host = functions.attach(new LambdaHost(hosted, lambdaHostOptions(options, log, metrics)));

  return {
    endpoints,
    model,
    template,
    iamAuthorizerFor: (other) => iamAuthorizerOf(other, model, data.tableNames, { log: () => undefined }),
    tableNames: data.tableNames,
    busNames: [...events.busNames.values()],
    outputs,
    faults,
    deadLetters: (queue) => events.asyncInvoker.deadLetters(queue),
    metrics: () => metrics.all(),
    redrive: (queue) => events.asyncInvoker.redrive(queue, events.asyncTargets),
    idle: () => events.asyncInvoker.idle(),
    stop: async () => {
      await gateway?.close();
      if (httpServer) await closeServer(httpServer);
      if (webServer) await closeServer(webServer);
      await closeServer(events.eventBridge.server);
      await host.close();
      tasks.dispose();
      await iam?.dynamoProxy.stop();
      await data.stop();
    },
  };
}
