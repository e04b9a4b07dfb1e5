import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PartyError } from '#shared/domain/party/errors.ts';
import { partyKey } from './keys.ts';

/** A quota window's sort key starts with this; its item has a TTL of its own, minutes away. */
export const QUOTA_PREFIX = 'QUOTA#';

export class RateLimitedError extends PartyError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  constructor(
    readonly partyId: string,
    readonly limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `party ${partyId} made more than ${limit} changes this minute; try again in ${retryAfterSeconds} s`,
      {
        party_id: partyId,
        limit,
        window_seconds: 60,
        retry_after_seconds: retryAfterSeconds,
      },
    );
  }
}

/** One change counted against a party's quota: the window's counter item it was counted in. */
export interface QuotaUse {
  readonly partyId: string;
  readonly window: number;
}

/**
 * A per-party budget of changes per minute, so one party (or one leaked token) cannot flood the
 * pipeline. A fixed one-minute window in one counter item: the condition refuses the write past the
 * limit, so a refused request changes nothing, the counter included.
 */
export class PartyQuota {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limitPerMinute: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async consume(partyId: string): Promise<QuotaUse> {
    const nowSeconds = Math.floor(this.clock().getTime() / 1000);
    const window = nowSeconds - (nowSeconds % 60);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(partyId, window),
          UpdateExpression: 'ADD used :one SET expires_at = :expires',
          ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': this.limitPerMinute, ':expires': window + 120 },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new RateLimitedError(partyId, this.limitPerMinute, window + 60 - nowSeconds);
      }
      throw error;
    }
    return { partyId, window };
  }

  /**
   * Gives back a change that did not happen (refused by the party's rules, or a retry of one already
   * made): only changes count against the quota. Never below zero, even if the window was reset.
   */
  async refund(use: QuotaUse): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(use.partyId, use.window),
          UpdateExpression: 'ADD used :minusOne',
          ConditionExpression: 'used > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private key(partyId: string, window: number) {
    return { pk: partyKey(partyId).pk, sk: `${QUOTA_PREFIX}${window}` };
  }
}
