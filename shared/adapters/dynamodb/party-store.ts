import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DEFAULT_RETRY_POLICY, type RetryOptions, RetryTiming } from '#shared/adapters/retry.ts';
import {
  type AgentResult,
  type Budget,
  type PartyInput,
  type PartyPlan,
  PartyState,
  type PartyStats,
} from '#shared/contracts/party.ts';
import type { AgentName } from '#shared/contracts/primitives.ts';
import {
  LimitExceededError,
  PartyAlreadyExistsError,
  PartyNotFoundError,
  VersionConflictError,
} from '#shared/domain/party/errors.ts';
import { type ExpiryPlan, expiryPlan } from '#shared/domain/party/expiry.ts';
import { LIMITS } from '#shared/domain/party/limits.ts';
import { isEmptyDelta, type StatsDelta, statsDelta, sumShards } from '#shared/domain/party/stats.ts';
import {
  addInput,
  newParty,
  removeAgentResult,
  removeInput,
  setAgentResult,
  setBudget,
  setFinalPlan,
  type Transition,
} from '#shared/domain/party/transitions.ts';
import type { StateStep } from '#shared/use-cases/state-step.ts';
import { accessKey, partyKey, STATS_PK, statsShardKey } from './keys.ts';
import { extendPartyExpiry } from './party-expiry.ts';
import {
  assembleState,
  CORE_SK,
  changedParts,
  fromItem,
  later,
  type PartChange,
  type PartExpiries,
  type PartVersions,
  PLAN_SK,
  packData,
  STATE_PREFIX,
  type StoredPart,
} from './party-items.ts';
import { queryAll } from './query-all.ts';

export interface PartyStoreOptions extends RetryOptions {
  readonly statsShards?: number;
  /** Told of every lost race, and whether it was the last attempt's; the Lambda wiring counts them. */
  readonly onConflict?: (lost: { readonly exhausted: boolean }) => void;
}

export interface Mutation {
  readonly state: PartyState;
  /** False when the transition found its change already applied, and nothing was written. */
  readonly changed: boolean;
  readonly attempts: number;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What the store knows of the stored parts of a state it read or wrote. */
interface Parts {
  readonly versions: PartVersions;
  readonly expiries: PartExpiries;
}

const NO_PARTS: Parts = { versions: new Map(), expiries: new Map() };

/** What the store learned from a lost race: which part lost it, and that part as it is now. */
interface Conflict {
  readonly sk: string | null;
  readonly item: StoredPart | null;
}

/**
 * Party state on DynamoDB. Every write is conditional on the version it read; a lost race is retried
 * with jittered backoff on the item that DynamoDB returned with the failure, so no second read is
 * needed, and surfaces as VersionConflictError once the bounded attempts are spent.
 */
export class PartyStore {
  private readonly timing: RetryTiming;
  private readonly statsShards: number;
  private readonly onConflict: NonNullable<PartyStoreOptions['onConflict']>;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: PartyStoreOptions = {},
  ) {
    this.timing = new RetryTiming(options, DEFAULT_RETRY_POLICY);
    this.statsShards = options.statsShards ?? 16;
    this.onConflict = options.onConflict ?? (() => undefined);
  }

