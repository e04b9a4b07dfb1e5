import { randomBytes } from 'node:crypto';

/**
 * X-Ray's trace header, `Root=1-<8 hex: epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>`, as
 * Lambda puts it in `_X_AMZN_TRACE_ID` for a function with active tracing.
 */
export interface TraceContext {
  readonly root: string;
  readonly parent: string | null;
  readonly sampled: boolean | null;
}

const ROOT = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const PARENT = /^[0-9a-f]{16}$/;

/**
 * The header's trace, or null when it has none that X-Ray would accept (EventBridge drops such a
 * header and still delivers the event). Keys are case-sensitive, as X-Ray writes them; a key other
 * than these three (Lineage, Self, application data) is carried by X-Ray and ignored here.
 */
export function parseTraceHeader(header: string): TraceContext | null {
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) return null;
    const key = part.slice(0, at).trim();
    if (fields.has(key)) return null;
    fields.set(key, part.slice(at + 1).trim());
  }
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  const sampled = fields.get('Sampled');
  if (!root || !ROOT.test(root)) return null;
  if (parent !== undefined && !PARENT.test(parent)) return null;
  if (sampled !== undefined && sampled !== '0' && sampled !== '1') return null;
  return { root, parent: parent ?? null, sampled: sampled === undefined ? null : sampled === '1' };
}

export function formatTraceHeader({ root, parent, sampled }: TraceContext): string {
  return [
    `Root=${root}`,
    ...(parent ? [`Parent=${parent}`] : []),
    ...(sampled === null ? [] : [`Sampled=${sampled ? 1 : 0}`]),
  ].join(';');
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function newTraceRoot(now: Date = new Date()): string {
  const seconds = Math.floor(now.getTime() / 1000);
  return `1-${seconds.toString(16).padStart(8, '0')}-${hex(12)}`;
}

/**
 * The header a traced invocation runs with: the upstream trace continued (EventBridge hands on the
 * PutEvents entry's), or a new trace when there is none, as Lambda starts one for an API request.
 * The parent is the segment Lambda records for this invocation, new each time. Locally every new
 * trace is sampled; an upstream decision is kept, since Lambda honours it.
 */
export function invocationTraceHeader(upstream: string | undefined, now: Date = new Date()): string {
  const continued = upstream === undefined ? null : parseTraceHeader(upstream);
  return formatTraceHeader({
    root: continued?.root ?? newTraceRoot(now),
    parent: hex(8),
    sampled: continued?.sampled ?? true,
  });
}
