import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { closeServer, listen } from './aws-json-server.ts';
import { startDynamoDbLocal } from './dynamodb/local.ts';
import { startDynamoThrottleProxy } from './dynamodb/throttle-proxy.ts';
import { LocalEventBridge, REGION } from './eventbridge/endpoint.ts';
import { FaultInjector, type FaultKind, type LocalCloudFaults, NO_FAULTS } from './faults.ts';
import { createHttpApiServer } from './http-api/server.ts';
import { AsyncInvoker, type AsyncTarget, type DeadLetter } from './lambda/async-invoker.ts';
import { type HostedFunction, type InvocationRecord, LambdaHost } from './lambda/lambda-host.ts';
import { stageTaskDirectories } from './lambda/task-directories.ts';
import { deadLetterAdmin } from './sqs/dead-letter-admin.ts';
import { type Physical, referencedIds, resolveValue } from './template/intrinsics.ts';
import { readStackModel, type StackModel } from './template/stack-model.ts';
import { type CfnTemplate, createTable, tablesFromTemplate } from './template/tables.ts';
import { createWebServer } from './web-server.ts';
import { startWebSocketGateway } from './websocket/gateway.ts';

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
  readonly dynamodb: string;
  readonly management: string;
}

export interface LocalCloud {
  readonly endpoints: LocalCloudEndpoints & {
    /** The page's URL, or '' when no web server was asked for. */
    readonly web: string;
  };
  readonly model: StackModel;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly busNames: readonly string[];
  readonly faults: LocalCloudFaults;
  deadLetters(queue?: string): DeadLetter[];
  redrive(queue: string): number;
  /** Resolves when no asynchronous delivery is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

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

async function createTables(
  endpoint: string,
  template: CfnTemplate,
  prefix: string,
): Promise<Record<string, string>> {
  const client = new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: {
      accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  const names: Record<string, string> = {};
  for (const table of tablesFromTemplate(template)) {
    const name = `${prefix}-${table.logicalId}`;
    names[table.logicalId] = name;
    if (existing.has(name)) continue;
    await createTable(client, name, table);
  }
  client.destroy();
  return names;
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
  const logFault = (fault: FaultKind, about: Record<string, string>) =>
    log({ level: 'info', msg: 'fault', fault, ...about });
  const template = JSON.parse(
    readFileSync(join(options.assemblyDir, `${options.stackName}.template.json`), 'utf8'),
  ) as CfnTemplate;
  const model = readStackModel(template, options.assemblyDir);
  const tasks = stageTaskDirectories(model.functions.values());

  const dynamo = await startDynamoDbLocal({
    port: ports.dynamodb,
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
  });
  const tableNames = await createTables(dynamo.endpoint, template, options.stackName);
  // Only when asked for, or when throttling is on from the start: it costs every DynamoDB request of
  // the functions one more local hop.
  const dynamoProxy =
    (options.dynamoThrottling ?? faults.throttleDynamoShare > 0)
      ? await startDynamoThrottleProxy({
          upstream: dynamo.endpoint,
          throttle: () => injector.dynamoThrottle(),
          onThrottle: (operation) => logFault('throttle_dynamodb', { operation }),
        })
      : null;

  // Functions are created once every endpoint is known; the servers call them through this.
  let host: LambdaHost | undefined;
  const invoke = (logicalId: string, event: unknown) => {
    if (!host) throw new Error('local cloud is not ready');
    return host.invoke(logicalId, event);
  };
  const asyncTargets = new Map<string, AsyncTarget>(
    [...model.functions.values()].map((fn) => [
      fn.logicalId,
      {
        functionLogicalId: fn.logicalId,
        asyncRetries: fn.asyncRetries,
        maxEventAgeSeconds: fn.maxEventAgeSeconds,
        onFailureQueue: fn.onFailureQueue,
      },
    ]),
  );
  const asyncInvoker = new AsyncInvoker(invoke, {
    delayScale: options.delayScale ?? 1 / 60,
    faults: injector,
    onFault: (fault, functionLogicalId) => logFault(fault, { function: functionLogicalId }),
    onDeadLetter: (letter) =>
      log({ level: 'warn', msg: 'dead letter', ...letter, request_payload: undefined }),
  });

  const busNames = new Map(model.buses.map((bus) => [bus.logicalId, bus.name]));
  const eventBridge = new LocalEventBridge(
    [...busNames.values()],
    model.rules.map((rule) => ({
      name: rule.logicalId,
      busName: busNames.get(rule.busLogicalId) ?? 'default',
      description: rule.description,
      pattern: rule.pattern,
    })),
    (rule, event) => {
      const definition = model.rules.find((candidate) => candidate.logicalId === rule.name);
      for (const target of definition?.targets ?? []) {
        const asyncTarget = asyncTargets.get(target.functionLogicalId);
        if (asyncTarget) asyncInvoker.deliverFromRule(target, asyncTarget, event);
      }
    },
    model.archives.map((archive) => ({
      name: archive.name,
      busName: busNames.get(archive.busLogicalId) ?? 'default',
      description: archive.description,
      pattern: archive.pattern,
      retentionDays: archive.retentionDays,
    })),
    deadLetterAdmin({
      deadLetters: (queue) => asyncInvoker.deadLetters(queue),
      redrive: (queue) => asyncInvoker.redrive(queue, asyncTargets),
    }),
  );
  const eventBridgePort = await listen(eventBridge.server, ports.eventbridge);

  const [httpApi] = model.httpApis;
  const httpServer = httpApi ? createHttpApiServer(httpApi, invoke) : null;
  const httpPort = httpServer ? await listen(httpServer, ports.http) : 0;

  const [webSocketApi] = model.webSocketApis;
  const gateway = webSocketApi
    ? await startWebSocketGateway(
        {
          routeSelectionExpression: webSocketApi.routeSelectionExpression,
          routes: Object.fromEntries(
            webSocketApi.routes.map((route) => [route.routeKey, route.functionLogicalId]),
          ),
          ...(webSocketApi.authorizer
            ? {
                authorizer: {
                  functionName: webSocketApi.authorizer.functionLogicalId,
                  identitySources: [...webSocketApi.authorizer.identitySources],
                },
              }
            : {}),
          stageName: webSocketApi.stageName,
          apiId: webSocketApi.logicalId,
        },
        { invoke },
        { port: ports.websocket },
      )
    : null;

  const endpoints = {
    http: `http://127.0.0.1:${httpPort}`,
    websocket: gateway?.url ?? '',
    eventbridge: `http://127.0.0.1:${eventBridgePort}`,
    dynamodb: dynamo.endpoint,
    management: gateway?.managementEndpoint ?? '',
    web: '',
  };
  const webServer = options.web ? createWebServer(options.web.config(endpoints), options.web.distDir) : null;
  if (webServer && options.web)
    endpoints.web = `http://127.0.0.1:${await listen(webServer, options.web.port)}`;

  const physical = new Map<string, Physical>();
  for (const [logicalId, name] of Object.entries(tableNames)) {
    physical.set(logicalId, {
      ref: name,
      attributes: { Arn: `arn:aws:dynamodb:${REGION}:000000000000:table/${name}` },
    });
  }
  for (const [logicalId, name] of busNames) {
    physical.set(logicalId, {
      ref: name,
      attributes: { Arn: `arn:aws:events:${REGION}:000000000000:event-bus/${name}`, Name: name },
    });
  }
  for (const fn of model.functions.values()) physical.set(fn.logicalId, { ref: fn.name });
  const webSocketIds = new Set(model.webSocketApis.map((api) => api.logicalId));
  const context = {
    resources: physical,
    pseudo: {
      'AWS::Region': REGION,
      'AWS::AccountId': '000000000000',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::Partition': 'aws',
    },
  };

  const hosted = new Map<string, HostedFunction>();
  for (const fn of model.functions.values()) {
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(fn.environment)) {
      // The deployed management endpoint is the stage's https URL; locally it is the gateway's.
      const pointsAtWebSocket = [...referencedIds(value)].some((id) => webSocketIds.has(id));
      environment[name] = pointsAtWebSocket ? endpoints.management : resolveValue(value, context);
    }
    hosted.set(fn.logicalId, {
      name: fn.name,
      taskDir: tasks.taskDir(fn.logicalId),
      handler: fn.handler,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMb: fn.memoryMb,
      environment: {
        ...environment,
        ...LOCAL_CREDENTIALS,
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy?.endpoint ?? dynamo.endpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
        ...(options.functionLogLevel ? { POWERTOOLS_LOG_LEVEL: options.functionLogLevel } : {}),
      },
    });
  }
  host = new LambdaHost(hosted, {
    maxConcurrency: options.functionConcurrency ?? DEFAULT_FUNCTION_CONCURRENCY,
    describe: options.describeEvent ?? describeEvent,
    onInvocation: (record: InvocationRecord) =>
      log({ level: record.outcome === 'ok' ? 'info' : 'error', msg: 'invocation', ...record }),
  });

  return {
    endpoints,
    model,
    tableNames,
    busNames: [...busNames.values()],
    faults,
    deadLetters: (queue) => asyncInvoker.deadLetters(queue),
    redrive: (queue) => asyncInvoker.redrive(queue, asyncTargets),
    idle: () => asyncInvoker.idle(),
    stop: async () => {
      await gateway?.close();
      if (httpServer) await closeServer(httpServer);
      if (webServer) await closeServer(webServer);
      await closeServer(eventBridge.server);
      await host?.close();
      tasks.dispose();
      await dynamoProxy?.stop();
      await dynamo.stop();
    },
  };
}