  /** Creates the party and, in the same transaction, the hash of its access token. */
  async createParty(
    partyId: string,
    initialInputs: readonly PartyInput[] = [],
    tokenHash?: string,
  ): Promise<PartyState> {
    const state = newParty(partyId, this.now(), initialInputs);
    const expires_at = expiryPlan(null, this.nowSeconds()).parts;
    const access = tokenHash
      ? [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...accessKey(partyId), token_hash: tokenHash, expires_at },
            },
          },
        ]
      : [];
    const changes = changedParts(null, state);
    try {
      const parts = await this.write(null, state, changes, access);
      return remember({ ...state, version: parts.versions.get(CORE_SK) ?? state.version }, parts);
    } catch (error) {
      if (this.conflictOf(error, changes)) throw new PartyAlreadyExistsError(partyId);
      throw error;
    }
  }

  /**
   * Strongly consistent: the first request after `start` (an add, the WebSocket connect) comes within
   * milliseconds of the write, and an eventually consistent read could still miss the token.
   */
  async getTokenHash(partyId: string): Promise<string | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: accessKey(partyId), ConsistentRead: true }),
    );
    return typeof Item?.token_hash === 'string' ? Item.token_hash : null;
  }

  async getParty(partyId: string, consistent = false): Promise<PartyState | null> {
    const items = (
      await queryAll(this.doc, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :state)',
        ExpressionAttributeValues: { ':pk': partyKey(partyId).pk, ':state': STATE_PREFIX },
        ConsistentRead: consistent,
      })
    ).map(fromItem);
    const assembled = assembleState(items);
    if (!assembled) return null;
    const { versions, expiries } = assembled;
    return remember(PartyState.parse(assembled.state), { versions, expiries });
  }

  /**
   * The party's expiry (epoch seconds) as read with `state`: its core item's, which every other
   * item's is at least; null for a state this store did not read.
   */
  expiresAt(state: PartyState): number | null {
    return partsRead.get(state)?.expiries.get(CORE_SK) ?? null;
  }

  /** The version of the party's stored plan (0 before the first): one small read, no whole state. */
  async planVersion(partyId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: partyKey(partyId).pk, sk: PLAN_SK },
        ConsistentRead: true,
      }),
    );
    if (!Item) return 0;
    const plan = fromItem(Item).data as { plan_version?: unknown };
    return typeof plan.plan_version === 'number' ? plan.plan_version : 0;
  }

  async requireParty(partyId: string, consistent = false): Promise<PartyState> {
    const state = await this.getParty(partyId, consistent);
    if (!state) throw new PartyNotFoundError(partyId);
    return state;
  }

  addInput(partyId: string, input: PartyInput): Promise<Mutation> {
    return this.mutate(partyId, (now) => addInput(input, now));
  }

  removeInput(partyId: string, inputId: string): Promise<Mutation> {
    return this.mutate(partyId, (now) => removeInput(inputId, now));
  }

  /** `known` is the state the caller already read; a stale one only costs the conditional retry. */
  setAgentResult(partyId: string, result: AgentResult, known?: PartyState): Promise<Mutation> {
    return this.mutate(partyId, (now) => setAgentResult(result, now), known);
  }

  removeAgentResult(
    partyId: string,
    agentName: AgentName,
    inputsVersion: number,
    known?: PartyState,
  ): Promise<Mutation> {
    return this.mutate(partyId, (now) => removeAgentResult(agentName, inputsVersion, now), known);
  }

  setBudget(partyId: string, budget: Budget): Promise<Mutation> {
    return this.mutate(partyId, (now) => setBudget(budget, now));
  }

  setFinalPlan(partyId: string, plan: PartyPlan): Promise<Mutation> {
    return this.mutate(partyId, (now) => setFinalPlan(plan, now));
  }

  /** Counters kept beside the parties, summed from a handful of shards: no table scan. */
  async getStats(): Promise<PartyStats> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': STATS_PK },
        ConsistentRead: true,
      }),
    );
    return sumShards(Items);
  }

  /**
   * Applies a use case's step inside the conditional write, so that what is stored was computed from
   * the state it replaces; answers the step of the attempt that was written, or null if none was
   * (then there is nothing to announce).
   */
  async applyStep<S extends StateStep>(
    partyId: string,
    step: (current: PartyState, now: string) => S,
  ): Promise<S | null> {
    const last: { step?: S } = {};
    const { changed } = await this.mutate(partyId, (now) => (current) => {
      last.step = step(current, now);
      return last.step.state;
    });
    return changed ? (last.step ?? null) : null;
  }

  /**
   * Reads, applies a pure transition and writes the parts it changed, each conditional on the
   * version it read, retrying lost races. A lost race on the core (the inputs) retries from the item
   * DynamoDB returned with the failure; derived parts (results, budget, plan) were computed from the
   * other parts too, so their retry reads the whole party again.
   */
  async mutate(
    partyId: string,
    transitionAt: (now: string) => Transition,
    known?: PartyState,
  ): Promise<Mutation> {
    let current = known && partsRead.has(known) ? known : await this.getParty(partyId, true);
    for (let attempt = 1; attempt <= this.timing.policy.maxAttempts; attempt++) {
      if (!current) throw new PartyNotFoundError(partyId);
      const next = transitionAt(this.now())(current);
      const changes = next === current ? [] : changedParts(current, next);
      if (changes.length === 0) return { state: current, changed: false, attempts: attempt };
      try {
        const parts = await this.write(current, next, changes);
        const state = remember({ ...next, version: parts.versions.get(CORE_SK) ?? next.version }, parts);
        return { state, changed: true, attempts: attempt };
      } catch (error) {
        const conflict = this.conflictOf(error, changes);
        if (!conflict) throw error;
        const exhausted = attempt === this.timing.policy.maxAttempts;
        this.onConflict({ exhausted });
        // The last lost race ends here: waiting and reading again would only delay the error.
        if (exhausted) break;
        await this.timing.backoff(attempt);
        const coreOnly = changes.every((change) => change.sk === CORE_SK);
        current =
          coreOnly && conflict.sk === CORE_SK
            ? withCore(current, conflict.item)
            : await this.getParty(partyId, true);
      }
    }
    throw new VersionConflictError(partyId, this.timing.policy.maxAttempts);
  }

  private now(): string {
    return this.timing.clock().toISOString();
  }

  private nowSeconds(): number {
    return Math.floor(this.timing.clock().getTime() / 1000);
  }

  /**
   * Writes the changed parts (and any counters) in one request, then extends the whole party when its
   * expiry is due; returns what is now stored of the parts.
   */
  private async write(
    before: PartyState | null,
    after: PartyState,
    changes: readonly PartChange[],
    alongside: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  ): Promise<Parts> {
    const known = (before && partsRead.get(before)) ?? NO_PARTS;
    const plan = expiryPlan(before ? (known.expiries.get(CORE_SK) ?? 0) : null, this.nowSeconds());
    const written = { versions: new Map(known.versions), expiries: new Map(known.expiries) };
    const operations = changes.map((change) => this.operation(after, change, plan, written));
    const delta = statsDelta(before, after);
    const [only] = operations;
    if (operations.length === 1 && isEmptyDelta(delta) && alongside.length === 0) {
      if (only?.Put) await this.doc.send(new PutCommand(only.Put));
      else if (only?.Delete) await this.doc.send(new DeleteCommand(only.Delete));
    } else {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...operations,
            ...(isEmptyDelta(delta) ? [] : [{ Update: this.statsUpdate(delta) }]),
            ...alongside,
          ],
        }),
      );
    }
    if (plan.extendTo === null) return written;
    await extendPartyExpiry(this.doc, this.tableName, after.party_id, plan.extendTo);
    for (const [sk, expiry] of written.expiries) written.expiries.set(sk, Math.max(expiry, plan.extendTo));
    return written;
  }

  /**
   * The write of one changed part, conditional on the version it read; a put also on not lowering the
   * part's expiry, which an extension of the party may have raised since it was read (the retry then
   * sees the raised one). Records the part's new version and expiry in `written`.
   */
  private operation(
    after: PartyState,
    change: PartChange,
    plan: ExpiryPlan,
    written: { versions: Map<string, number>; expiries: Map<string, number> },
  ): TransactItem {
    const previous = written.versions.get(change.sk);
    const key = { pk: partyKey(after.party_id).pk, sk: change.sk };
    const common = { TableName: this.tableName, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const };
    const created = { ConditionExpression: 'attribute_not_exists(pk)' };
    if (change.data === null) {
      written.versions.delete(change.sk);
      written.expiries.delete(change.sk);
      const condition =
        previous === undefined
          ? created
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': previous },
            };
      return { Delete: { ...common, ...condition, Key: key } };
    }
    const planned = change.sk === CORE_SK ? plan.core : plan.parts;
    const expires_at = Math.max(planned, written.expiries.get(change.sk) ?? 0);
    const condition =
      previous === undefined
        ? created
        : {
            ConditionExpression:
              'version = :expected AND (attribute_not_exists(expires_at) OR expires_at <= :expires)',
            ExpressionAttributeValues: { ':expected': previous, ':expires': expires_at },
          };
    // Bounded by the JSON it stands for, not the deflated bytes: the whole state travels as JSON.
    const bytes = Buffer.byteLength(JSON.stringify(change.data));
    if (bytes > LIMITS.partyItemBytes)
      throw new LimitExceededError('party_item_bytes', LIMITS.partyItemBytes, bytes);
    const version = (previous ?? 0) + 1;
    written.versions.set(change.sk, version);
    written.expiries.set(change.sk, expires_at);
    const item = {
      ...key,
      entity: 'party',
      version,
      updated_at: after.updated_at,
      expires_at,
      data_z: packData(change.data),
    };
    return { Put: { ...common, ...condition, Item: item } };
  }

  /** A random shard per write, so that concurrent writers rarely touch the same counter item. */
  private statsUpdate(delta: StatsDelta) {
    const counters: Record<string, number> = {
      total_parties: delta.total_parties,
      total_inputs: delta.total_inputs,
      total_agent_results: delta.total_agent_results,
    };
    for (const [status, count] of Object.entries(delta.status_counts)) counters[`status_${status}`] = count;
    const entries = Object.entries(counters).filter(([, count]) => count !== 0);
    return {
      TableName: this.tableName,
      Key: statsShardKey(Math.floor(this.timing.random() * this.statsShards)),
      UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, count], index) => [`:c${index}`, count])),
    };
  }

  /**
   * Null when the error is not a lost race; otherwise which part lost it and that part's item as
   * DynamoDB returned it (absent when it is gone or the race was with another transaction).
   */
  private conflictOf(error: unknown, changes: readonly PartChange[]): Conflict | null {
    if (error instanceof ConditionalCheckFailedException) {
      return { sk: changes[0]?.sk ?? CORE_SK, item: error.Item ? fromItem(unmarshall(error.Item)) : null };
    }
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      const change = changes[failed];
      if (change) {
        const item = reasons[failed]?.Item;
        return { sk: change.sk, item: item ? fromItem(unmarshall(item)) : null };
      }
      const raced = reasons.some((reason) => reason.Code === 'TransactionConflict');
      return raced ? { sk: null, item: null } : null;
    }
    return null;
  }
}

/** The stored parts of each state read or written by a store; never exposed, never serialised. */
const partsRead = new WeakMap<PartyState, Parts>();

function remember(state: PartyState, parts: Parts): PartyState {
  partsRead.set(state, parts);
  return state;
}

/** The state with its core replaced by the item that won the race, or null when the party is gone. */
function withCore(state: PartyState, core: StoredPart | null): PartyState | null {
  if (!core) return null;
  const known = partsRead.get(state) ?? NO_PARTS;
  const versions = new Map(known.versions).set(CORE_SK, core.version);
  const expiries = new Map(known.expiries).set(CORE_SK, core.expires_at);
  return remember(
    PartyState.parse({
      ...state,
      ...core.data,
      updated_at: later(core.updated_at, state.updated_at),
      version: core.version,
    }),
    { versions, expiries },
  );
}
