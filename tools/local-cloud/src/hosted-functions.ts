import { REGION } from './eventbridge/endpoint.ts';
import type { HostedFunction } from './lambda/lambda-host.ts';
import type { LocalQueue } from './sqs/queues.ts';
import { type Physical, type ResolveContext, referencedIds, resolveValue } from './template/intrinsics.ts';
import type { LocalFunction, StackModel } from './template/stack-model.ts';

export const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };

/** Where the functions find the local services, known only once every server listens. */
export interface FunctionEndpoints {
  readonly dynamodb: string;
  readonly eventbridge: string;
  readonly management: string;
}

export interface HostingOptions {
  readonly model: StackModel;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly busNames: ReadonlyMap<string, string>;
  /** The template's queues as this cloud serves them: a `Ref` names the URL, `Fn::GetAtt` its Arn. */
  readonly queues?: readonly Pick<LocalQueue<unknown>, 'logicalId' | 'name' | 'url' | 'arn'>[];
  readonly endpoints: FunctionEndpoints;
  readonly taskDir: (logicalId: string) => string;
  /** Powertools log level inside the functions. */
  readonly functionLogLevel?: string | undefined;
  /** The access key id each function signs with, so that IAM can tell the callers apart. */
  readonly accessKeyId?: ((logicalId: string) => string) | undefined;
}

/** The local names and ARNs that the template's `Ref` and `Fn::GetAtt` resolve to. */
export function localResolveContext({
  model,
  tableNames,
  busNames,
  queues = [],
}: Pick<HostingOptions, 'model' | 'tableNames' | 'busNames' | 'queues'>): ResolveContext {
  const physical = new Map<string, Physical>();
  for (const queue of queues) {
    physical.set(queue.logicalId, {
      ref: queue.url,
      attributes: { Arn: queue.arn, QueueName: queue.name, QueueUrl: queue.url },
    });
  }
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
  // The gateway's API id is the API's logical id, so policies on its stages name what it serves.
  for (const api of model.webSocketApis) physical.set(api.logicalId, { ref: api.logicalId });
  return {
    resources: physical,
    pseudo: {
      'AWS::Region': REGION,
      'AWS::AccountId': '000000000000',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::Partition': 'aws',
    },
  };
}

/** The template's environment of a function, resolved, then pointed at the local endpoints. */
function functionEnvironment(
  fn: LocalFunction,
  context: ResolveContext,
  webSocketIds: ReadonlySet<string>,
  options: HostingOptions,
): Record<string, string> {
  const { endpoints, functionLogLevel, accessKeyId } = options;
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    // The deployed management endpoint is the stage's https URL; locally it is the gateway's.
    const pointsAtWebSocket = [...referencedIds(value)].some((id) => webSocketIds.has(id));
    environment[name] = pointsAtWebSocket ? endpoints.management : resolveValue(value, context);
  }
  return {
    ...environment,
    ...LOCAL_CREDENTIALS,
    ...(accessKeyId ? { AWS_ACCESS_KEY_ID: accessKeyId(fn.logicalId) } : {}),
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
    ...(functionLogLevel ? { POWERTOOLS_LOG_LEVEL: functionLogLevel } : {}),
    // As on Lambda, where nothing turns them off: the cloud takes them out of the log (see metric-log.ts).
    POWERTOOLS_METRICS_DISABLED: 'false',
  };
}

/** Every function of the model as the Lambda host runs it: its staged code and its local environment. */
export function hostedFunctions(options: HostingOptions): Map<string, HostedFunction> {
  const { model, taskDir } = options;
  const context = localResolveContext(options);
  const webSocketIds = new Set(model.webSocketApis.map((api) => api.logicalId));
  const hosted = new Map<string, HostedFunction>();
  for (const fn of model.functions.values()) {
    hosted.set(fn.logicalId, {
      name: fn.name,
      taskDir: taskDir(fn.logicalId),
      handler: fn.handler,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMb: fn.memoryMb,
      activeTracing: fn.activeTracing,
      environment: functionEnvironment(fn, context, webSocketIds, options),
    });
  }
  return hosted;
}
