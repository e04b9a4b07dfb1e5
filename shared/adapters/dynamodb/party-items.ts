// How one party's state is laid out over several items of its partition. Each agent's result, the
// budget and the plan are items of their own, so the writers of a busy party (five agents, the
// budget, the planner, the input routes) rarely race for the same item, and each write pays only
// for the part it changes.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PartyState } from '#shared/contracts/party.ts';
import { AGENT_NAMES, type AgentName } from '#shared/contracts/primitives.ts';

/** Every state item's sort key starts with this, so one Query reads the whole state. */
export const STATE_PREFIX = 'STATE';
export const CORE_SK = STATE_PREFIX;
export const BUDGET_SK = `${STATE_PREFIX}#BUDGET`;
export const PLAN_SK = `${STATE_PREFIX}#PLAN`;
const RESULT_PREFIX = `${STATE_PREFIX}#RESULT#`;
export const resultSk = (agent: AgentName) => `${RESULT_PREFIX}${agent}`;

/** A part's content; null when the part is absent (no result yet, no budget). */
export type PartData = Record<string, unknown> | null;

/** The stored version of every part that exists; a write is conditional on the one it read. */
export type PartVersions = ReadonlyMap<string, number>;

/** The stored expiry (epoch seconds) of every part that exists; a write never lowers one. */
export type PartExpiries = ReadonlyMap<string, number>;

/**
 * The parts of a state, keyed by sort key. `version` is the core item's own counter and
 * `updated_at` is kept per part (the state's is the latest), so neither makes the core look changed.
 */
export function partsOf(state: PartyState): Map<string, PartData> {
  const { active_agents, budget, final_plan, version: _version, updated_at: _updated, ...core } = state;
  const parts = new Map<string, PartData>([
    [CORE_SK, core],
    [BUDGET_SK, budget],
    [PLAN_SK, final_plan],
  ]);
  for (const agent of AGENT_NAMES) parts.set(resultSk(agent), active_agents[agent] ?? null);
  return parts;
}

export interface PartChange {
  readonly sk: string;
  /** Null deletes the part's item. */
  readonly data: PartData;
}

/** The parts that differ between two states, in a stable order (core first). */
export function changedParts(before: PartyState | null, after: PartyState): PartChange[] {
  const old = before ? partsOf(before) : new Map<string, PartData>();
  const changes: PartChange[] = [];
  for (const [sk, data] of partsOf(after)) {
    if (JSON.stringify(old.get(sk) ?? null) !== JSON.stringify(data)) changes.push({ sk, data });
  }
  return changes;
}

/** The later of two ISO timestamps. */
export const later = (a: string, b: string) => (a > b ? a : b);

export interface StoredPart {
  readonly sk: string;
  readonly version: number;
  readonly updated_at: string;
  readonly expires_at: number;
  readonly data: Record<string, unknown>;
}

/** The state the parts describe, or null without a core item. Unknown parts are ignored. */
export function assembleState(
  items: readonly StoredPart[],
): { state: Record<string, unknown>; versions: PartVersions; expiries: PartExpiries } | null {
  const core = items.find((item) => item.sk === CORE_SK);
  if (!core) return null;
  const versions = new Map<string, number>();
  const expiries = new Map<string, number>();
  const active_agents: Record<string, unknown> = {};
  let budget: unknown = null;
  let final_plan: unknown = null;
  let updated_at = core.updated_at;
  for (const item of items) {
    versions.set(item.sk, item.version);
    expiries.set(item.sk, item.expires_at);
    updated_at = later(item.updated_at, updated_at);
    if (item.sk === BUDGET_SK) budget = item.data;
    else if (item.sk === PLAN_SK) final_plan = item.data;
    else if (item.sk.startsWith(RESULT_PREFIX))
      active_agents[item.sk.slice(RESULT_PREFIX.length)] = item.data;
  }
  return {
    state: { ...core.data, active_agents, budget, final_plan, updated_at, version: core.version },
    versions,
    expiries,
  };
}

/**
 * A part's content as stored: deflated JSON. Results and plans are repetitive text, and DynamoDB
 * bills writes per started kilobyte, so this is what keeps most writes at one or two units.
 */
export function packData(data: Record<string, unknown>): Uint8Array {
  return deflateRawSync(JSON.stringify(data));
}

/** A state item as DynamoDB returned it. */
export function fromItem(item: Record<string, unknown>): StoredPart {
  return {
    sk: String(item.sk),
    version: Number(item.version),
    updated_at: String(item.updated_at),
    expires_at: Number(item.expires_at ?? 0),
    data: JSON.parse(inflateRawSync(item.data_z as Uint8Array).toString()) as Record<string, unknown>,
  };
}
