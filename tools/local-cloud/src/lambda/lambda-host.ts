import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { invocationTraceHeader, parseTraceHeader } from '../trace-header.ts';

/** How a function failed, in the shape the Lambda Invoke API reports it. */
export class FunctionError extends Error {
  override readonly name = 'FunctionError';
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
  ) {
    super(`${functionName} failed: ${errorType}: ${message}`);
  }
}

export interface HostedFunction {
  readonly name: string;
  /** The function's code laid out with its layers and the runtime's SDK (see task-directories.ts). */
  readonly taskDir: string;
  /** `file.export`, as in the template's `Handler`. */
  readonly handler: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** `TracingConfig.Mode: Active`: each invocation runs with `_X_AMZN_TRACE_ID` set. */
  readonly activeTracing?: boolean;
}

export interface InvocationRecord {
  readonly function: string;
  /** What the event is about (its type, a replay, what the application adds), as the host's `describe` option tells. */
  readonly [about: string]: unknown;
  readonly request_id: string;
  readonly cold_start: boolean;
  readonly duration_ms: number;
  readonly outcome: 'ok' | 'error' | 'timeout';
  readonly error?: string;
  /** The X-Ray trace id (the header's Root) the invocation ran under, when the function is traced. */
  readonly trace_id?: string;
}

