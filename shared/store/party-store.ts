import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  LimitExceededError,
  PartyAlreadyExistsError,
  PartyNotFoundError,
  VersionConflictError,
} from '#shared/party/errors.ts';
import { LIMITS, PARTY_RETENTION_SECONDS } from '#shared/party/limits.ts';
import { isEmptyDelta, type StatsDelta, statsDelta, sumShards } from '#shared/party/stats.ts';
import {
  addInput,
  newParty,
  removeAgentResult,
  removeInput,
  setAgentResult,
  setBudget,
  setFinalPlan,
  type Transition,
} from '#shared/party/transitions.ts';
import {
  type AgentResult,
  type Budget,
  type PartyInput,
  type PartyPlan,
  PartyState,
  type PartyStats,
} from '#shared/schemas/party.ts';
import type { AgentName } from '#shared/schemas/primitives.ts';
import { accessKey, partyKey, STATS_PK, statsShardKey } from './keys.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './retry.ts';

export interface PartyStoreOptions {
  readonly retry?: Partial<RetryPolicy>;
  readonly statsShards?: number;
  readonly clock?: () => Date;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Mutation {
  readonly state: PartyState;
  /** False when the transition found its change already applied, and nothing was written. */
  readonly changed: boolean;
  readonly attempts: number;
}

/** What the store learned from a failed conditional write: the item as it is now, when DynamoDB said. */
type Conflict = { readonly current: PartyState | null } | { readonly current: 'unknown' };

const ITEM_META = ['pk', 'sk', 'entity', 'expires_at'] as const;

/**
 * Party state on DynamoDB. Every write is conditional on the version it read; a lost race is retried
 * with jittered backoff on the item that DynamoDB returned with the failure, so no second read is
 * needed, and surfaces as VersionConflictError once the bounded attempts are spent.
 */
export class PartyStore {
  private readonly retry: RetryPolicy;
  private readonly statsShards: number;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: PartyStoreOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.statsShards = options.statsShards ?? 16;
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleep;
  }

  /** Creates the party and, in the same transaction, the hash of its access token. */
  async createParty(
    partyId: string,
    initialInputs: readonly PartyInput[] = [],
    tokenHash?: string,
  ): Promise<PartyState> {
    const state = newParty(partyId, this.now(), initialInputs);
    const access = tokenHash
      ? [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...accessKey(partyId), token_hash: tokenHash, expires_at: this.expiresAt() },
            },
          },
        ]
      : [];
    try {
      await this.write(null, state, access);
    } catch (error) {
      if (this.conflictOf(error)) throw new PartyAlreadyExistsError(partyId);
      throw error;
    }
    return { ...state, version: state.version + 1 };
  }

  async getTokenHash(partyId: string): Promise<string | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: accessKey(partyId) }),
    );
    return typeof Item?.token_hash === 'string' ? Item.token_hash : null;
  }

  async getParty(partyId: string, consistent = false): Promise<PartyState | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: partyKey(partyId), ConsistentRead: consistent }),
    );
    return Item ? toState(Item) : null;
  }

  async requireParty(partyId: string): Promise<PartyState> {
    const state = await this.getParty(partyId);
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

  removeAgentResult(partyId: string, agentName: AgentName, inputsVersion: number): Promise<Mutation> {
    return this.mutate(partyId, (now) => removeAgentResult(agentName, inputsVersion, now));
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

  /** Reads, applies a pure transition and writes it back conditionally, retrying lost races. */
  async mutate(
    partyId: string,
    transitionAt: (now: string) => Transition,
    known?: PartyState,
  ): Promise<Mutation> {
    let current = known ?? (await this.getParty(partyId, true));
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      if (!current) throw new PartyNotFoundError(partyId);
      const next = transitionAt(this.now())(current);
      if (next === current) return { state: current, changed: false, attempts: attempt };
      try {
        await this.write(current, next);
        return { state: { ...next, version: current.version + 1 }, changed: true, attempts: attempt };
      } catch (error) {
        const conflict = this.conflictOf(error);
        if (!conflict) throw error;
        await this.sleep(backoffDelay(this.retry, attempt, this.random));
        current = conflict.current === 'unknown' ? await this.getParty(partyId, true) : conflict.current;
      }
    }
    throw new VersionConflictError(partyId, this.retry.maxAttempts);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private expiresAt(): number {
    return Math.floor(this.clock().getTime() / 1000) + PARTY_RETENTION_SECONDS;
  }

  private async write(
    before: PartyState | null,
    after: PartyState,
    alongside: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  ): Promise<void> {
    const item = {
      ...partyKey(after.party_id),
      entity: 'party',
      expires_at: this.expiresAt(),
      ...after,
      version: (before?.version ?? after.version) + 1,
    };
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (bytes > LIMITS.partyItemBytes)
      throw new LimitExceededError('party_item_bytes', LIMITS.partyItemBytes, bytes);

    const put = {
      TableName: this.tableName,
      Item: item,
      ...(before
        ? {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': before.version },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const delta = statsDelta(before, after);
    if (isEmptyDelta(delta) && alongside.length === 0) {
      await this.doc.send(new PutCommand(put));
      return;
    }
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: put },
          ...(isEmptyDelta(delta) ? [] : [{ Update: this.statsUpdate(delta) }]),
          ...alongside,
        ],
      }),
    );
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
      Key: statsShardKey(Math.floor(this.random() * this.statsShards)),
      UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, count], index) => [`:c${index}`, count])),
    };
  }

  /** Null when the error is not a lost race; otherwise what DynamoDB told about the current item. */
  private conflictOf(error: unknown): Conflict | null {
    if (error instanceof ConditionalCheckFailedException) {
      return { current: error.Item ? toState(unmarshall(error.Item)) : null };
    }
    if (error instanceof TransactionCanceledException) {
      const [partyReason, statsReason] = error.CancellationReasons ?? [];
      if (partyReason?.Code === 'ConditionalCheckFailed') {
        return { current: partyReason.Item ? toState(unmarshall(partyReason.Item)) : null };
      }
      const raced = [partyReason?.Code, statsReason?.Code].some((code) => code === 'TransactionConflict');
      return raced ? { current: 'unknown' } : null;
    }
    return null;
  }
}

function toState(item: Record<string, unknown>): PartyState {
  const state: Record<string, unknown> = { ...item };
  for (const key of ITEM_META) delete state[key];
  return PartyState.parse(state);
}
