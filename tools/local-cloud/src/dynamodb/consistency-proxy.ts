import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseJsonObject, readBody } from '../aws-json-server.ts';
import { VersionHistory } from './consistency/history.ts';
import { KeyLocks } from './consistency/key-locks.ts';
import { TableShapes } from './consistency/schema.ts';
import { type StaleChoice, StaleReads } from './consistency/stale-reads.ts';
import { type Answer, Upstream, withBody } from './consistency/wire.ts';
import { RecordedWrites, WRITE_OPERATIONS } from './consistency/writes.ts';
import { type DynamoProxy, serveDynamoProxy } from './proxy-server.ts';

/**
 * How long after a write an eventually consistent read may still miss it. AWS says reads are
 * usually consistent within a second; a few hundred milliseconds keeps a test run quick while
 * still longer than the hops of one request through the pipeline.
 */
export const DEFAULT_CONSISTENCY_WINDOW_MS = 300;

/**
 * The share of reads that could see an older image and do, unless the `staleReads` fault makes
 * that every one: often enough that a reliance on read-your-writes shows up in a normal test run.
 */
export const DEFAULT_STALE_SHARE = 0.5;

export interface DynamoConsistencyProxyOptions extends Partial<StaleChoice> {
  /** DynamoDB Local's endpoint, e.g. `http://127.0.0.1:4003`. */
  readonly upstream: string;
  readonly windowMs?: number;
  /** Milliseconds; injectable so that a test can step over the window. */
  readonly now?: () => number;
  /** Told the operation of each read answered with older images. */
  readonly onStaleRead?: (operation: string) => void;
}

export type DynamoConsistencyProxy = DynamoProxy;

type Rewrite = (
  input: Record<string, unknown>,
  fresh: Record<string, unknown>,
  auth?: string,
) => Promise<Record<string, unknown> | null>;

function reply(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, answer.statusMessage, [...answer.rawHeaders]);
  response.end(answer.body);
}

/**
 * Sits between the functions and DynamoDB Local, which is always strongly consistent, and makes its
 * reads as consistent as DynamoDB's: a read that does not ask for `ConsistentRead` (and every read
 * of a global secondary index) may see items as they were before the writes of the last
 * `windowMs`, or not see items those writes created. Strongly consistent reads, TransactGetItems and
 * every write go to DynamoDB Local's one copy unchanged. (A strongly consistent read of a global
 * index DynamoDB Local already refuses with AWS's ValidationException.)
 */
export async function startDynamoConsistencyProxy(
  options: DynamoConsistencyProxyOptions,
): Promise<DynamoConsistencyProxy> {
  const agent = new Agent({ keepAlive: true });
  const upstream = new Upstream(options.upstream, agent);
  const shapes = new TableShapes(upstream);
  const history = new VersionHistory(
    options.windowMs ?? DEFAULT_CONSISTENCY_WINDOW_MS,
    options.now ?? Date.now,
  );
  const writes = new RecordedWrites(upstream, shapes, history, new KeyLocks());
  const random = options.random ?? Math.random;
  const stale = options.stale ?? (() => random() < DEFAULT_STALE_SHARE);
  const reads = new StaleReads(history, shapes, { stale, random });
  const rewrites = new Map<string, Rewrite>([
    ['GetItem', (input, fresh, auth) => reads.getItem(input, fresh, auth)],
    ['BatchGetItem', (input, fresh, auth) => reads.batchGetItem(input, fresh, auth)],
    ['Query', (input, fresh, auth) => reads.items(input, fresh, auth)],
    ['Scan', (input, fresh, auth) => reads.items(input, fresh, auth)],
  ]);
  const answer = async (incoming: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(incoming);
    const target = String(incoming.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    const rewrite = rewrites.get(operation);
    const write = WRITE_OPERATIONS.has(operation);
    // Only a request this proxy may act on is read; any other goes by as it came.
    const input = rewrite || write ? parseJsonObject(body) : null;
    if (input && write) return reply(response, await writes.forward(incoming, body, operation, input));
    const fresh = await upstream.forward(incoming, body);
    // With no write in the window there is no older image to show: the answer goes back unread.
    const freshJson =
      rewrite && input && fresh.status === 200 && !history.empty ? parseJsonObject(fresh.body) : null;
    // A read this cannot make sense of is answered as DynamoDB Local answered it.
    const older =
      rewrite && input && freshJson
        ? await rewrite(input, freshJson, incoming.headers.authorization).catch(() => null)
        : null;
    if (older) options.onStaleRead?.(operation);
    reply(response, older ? withBody(fresh, older) : fresh);
  };
  return serveDynamoProxy(answer, agent);
}
