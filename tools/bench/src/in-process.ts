import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { VARIABLES } from '#shared/contracts/environment.ts';
import type { Consumer } from '#shared/contracts/event-routes.ts';
import type { PartyEvent } from '#shared/contracts/events.ts';
import { httpPost, lambdaContext, socketRouteEvent } from '#test/support/lambda-events.ts';
import { busDelivery, compiledRoutes } from './bus-delivery.ts';
import { countDynamoUsage, type DynamoUsage, type PartitionUnits } from './dynamo-usage.ts';
import { type HopFigures, HopTracker } from './hops.ts';
import { WARMUP_INPUT } from './party-scripts.ts';
import { startRecorder } from './recorder.ts';
import { type StackTable, startStackTable } from './stack-table.ts';
import { round } from './summary.ts';
import { type PartySession, PlanTracker, runWorkload, type WorkloadResult } from './workload.ts';

type Delivery = EventBridgeEvent<string, unknown>;
type EventHandler = (event: Delivery, context: ReturnType<typeof lambdaContext>) => Promise<void>;

/** The Lambda host's default concurrency per function, so both runs may overlap work alike. */
const CONCURRENCY_PER_CONSUMER = 10;
/** Lambda's async retry delays (60 s, 120 s), scaled as the local cloud scales them. */
const RETRY_DELAYS_SECONDS = [60, 120];

/**
 * The function whose handler is running, as each Lambda container knows its own: the handlers share
 * this process and one DynamoDB client, so the capacity counter asks this who made a call.
 */
const runningFunction = new AsyncLocalStorage<string>();

export interface InProcessResult {
  readonly workload: WorkloadResult;
  readonly per_input: {
    readonly eventbridge_events: number;
    /** PutEvents requests: a handler puts the events of one step in one request. */
    readonly eventbridge_put_requests: number;
    readonly handler_runs: number;
    readonly websocket_posts: number;
    readonly dynamodb_calls: Record<string, number>;
    readonly dynamodb_read_units: number;
    readonly dynamodb_write_units: number;
    /** Of those, what the delivery functions (the broadcaster) spent. */
    readonly delivery_read_units: number;
    readonly delivery_write_units: number;
    readonly dynamodb_by_partition: Record<string, PartitionUnits>;
  };
  /** DynamoDB capacity of opening one party: start plus one WebSocket connect (the delivery part). */
  readonly per_session: {
    readonly dynamodb_read_units: number;
    readonly dynamodb_write_units: number;
    readonly delivery_read_units: number;
    readonly delivery_write_units: number;
  };
  /** Handler runs that threw (a lost write race); retried as Lambda retries async events. */
  readonly failed_runs: number;
  readonly hops: HopFigures;
}

/** Starts deliveries in the order their events were published, at most N per consumer at a time. */
class FifoDispatcher {
  private readonly queue: {
    consumer: Consumer;
    handle: EventHandler;
    delivery: Delivery;
    attempt: number;
  }[] = [];
  private readonly running = new Map<string, number>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  runs = 0;
  failures = 0;

  constructor(private readonly delayScale: number) {}

