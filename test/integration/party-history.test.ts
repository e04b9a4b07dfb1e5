import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect, it } from 'vitest';
import { MessageLog, messageKey } from '#shared/adapters/dynamodb/message-log.ts';
import { readPartyRecord } from '#shared/adapters/dynamodb/party-history.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';
import { agentStartedMessage, input, uniquePartyId } from '#test/fixtures/party.ts';
import { createPartyTable, testDocumentClient, testDynamoClient } from '#test/support/dynamo.ts';

/* What `npm run history` reads of a party: its state, every message the log holds, its expiry. */

const doc = testDocumentClient();
let tableName: string;

beforeAll(async () => {
  tableName = await createPartyTable(testDynamoClient());
});

async function logStarted(log: MessageLog, partyId: string, causation?: string): Promise<void> {
  const event = {
    party_id: partyId,
    event_id: randomUUID(),
    correlation_id: 'req-1',
    occurred_at: new Date().toISOString(),
    execution_id: `exec_${randomUUID()}`,
  };
  await log.append(
    partyId,
    { event_id: event.event_id, ...(causation ? { causation_id: causation } : {}) },
    (seq) => agentStartedMessage(event, seq),
  );
}

it('reads the state, the held messages in seq order with their causation, and the expiry', async () => {
  const partyId = uniquePartyId();
  const log = new MessageLog(doc, tableName);
  await new PartyStore(doc, tableName).createParty(partyId, [input('inp_1', 'jungle theme')]);
  for (let n = 1; n <= 12; n++) await logStarted(log, partyId, n === 1 ? undefined : `cause-${n}`);
  await doc.send(new DeleteCommand({ TableName: tableName, Key: messageKey(partyId, 5) }));

  const record = await readPartyRecord(doc, tableName, partyId);
  expect(record.state?.inputs.map((each) => each.input_id)).toEqual(['inp_1']);
  expect(record.log.last_seq).toBe(12);
  expect(record.log.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
  expect(record.log.entries[0]?.causation_id).toBeNull();
  expect(record.log.entries[1]).toMatchObject({
    causation_id: 'cause-2',
    message: { seq: 2, correlation_id: 'req-1' },
  });
  const inRetention = Date.now() / 1000 + PARTY_RETENTION_SECONDS;
  expect(record.partyExpiresAt).toBeGreaterThanOrEqual(Math.floor(inRetention) - 60);
});

it('reads nothing of a party the table does not hold', async () => {
  const partyId = uniquePartyId();
  expect(await readPartyRecord(doc, tableName, partyId)).toEqual({
    partyId,
    state: null,
    log: { last_seq: 0, entries: [] },
    partyExpiresAt: null,
  });
});
