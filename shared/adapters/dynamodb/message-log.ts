import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { HeldLog, LoggedMessage } from '#shared/contracts/history.ts';
import { PartyMessage } from '#shared/contracts/messages.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';
import { refreshRequired } from '#shared/use-cases/broadcast/oversize.ts';
import { IN_FLIGHT_MS, type LogRead } from '#shared/use-cases/resume.ts';
import { partyKey } from './keys.ts';
import { queryAll } from './query-all.ts';

/** DynamoDB allows 400 KB per item; a message that would not fit is logged as its stand-in. */
const MAX_LOGGED_MESSAGE_BYTES = 350 * 1024;

/**
 * The head remembers the events it numbered last, so that a redelivery finds its seq. Pruned from
 * `RECENT_MAX` back to `RECENT_KEPT`, which keeps the head under one kilobyte: one write unit per
 * message. A redelivery that comes after more newer messages than that is numbered anew.
 */
export const RECENT_MAX = 64;
export const RECENT_KEPT = 32;

const SEQ_WIDTH = 10;
const RECENT_PREFIX = '~';
const MESSAGE_SK_PREFIX = 'MSG#';
const partyPk = (partyId: string) => partyKey(partyId).pk;
const messageSk = (seq: number) => `${MESSAGE_SK_PREFIX}${String(seq).padStart(SEQ_WIDTH, '0')}`;
export const messageKey = (partyId: string, seq: number) => ({ pk: partyPk(partyId), sk: messageSk(seq) });
export const logHeadKey = (partyId: string) => ({ pk: partyPk(partyId), sk: 'LOG' });

/** 48 bits of the event id: unique among a party's last few dozen events, and small in the head. */
const recentName = (eventId: string) =>
  RECENT_PREFIX + createHash('sha256').update(eventId).digest('base64url').slice(0, 8);

/** What the log keeps of the event a message stands for. */
export interface LoggedEvent {
  readonly event_id: string;
  readonly causation_id?: string;
}

export interface Appended<T> {
  readonly message: PartyMessage;
  /** True when the event had been numbered before: `message` carries the seq it was given then. */
  readonly duplicate: boolean;
  /** What the work done alongside the write gave back, if there was any. */
  readonly alongside: T | undefined;
}

export interface MessageLogOptions {
  readonly clock?: () => Date;
}

interface Head {
  readonly last_seq: number;
  readonly allocated_at: number;
  readonly recent: ReadonlyMap<string, number>;
}

/**
 * A party's messages numbered 1, 2, 3... with no gap and no event twice. A head item per party hands
 * out seqs with an atomic counter and remembers the events it numbered, in one conditional update: a
 * new event gets the next seq without ever losing a race, a redelivered one finds the seq it had.
 * Each message is then written under its seq. A writer that dies between the two leaves a hole
 * until its event is redelivered, which writes the same message under the same seq.
 */
export class MessageLog {
  private readonly clock: () => Date;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: MessageLogOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Logs the message of one event under the party's next seq. `build` must give the same message for
   * the same seq: a redelivered event is rebuilt with the seq its first delivery got. `alongside`
   * runs while the message is written (its seq is settled once numbered, so posting it need not wait).
   */
  async append<T = undefined>(
    partyId: string,
    event: LoggedEvent,
    build: (seq: number) => PartyMessage,
    alongside?: (message: PartyMessage) => Promise<T>,
  ): Promise<Appended<T>> {
    const now = this.clock().getTime();
    const numbered = await this.number(partyId, recentName(event.event_id), now);
    const message = build(numbered.seq);
    const [, done] = await Promise.all([
      this.write(partyId, event, message, numbered.allocatedAt, numbered.duplicate),
      alongside?.(message),
    ]);
    if (numbered.head) await this.prune(partyId, numbered.head);
    return { message, duplicate: numbered.duplicate, alongside: done };
  }

  /** The highest seq handed out so far; 0 before the first message. */
  async lastSeq(partyId: string): Promise<number> {
    return (await this.head(partyId)).last_seq;
  }

  /**
   * Every message after `since` up to the current last seq, in order. A seq still being written ends
   * the read early (`writing`, with the messages before it); a gap when part of the range is gone
   * (the party expired, a writer died), when more than `max` are missing, or when the client claims a
   * seq never handed out.
   */
  async readSince(partyId: string, since: number, max: number): Promise<LogRead> {
    const head = await this.head(partyId);
    const last = head.last_seq;
    if (since > last || last - since > max) return { kind: 'gap', last_seq: last };
    if (since === last) return { kind: 'messages', messages: [], last_seq: last };
    const items = await queryAll(this.doc, this.rangeQuery(partyId, since + 1, last));
    const bySeq = new Map(items.map((item) => [Number(item.seq), item]));
    const messages: PartyMessage[] = [];
    for (let seq = since + 1; seq <= last; seq++) {
      const item = bySeq.get(seq);
      if (item) {
        messages.push(messageOf(item));
        continue;
      }
      // Seqs are handed out in time order, so a hole is no younger than the next seq handed out.
      const later = items.find((candidate) => Number(candidate.seq) > seq);
      const allocatedAt = later ? Number(later.allocated_at) : head.allocated_at;
      if (this.clock().getTime() - allocatedAt > IN_FLIGHT_MS) return { kind: 'gap', last_seq: last };
      return { kind: 'writing', messages, last_seq: last };
    }
    return { kind: 'messages', messages, last_seq: last };
  }

