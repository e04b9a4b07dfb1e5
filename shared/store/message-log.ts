import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PartyMessage } from '#shared/messages/catalog.ts';
import { refreshRequired } from '#shared/messages/oversize.ts';
import { PartyError } from '#shared/party/errors.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/party/limits.ts';
import { queryAll } from './query-all.ts';
import { type RetryOptions, type RetryPolicy, RetryTiming } from './retry.ts';

/**
 * An event marker must outlive every redelivery of its event (EventBridge retries for 24 hours, an
 * archive replay comes later), or that event would be logged a second time under a new seq.
 */
export const EVENT_MARKER_TTL_SECONDS = 7 * 24 * 60 * 60;

/** DynamoDB allows 400 KB per item; a message that would not fit is logged as its stand-in. */
const MAX_LOGGED_MESSAGE_BYTES = 350 * 1024;

// Many broadcasts of one party race for its next seq (an input fans out to five agents at once), so
// this allows more rounds than the party store does, on shorter delays.
const APPEND_RETRY_POLICY: RetryPolicy = { maxAttempts: 25, baseDelayMs: 5, maxDelayMs: 250 };

const SEQ_WIDTH = 10;
const partyPk = (partyId: string) => `PARTY#${partyId}`;
const messageSk = (seq: number) => `MSG#${String(seq).padStart(SEQ_WIDTH, '0')}`;
export const messageKey = (partyId: string, seq: number) => ({ pk: partyPk(partyId), sk: messageSk(seq) });
export const eventMarkerKey = (partyId: string, eventId: string) => ({
  pk: partyPk(partyId),
  sk: `EVT#${eventId}`,
});

/** Every allocation of the next seq lost its race; the event's delivery is retried by the platform. */
export class SeqAllocationError extends PartyError {
  override readonly name = 'SeqAllocationError';
  readonly code = 'conflict';
  constructor(
    readonly partyId: string,
    readonly attempts: number,
  ) {
    super(`party ${partyId}: no message number after ${attempts} attempts`, { party_id: partyId, attempts });
  }
}

export interface Appended {
  readonly message: PartyMessage;
  /** True when the event had been logged before: `message` carries the seq it was given then. */
  readonly duplicate: boolean;
  readonly attempts: number;
}

/** What the log holds after `since`: every message in order, or `gap` when only a snapshot can bridge it. */
export type LogRead =
  | { readonly kind: 'messages'; readonly messages: PartyMessage[]; readonly last_seq: number }
  | { readonly kind: 'gap'; readonly last_seq: number };

export type MessageLogOptions = RetryOptions;

type Race = { readonly kind: 'duplicate'; readonly seq: number | null } | { readonly kind: 'lost' };

/**
 * A party's messages numbered 1, 2, 3... with no gap and no event twice. The message under its seq
 * and a marker for the event are written in one transaction, each only if absent: the message's
 * condition makes concurrent broadcasts take turns for a seq (no counter item to pay for), the
 * marker's makes a redelivered event find its original seq.
 */
export class MessageLog {
  private readonly timing: RetryTiming;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: MessageLogOptions = {},
  ) {
    this.timing = new RetryTiming(options, APPEND_RETRY_POLICY);
  }

  /**
   * Logs the message of one event under the party's next seq. `build` must give the same message for
   * the same seq: a redelivered event is rebuilt with the seq its first delivery got, which keeps
   * working after the logged copy has expired.
   */
  async append(partyId: string, eventId: string, build: (seq: number) => PartyMessage): Promise<Appended> {
    let last = await this.lastSeq(partyId);
    for (let attempt = 1; attempt <= this.timing.policy.maxAttempts; attempt++) {
      const message = build(last + 1);
      try {
        await this.write(partyId, eventId, last, message);
        return { message, duplicate: false, attempts: attempt };
      } catch (error) {
        const race = raceOf(error);
        if (!race) throw error;
        if (race.kind === 'duplicate') {
          const seq = race.seq ?? (await this.seqOfEvent(partyId, eventId));
          return { message: build(seq), duplicate: true, attempts: attempt };
        }
        await this.timing.backoff(attempt);
        last = await this.lastSeq(partyId);
      }
    }
    throw new SeqAllocationError(partyId, this.timing.policy.maxAttempts);
  }

  /** The highest seq handed out so far; 0 before the first message. */
  async lastSeq(partyId: string): Promise<number> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': partyPk(partyId), ':msg': 'MSG#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const [last] = Items;
    return typeof last?.seq === 'number' ? last.seq : 0;
  }

  private async seqOfEvent(partyId: string, eventId: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: eventMarkerKey(partyId, eventId),
        ConsistentRead: true,
      }),
    );
    if (typeof Item?.seq !== 'number') throw new Error(`event ${eventId} has a marker without a seq`);
    return Item.seq;
  }

  /**
   * Every message after `since` up to the current last seq, in order. A gap when part of that range is
   * gone (the party expired), when more than `max` are missing, or when the client claims a seq never
   * handed out.
   */
  async readSince(partyId: string, since: number, max: number): Promise<LogRead> {
    const last = await this.lastSeq(partyId);
    if (since > last || last - since > max) return { kind: 'gap', last_seq: last };
    if (since === last) return { kind: 'messages', messages: [], last_seq: last };
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': partyPk(partyId),
        ':from': messageSk(since + 1),
        ':to': messageSk(last),
      },
      ConsistentRead: true,
    });
    const messages = items.map((item) =>
      PartyMessage.parse(JSON.parse(inflateRawSync(item.message_z as Uint8Array).toString())),
    );
    // TTL deletes in no particular order, so a hole anywhere in the range means the log cannot bridge it.
    const complete =
      messages.length === last - since &&
      messages.every((message, index) => message.seq === since + 1 + index);
    return complete ? { kind: 'messages', messages, last_seq: last } : { kind: 'gap', last_seq: last };
  }

  private async write(partyId: string, eventId: string, last: number, message: PartyMessage): Promise<void> {
    const now = Math.floor(this.timing.clock().getTime() / 1000);
    const seq = last + 1;
    const json = JSON.stringify(message);
    const logged =
      Buffer.byteLength(json) > MAX_LOGGED_MESSAGE_BYTES
        ? JSON.stringify(refreshRequired(message, Buffer.byteLength(json)))
        : json;
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...messageKey(partyId, seq),
                entity: 'message',
                seq,
                event_id: eventId,
                // Plans and results are repetitive JSON: deflated, a message fits one write unit.
                message_z: deflateRawSync(logged),
                // As long as the party: the newest message is what numbers the next one.
                expires_at: now + PARTY_RETENTION_SECONDS,
              },
              // Taking seq n is writing message n: whoever writes it first has it.
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...eventMarkerKey(partyId, eventId),
                entity: 'message_event',
                seq,
                expires_at: now + EVENT_MARKER_TTL_SECONDS,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
  }
}

/** Null when the error is not a lost race; the marker's verdict wins over the counter's. */
function raceOf(error: unknown): Race | null {
  if (error instanceof TransactionConflictException) return { kind: 'lost' };
  if (!(error instanceof TransactionCanceledException)) return null;
  const [taken, marker] = error.CancellationReasons ?? [];
  if (marker?.Code === 'ConditionalCheckFailed') {
    const seq = marker.Item ? unmarshall(marker.Item).seq : undefined;
    return { kind: 'duplicate', seq: typeof seq === 'number' ? seq : null };
  }
  if (taken?.Code === 'ConditionalCheckFailed') return { kind: 'lost' };
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code);
  return codes.includes('TransactionConflict') ? { kind: 'lost' } : null;
}