  submit(consumer: Consumer, handle: EventHandler, delivery: Delivery, attempt = 1): void {
    this.inFlight += 1;
    this.queue.push({ consumer, handle, delivery, attempt });
    this.pump();
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (let index = 0; index < this.queue.length; ) {
      const next = this.queue[index];
      if (!next || (this.running.get(next.consumer) ?? 0) >= CONCURRENCY_PER_CONSUMER) {
        index += 1;
        continue;
      }
      this.queue.splice(index, 1);
      this.running.set(next.consumer, (this.running.get(next.consumer) ?? 0) + 1);
      this.runs += 1;
      void runningFunction
        .run(next.consumer, () => next.handle(next.delivery, lambdaContext(next.consumer)))
        .catch(() => {
          this.failures += 1;
          const delay = RETRY_DELAYS_SECONDS[next.attempt - 1];
          if (delay === undefined) return;
          // The pending retry keeps the dispatcher busy until it is submitted again.
          this.inFlight += 1;
          setTimeout(
            () => {
              this.inFlight -= 1;
              this.submit(next.consumer, next.handle, next.delivery, next.attempt + 1);
            },
            delay * 1000 * this.delayScale,
          );
        })
        .finally(() => {
          this.running.set(next.consumer, (this.running.get(next.consumer) ?? 1) - 1);
          this.inFlight -= 1;
          this.pump();
          if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}

/** The consumers' handlers from source, with their clients built from the environment just set. */
async function loadHandlers() {
  const [container, analyzer, budget, planner, broadcaster, start, addInput, connect] = await Promise.all([
    import('#shared/lambda/container.ts'),
    import('#functions/analyzer/handler.ts'),
    import('#functions/budget/handler.ts'),
    import('#functions/planner/handler.ts'),
    import('#functions/broadcaster/handler.ts'),
    import('#functions/http-start-party/handler.ts'),
    import('#functions/http-add-input/handler.ts'),
    import('#functions/ws-connect/handler.ts'),
  ]);
  const [theme, venue, cake, catering, vendor] = await Promise.all([
    import('#functions/theme-agent/handler.ts'),
    import('#functions/venue-agent/handler.ts'),
    import('#functions/cake-agent/handler.ts'),
    import('#functions/catering-agent/handler.ts'),
    import('#functions/vendor-agent/handler.ts'),
  ]);
  const consumers = new Map<Consumer, EventHandler>([
    ['analyzer', analyzer.handler],
    ['budget', budget.handler],
    ['planner', planner.handler],
    ['broadcaster', broadcaster.handler],
    ['theme_agent', theme.handler],
    ['venue_agent', venue.handler],
    ['cake_agent', cake.handler],
    ['catering_agent', catering.handler],
    ['vendor_agent', vendor.handler],
  ]);
  return { container, consumers, start: start.handler, addInput: addInput.handler, connect: connect.handler };
}

type Handlers = Awaited<ReturnType<typeof loadHandlers>>;

const API = '/api/v1/event-driven';

/** A party opened as a page opens one: start it, connect its socket, then add inputs over HTTP. */
function sessionOpener(
  handlers: Handlers,
  plans: Map<string, PlanTracker>,
  posts: ReadonlyMap<string, number>,
): () => Promise<PartySession> {
  return async () => {
    const started = await handlers.start(httpPost(`${API}/start`, {}), lambdaContext('http-start-party'));
    const body = JSON.parse(typeof started === 'string' ? started : String(started.body)) as {
      party_id: string;
      token: string;
    };
    const connectionId = randomUUID();
    const tracker = new PlanTracker();
    plans.set(connectionId, tracker);
    await runningFunction.run('ws-connect', () =>
      handlers.connect(
        socketRouteEvent(connectionId, body.party_id, '$connect'),
        lambdaContext('ws-connect'),
      ),
    );
    return {
      add: async (content) => {
        const response = await handlers.addInput(
          httpPost(`${API}/input`, { party_id: body.party_id, content }, body.token),
          lambdaContext('http-add-input'),
        );
        const status = typeof response === 'string' ? 200 : (response.statusCode ?? 200);
        if (status >= 300) throw new Error(`add input answered ${status}`);
      },
      planReached: (version, timeoutMs) => tracker.reached(version, timeoutMs),
      conflicts: () => 0,
      messages: () => posts.get(connectionId) ?? 0,
      close: async () => undefined,
    };
  };
}

/** The counters at one moment, so that a stretch of the run is the difference of two. */
interface Snapshot {
  readonly usage: DynamoUsage;
  readonly published: number;
  readonly putRequests: number;
  readonly runs: number;
  readonly failures: number;
  readonly posts: number;
}

function perInputFigures(before: Snapshot, after: Snapshot, inputs: number): InProcessResult['per_input'] {
  const perInput = (value: number) => round(value / inputs);
  const calls: Record<string, number> = {};
  for (const [name, count] of Object.entries(after.usage.calls))
    calls[name] = perInput(count - (before.usage.calls[name] ?? 0));
  return {
    eventbridge_events: perInput(after.published - before.published),
    eventbridge_put_requests: perInput(after.putRequests - before.putRequests),
    handler_runs: perInput(after.runs - before.runs),
    websocket_posts: perInput(after.posts - before.posts),
    dynamodb_calls: calls,
    dynamodb_read_units: perInput(after.usage.read_units - before.usage.read_units),
    dynamodb_write_units: perInput(after.usage.write_units - before.usage.write_units),
    delivery_read_units: perInput(after.usage.delivery_read_units - before.usage.delivery_read_units),
    delivery_write_units: perInput(after.usage.delivery_write_units - before.usage.delivery_write_units),
    dynamodb_by_partition: Object.fromEntries(
      Object.entries(after.usage.by_partition).map(([partition, spent]) => {
        const earlier = before.usage.by_partition[partition] ?? { read: 0, write: 0 };
        return [
          partition,
          { read: perInput(spent.read - earlier.read), write: perInput(spent.write - earlier.write) },
        ];
      }),
    ),
  };
}

function perSessionFigures(
  setup: DynamoUsage,
  opened: DynamoUsage,
  parties: number,
): InProcessResult['per_session'] {
  const perSession = (value: number) => round(value / parties);
  return {
    dynamodb_read_units: perSession(opened.read_units - setup.read_units),
    dynamodb_write_units: perSession(opened.write_units - setup.write_units),
    delivery_read_units: perSession(opened.delivery_read_units - setup.delivery_read_units),
    delivery_write_units: perSession(opened.delivery_write_units - setup.delivery_write_units),
  };
}

/** Counts the posts to each connection, and tells its tracker when a plan arrives. */
function countPosts(posts: Map<string, number>, plans: ReadonlyMap<string, PlanTracker>) {
  return (connectionId: string, body: string) => {
    const at = performance.now();
    posts.set(connectionId, (posts.get(connectionId) ?? 0) + 1);
    const message = JSON.parse(body) as { type?: string; payload?: { inputs_version?: unknown } };
    const version = message.payload?.inputs_version;
    if (message.type === 'plan_updated' && typeof version === 'number')
      plans.get(connectionId)?.planArrived(version, at);
  };
}

/** The container builds its clients on first use, from the environment a Lambda would have. */
function pointHandlersAt(stack: StackTable, recorderEndpoint: string): void {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
    [VARIABLES.TABLE_NAME]: stack.tableName,
    [VARIABLES.EVENT_BUS_NAME]: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: recorderEndpoint,
    [VARIABLES.WEBSOCKET_MANAGEMENT_ENDPOINT]: recorderEndpoint,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
}

/**
 * Item 2: the same handlers (their TypeScript sources, the code the bundles are built from) and the
 * same DynamoDB Local, called directly in this process. No bus, no gateway, no worker threads: the
 * handlers' SDK clients put events to a recorder that matches them against the routing table and
 * starts the consumers in publication order, and `@connections` posts land in the same recorder.
 * What is left between this and the local cloud is the emulated AWS plumbing.
 */
export async function measureInProcess(
  assemblyDir: string,
  stackName: string,
  options: { parties: number; inputsPerParty: number; timeoutMs: number; delayScale: number },
): Promise<InProcessResult> {
  const stack = await startStackTable(assemblyDir, stackName, 'bench');
  const routes = compiledRoutes();
  const dispatcher = new FifoDispatcher(options.delayScale);
  let consumers = new Map<Consumer, EventHandler>();
  const plans = new Map<string, PlanTracker>();
  const posts = new Map<string, number>();
  let published = 0;
  let putRequests = 0;
  // Only the timed run's chains are followed: the warm-up's inputs are not the ones judged.
  let hops: HopTracker | undefined;
  const recorder = await startRecorder({
    onPutEvents: () => {
      putRequests += 1;
    },
    onEvent: (entry) => {
      published += 1;
      const event = JSON.parse(entry.Detail ?? '{}') as PartyEvent;
      hops?.record(event);
      const delivery = busDelivery(event);
      for (const route of routes) {
        const handle = consumers.get(route.consumer);
        if (handle && route.matches(delivery)) dispatcher.submit(route.consumer, handle, delivery);
      }
    },
    onPost: countPosts(posts, plans),
  });

  pointHandlersAt(stack, recorder.endpoint);
  const handlers = await loadHandlers();
  consumers = handlers.consumers;
  const usage = countDynamoUsage(handlers.container.sharedDocumentClient(), () => runningFunction.getStore());
  const openSession = sessionOpener(handlers, plans, posts);
  const sessionsOf = (count: number) => Promise.all(Array.from({ length: count }, openSession));
  const postsTo = (sessions: readonly PartySession[]) =>
    sessions.reduce((sum, session) => sum + session.messages(), 0);
  const snapshot = (sessions: readonly PartySession[]): Snapshot => ({
    usage: usage(),
    published,
    putRequests,
    runs: dispatcher.runs,
    failures: dispatcher.failures,
    posts: postsTo(sessions),
  });

  try {
    // Untimed warm-up, as for the local cloud: JIT, SDK clients and connections are ready.
    await runWorkload(await sessionsOf(options.parties), 1, options.timeoutMs, () => [WARMUP_INPUT]);
    await dispatcher.idle();

    const setup = usage();
    const sessions = await sessionsOf(options.parties);
    await dispatcher.idle();
    const before = snapshot(sessions);
    hops = new HopTracker();
    const workload = await runWorkload(sessions, options.inputsPerParty, options.timeoutMs);
    await dispatcher.idle();
    const after = snapshot(sessions);
    return {
      workload,
      per_input: perInputFigures(before, after, workload.inputs),
      per_session: perSessionFigures(setup, before.usage, options.parties),
      failed_runs: after.failures - before.failures,
      hops: hops.figures(),
    };
  } finally {
    await recorder.stop();
    await stack.stop();
  }
}