  /**
   * Hands out the next seq, or finds the one the event already has. Returns the head as it is after a
   * new seq, so that the caller can prune it.
   */
  private async number(
    partyId: string,
    name: string,
    now: number,
  ): Promise<{ seq: number; allocatedAt: number; duplicate: boolean; head: Head | null }> {
    try {
      const { Attributes = {} } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: logHeadKey(partyId),
          // Every SET reads the item as it was before the update: both get the same new seq.
          UpdateExpression:
            'SET last_seq = if_not_exists(last_seq, :zero) + :one, #event = if_not_exists(last_seq, :zero) + :one, allocated_at = :now, expires_at = :expires',
          ConditionExpression: 'attribute_not_exists(#event)',
          ExpressionAttributeNames: { '#event': name },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':one': 1,
            ':now': now,
            ':expires': Math.floor(now / 1000) + PARTY_RETENTION_SECONDS,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const head = headOf(Attributes);
      return { seq: head.last_seq, allocatedAt: now, duplicate: false, head };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      const old = unmarshall(error.Item);
      const seq = old[name];
      if (typeof seq !== 'number') throw error;
      return { seq, allocatedAt: Number(old.allocated_at), duplicate: true, head: null };
    }
  }

  /**
   * Writes message `seq`. A redelivery writes it only if it is missing, which repairs a first delivery
   * that died between numbering and writing and leaves a written one as it is.
   */
  private async write(
    partyId: string,
    event: LoggedEvent,
    message: PartyMessage,
    allocatedAt: number,
    repairOnly: boolean,
  ): Promise<void> {
    const json = JSON.stringify(message);
    const logged =
      Buffer.byteLength(json) > MAX_LOGGED_MESSAGE_BYTES
        ? JSON.stringify(refreshRequired(message, Buffer.byteLength(json)))
        : json;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...messageKey(partyId, message.seq),
            entity: 'message',
            seq: message.seq,
            event_id: event.event_id,
            // Not in the message (browsers have no use for it): kept for the party's history.
            ...(event.causation_id ? { causation_id: event.causation_id } : {}),
            allocated_at: allocatedAt,
            // Plans and results are repetitive JSON: deflated, a message fits one write unit.
            message_z: deflateRawSync(logged),
            // As long as the party: a resume must reach back to any message the party still holds.
            expires_at: Math.floor(this.clock().getTime() / 1000) + PARTY_RETENTION_SECONDS,
          },
          ...(repairOnly ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
    } catch (error) {
      if (!(repairOnly && error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Forgets the oldest numbered events once the head holds `RECENT_MAX`; concurrent prunes agree. */
  private async prune(partyId: string, head: Head): Promise<void> {
    if (head.recent.size < RECENT_MAX) return;
    const oldest = [...head.recent.entries()]
      .sort(([, a], [, b]) => a - b)
      .slice(0, head.recent.size - RECENT_KEPT)
      .map(([name]) => name);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: logHeadKey(partyId),
        UpdateExpression: `REMOVE ${oldest.map((_, index) => `#r${index}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(oldest.map((name, index) => [`#r${index}`, name])),
      }),
    );
  }

  /**
   * Everything the log still holds of the party, in seq order, with what each item keeps beside its
   * message: for an operator reading the party's history, not for a resume (no bound, no waiting).
   */
  async held(partyId: string): Promise<HeldLog> {
    const head = await this.head(partyId);
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :message)',
      ExpressionAttributeValues: { ':pk': partyPk(partyId), ':message': MESSAGE_SK_PREFIX },
      ConsistentRead: true,
    });
    // `messageOf` has checked the message against its schema; the rest are the item's own numbers.
    const entries = items.map(
      (item): LoggedMessage => ({
        seq: Number(item.seq),
        allocated_at: Number(item.allocated_at),
        expires_at: Number(item.expires_at),
        causation_id: typeof item.causation_id === 'string' ? item.causation_id : null,
        message: messageOf(item),
      }),
    );
    return { last_seq: head.last_seq, entries: entries.sort((a, b) => a.seq - b.seq) };
  }

  private async head(partyId: string): Promise<Head> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: logHeadKey(partyId), ConsistentRead: true }),
    );
    return headOf(Item ?? {});
  }

  private rangeQuery(partyId: string, from: number, to: number): QueryCommandInput {
    return {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': partyPk(partyId), ':from': messageSk(from), ':to': messageSk(to) },
      ConsistentRead: true,
    };
  }
}

/** A logged message as it was sent (or its stand-in, when it was too big to log). */
function messageOf(item: Record<string, unknown>): PartyMessage {
  return PartyMessage.parse(JSON.parse(inflateRawSync(item.message_z as Uint8Array).toString()));
}

function headOf(item: Record<string, unknown>): Head {
  const recent = new Map<string, number>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(RECENT_PREFIX) && typeof value === 'number') recent.set(name, value);
  }
  return {
    last_seq: typeof item.last_seq === 'number' ? item.last_seq : 0,
    allocated_at: typeof item.allocated_at === 'number' ? item.allocated_at : 0,
    recent,
  };
}