// Runs inside each worker: one worker is one warm Lambda container with its own process.env.
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
let loading;
const load = () => (loading ??= import(pathToFileURL(workerData.modulePath).href).then((module) => {
  const handler = module[workerData.exportName] ?? module.default?.[workerData.exportName];
  if (typeof handler !== 'function') throw new Error('handler ' + workerData.exportName + ' is not a function');
  return handler;
}));
parentPort.on('message', async ({ id, event, context, traceHeader }) => {
  // The runtime sets the trace header per invocation, and leaves none behind for the next one.
  if (traceHeader) process.env._X_AMZN_TRACE_ID = traceHeader;
  else delete process.env._X_AMZN_TRACE_ID;
  try {
    const handler = await load();
    const result = await handler(event, {
      ...context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
      done() {}, fail() {}, succeed() {},
    });
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) });
  }
});
`;

interface Invocation {
  readonly requestId: string;
  readonly event: unknown;
  readonly traceHeader: string | undefined;
}

interface Container {
  readonly worker: Worker;
  busy: boolean;
  warm: boolean;
}

type Reply =
  | { id: string; ok: true; result: unknown }
  | { id: string; ok: false; errorType: string; errorMessage: string };

function modulePathOf(fn: HostedFunction): { modulePath: string; exportName: string } {
  const dot = fn.handler.lastIndexOf('.');
  const file = fn.handler.slice(0, dot);
  const exportName = fn.handler.slice(dot + 1);
  const modulePath = ['.mjs', '.js', '.cjs'].map((ext) => join(fn.taskDir, `${file}${ext}`)).find(existsSync);
  if (!modulePath)
    throw new FunctionError(
      fn.name,
      'Runtime.ImportModuleError',
      `no ${file}.mjs or ${file}.js in ${fn.taskDir}`,
    );
  return { modulePath, exportName };
}

export interface LambdaHostOptions {
  /** Containers each function may run at once; more invocations wait for one. */
  readonly maxConcurrency: number;
  readonly describe?: (event: unknown) => Record<string, string>;
  readonly onInvocation?: (record: InvocationRecord) => void;
  /**
   * Each embedded-metric-format line a function prints, parsed, as CloudWatch Logs would take it
   * out of the log stream; without a listener the line is printed like any other.
   */
  readonly onMetrics?: (document: Record<string, unknown>, functionName: string) => void;
}

/**
 * Runs functions from their bundled assets, each in worker threads that play the part of Lambda
 * containers: a container handles one invocation at a time, stays warm for the next one, and is
 * thrown away when an invocation runs past the function's timeout.
 */
export class LambdaHost {
  private readonly pools = new Map<string, Container[]>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly functions: ReadonlyMap<string, HostedFunction>,
    private readonly options: LambdaHostOptions,
  ) {}

  has(name: string): boolean {
    return this.functions.has(name);
  }

  /**
   * Runs one invocation. `upstreamTrace` is the trace header the caller hands on (EventBridge's from
   * the PutEvents entry); a function with active tracing continues it, or starts a trace without one.
   */
  async invoke(name: string, event: unknown, upstreamTrace?: string): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw new FunctionError(name, 'ResourceNotFoundException', 'no such function');
    const container = await this.acquire(fn);
    const requestId = randomUUID();
    const traceHeader = fn.activeTracing ? invocationTraceHeader(upstreamTrace) : undefined;
    const coldStart = !container.warm;
    const started = performance.now();
    const record = (outcome: InvocationRecord['outcome'], error?: string) =>
      this.options.onInvocation?.({
        function: fn.name,
        ...this.options.describe?.(event),
        request_id: requestId,
        cold_start: coldStart,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
        outcome,
        ...(error ? { error } : {}),
        ...(traceHeader ? { trace_id: parseTraceHeader(traceHeader)?.root } : {}),
      });
    try {
      const reply = await this.run(fn, container, { requestId, event, traceHeader });
      container.warm = true;
      if (reply.ok) {
        record('ok');
        return reply.result;
      }
      record('error', `${reply.errorType}: ${reply.errorMessage}`);
      throw new FunctionError(fn.name, reply.errorType, reply.errorMessage);
    } catch (error) {
      if (error instanceof TimeoutError) {
        record('timeout', error.message);
        this.discard(fn.name, container);
        throw new FunctionError(fn.name, 'Sandbox.Timedout', error.message);
      }
      throw error;
    } finally {
      this.release(fn.name, container);
    }
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()].flat();
    this.pools.clear();
    await Promise.all(all.map((container) => container.worker.terminate()));
  }

  private run(fn: HostedFunction, container: Container, invocation: Invocation): Promise<Reply> {
    const { requestId, event, traceHeader } = invocation;
    return new Promise((resolve, reject) => {
      const timeoutMs = fn.timeoutSeconds * 1000;
      const timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(`Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`));
      }, timeoutMs);
      const onMessage = (reply: Reply) => {
        if (reply.id !== requestId) return;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error) => {
        cleanup();
        this.discard(fn.name, container);
        resolve({ id: requestId, ok: false, errorType: 'Runtime.ExitError', errorMessage: error.message });
      };
      const cleanup = () => {
        clearTimeout(timer);
        container.worker.off('message', onMessage);
        container.worker.off('error', onError);
      };
      container.worker.on('message', onMessage);
      container.worker.on('error', onError);
      container.worker.postMessage({
        id: requestId,
        event,
        traceHeader,
        context: {
          functionName: fn.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${fn.name}`,
          memoryLimitInMB: String(fn.memoryMb),
          awsRequestId: requestId,
          logGroupName: `/aws/lambda/${fn.name}`,
          logStreamName: 'local',
          deadline: Date.now() + timeoutMs,
        },
      });
    });
  }

  private async acquire(fn: HostedFunction): Promise<Container> {
    const pool = this.pools.get(fn.name) ?? [];
    this.pools.set(fn.name, pool);
    for (;;) {
      const idle = pool.find((container) => !container.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < this.options.maxConcurrency) {
        const container = this.spawn(fn);
        pool.push(container);
        return container;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(fn.name) ?? [];
        queue.push(resolve);
        this.waiting.set(fn.name, queue);
      });
    }
  }

  private spawn(fn: HostedFunction): Container {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: modulePathOf(fn),
      env: { ...process.env, ...fn.environment, AWS_LAMBDA_FUNCTION_NAME: fn.name },
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
      stdout: true,
    });
    worker.unref();
    createInterface({ input: worker.stdout }).on('line', (line) => this.printed(fn.name, line));
    return { worker, busy: true, warm: false };
  }

  private printed(functionName: string, line: string): void {
    const { onMetrics } = this.options;
    const document = onMetrics && line.startsWith('{"_aws"') ? emfDocument(line) : null;
    if (onMetrics && document) onMetrics(document, functionName);
    else process.stdout.write(`${line}\n`);
  }

  private release(name: string, container: Container): void {
    container.busy = false;
    this.waiting.get(name)?.shift()?.();
  }

  private discard(name: string, container: Container): void {
    const pool = this.pools.get(name) ?? [];
    this.pools.set(
      name,
      pool.filter((candidate) => candidate !== container),
    );
    void container.worker.terminate();
  }
}

/**
 * A line a function printed as EMF, parsed; null when it is not valid JSON (cut short, or a handler's
 * own text): CloudWatch Logs keeps such a line as a log line, and so does the cloud.
 */
function emfDocument(line: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
