import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessageLog } from '#shared/adapters/dynamodb/message-log.ts';
import { extendPartyExpiry } from '#shared/adapters/dynamodb/party-expiry.ts';
import { PartyQuota } from '#shared/adapters/dynamodb/party-quota.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import type { PartyMessage } from '#shared/contracts/messages.ts';
import { EXPIRY_REFRESH_SECONDS } from '#shared/domain/party/expiry.ts';
import { PARTY_RETENTION_SECONDS } from '#shared/domain/party/limits.ts';
import { agentResult, agentStartedMessage, input, uniquePartyId } from '#test/fixtures/party.ts';
import { createPartyTable, testDocumentClient, testDynamoClient } from '#test/support/dynamo.ts';

const doc = testDocumentClient();
let tableName: string;

beforeAll(async () => {
  tableName = await createPartyTable(testDynamoClient());
});

const HOUR = 3600;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-01-01T00:00:00.000Z') / 1000;

type Command = Parameters<typeof doc.send>[0];

/** A store and a message log on one injected clock, and the name of every command they send. */
function partyAt(startSeconds = T0) {
  let nowSeconds = startSeconds;
  const clock = () => new Date(nowSeconds * 1000);
  const commands: Command[] = [];
  const recording = Object.create(doc) as typeof doc;
  recording.send = ((command: Command) => {
    commands.push(command);
    return doc.send(command);
  }) as typeof doc.send;
  return {
    partyId: uniquePartyId(),
    store: new PartyStore(recording, tableName, { clock }),
    log: new MessageLog(recording, tableName, { clock }),
    quota: new PartyQuota(recording, tableName, 60, clock),
    commands,
    now: () => nowSeconds,
    advance: (seconds: number) => {
      nowSeconds += seconds;
    },
  };
}

type Party = ReturnType<typeof partyAt>;

function message(partyId: string, seq: number): PartyMessage {
  const event_id = `evt_${seq}`;
  const occurred_at = '2026-01-01T00:00:00.000Z';
  return agentStartedMessage(
    { party_id: partyId, event_id, correlation_id: 'corr', occurred_at, execution_id: `exec_${seq}` },
    seq,
  );
}

/** A party with every kind of item: access, core, a result, budget, plan, log head and messages. */
async function fullParty(party: Party) {
  const { partyId, store, log } = party;
  await store.createParty(partyId, [input('inp_1', 'a birthday party for 10 kids')], 'hash');
  await store.setAgentResult(partyId, agentResult('theme_agent', 1));
  await store.setBudget(partyId, {
    total_budget: { min: 100, max: 200 },
    breakdown: { theme: { min: 100, max: 200 } },
    based_on_agents: ['theme_agent'],
    inputs_version: 1,
  });
  await store.setFinalPlan(partyId, {
    completion_percent: 10,
    recommendations: [],
    next_steps: [],
    active_agents: [],
    missing_agents: [],
    checklist_summary: { total_tasks: 0, completed_tasks: 0, pending_tasks: 0 },
    budget_summary: null,
    inputs_version: 1,
  });
  for (const id of ['evt_1', 'evt_2'])
    await log.append(partyId, { event_id: id }, (seq) => message(partyId, seq));
}

/** One change of the inputs: adds the day's input, or removes the one added before. */
async function change(party: Party, index: number) {
  if (index % 2 === 1) await party.store.addInput(party.partyId, input(`inp_day_${index}`));
  else await party.store.removeInput(party.partyId, `inp_day_${index - 1}`);
}

/** Every item of the party's partition: sort key and expiry. */
async function expiries(partyId: string): Promise<Map<string, number>> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `PARTY#${partyId}` },
      ConsistentRead: true,
    }),
  );
  return new Map(Items.map((item) => [String(item.sk), Number(item.expires_at)]));
}

const EVERY_KIND = ['ACCESS', 'STATE', 'STATE#RESULT#theme_agent', 'STATE#BUDGET', 'STATE#PLAN', 'LOG'];
const MESSAGES = ['MSG#0000000001', 'MSG#0000000002'];

/** The extensions of the party's items: each ends with the core's (see extendPartyExpiry). */
const extensions = (commands: readonly Command[]) =>
  commands.filter(
    (command) =>
      command.constructor.name === 'UpdateCommand' &&
      (command.input as { Key?: { sk?: string } }).Key?.sk === 'STATE',
  ).length;

describe('party expiry', () => {
  it('keeps every item of a party active for 179 days alive for the retention after its last change', async () => {
    const party = partyAt();
    await fullParty(party);
    for (let day = 1; day <= 179; day++) {
      party.advance(DAY);
      await change(party, day);
    }
    const lastChange = party.now();
    const items = await expiries(party.partyId);
    expect([...items.keys()]).toEqual(expect.arrayContaining([...EVERY_KIND, ...MESSAGES]));
    for (const [sk, expiresAt] of items) {
      expect(expiresAt, sk).toBeGreaterThanOrEqual(lastChange + PARTY_RETENTION_SECONDS);
      expect(expiresAt, sk).toBeLessThanOrEqual(
        lastChange + PARTY_RETENTION_SECONDS + EXPIRY_REFRESH_SECONDS,
      );
    }
    expect(await party.store.getTokenHash(party.partyId)).toBe('hash');
  });

  it("lets an idle party's items expire the retention after its last change, at most a day later", async () => {
    const party = partyAt();
    await fullParty(party);
    party.advance(3 * DAY);
    await change(party, 1);
    const lastChange = party.now();
    await party.log.append(party.partyId, { event_id: 'evt_3' }, (seq) => message(party.partyId, seq));
    for (const [sk, expiresAt] of await expiries(party.partyId)) {
      expect(expiresAt, sk).toBeGreaterThanOrEqual(lastChange + PARTY_RETENTION_SECONDS);
      expect(expiresAt, sk).toBeLessThanOrEqual(
        lastChange + PARTY_RETENTION_SECONDS + EXPIRY_REFRESH_SECONDS,
      );
    }
  });

  it('extends the party at most once a day, and a change between extensions writes only what it changes', async () => {
    const party = partyAt();
    await fullParty(party);
    const before = party.commands.length;
    for (let hour = 1; hour <= 72; hour++) {
      party.advance(HOUR);
      await change(party, hour);
    }
    const sent = party.commands.slice(before);
    // Created at T0 with a day to spare: extended in the 25th hour and the 50th, never in between.
    expect(extensions(sent)).toBe(2);
    const stateWrites = sent.filter((command) =>
      ['PutCommand', 'TransactWriteCommand', 'DeleteCommand'].includes(command.constructor.name),
    );
    expect(stateWrites).toHaveLength(72);
    // Each extension updates the items not written since the last one: the access item, the result,
    // budget, plan, log head and messages, then the core.
    const updates = sent.filter((command) => command.constructor.name === 'UpdateCommand');
    expect(updates.length).toBeLessThanOrEqual(2 * (EVERY_KIND.length + MESSAGES.length));
  });

  it('leaves the quota windows their own short expiry', async () => {
    const party = partyAt();
    await fullParty(party);
    await party.quota.consume(party.partyId);
    party.advance(2 * DAY);
    await change(party, 1);
    const quota = [...(await expiries(party.partyId))].filter(([sk]) => sk.startsWith('QUOTA#'));
    expect(quota).toHaveLength(1);
    expect(quota[0]?.[1]).toBeLessThan(T0 + HOUR);
  });

  it('never lowers an expiry that an extension raised after the writer read the party', async () => {
    const party = partyAt();
    await fullParty(party);
    const known = await party.store.requireParty(party.partyId, true);
    const extended = T0 + PARTY_RETENTION_SECONDS + 10 * DAY;
    await extendPartyExpiry(doc, tableName, party.partyId, extended);
    const written = await party.store.setAgentResult(party.partyId, agentResult('venue_agent', 1), known);
    expect(written.attempts).toBe(1);
    const raced = await party.store.setAgentResult(
      party.partyId,
      agentResult('theme_agent', 1, { execution_id: 'exec_again', confidence: 0.5 }),
      known,
    );
    // The stale read's write is refused by its expiry condition, not its version: retried, then written.
    expect(raced).toMatchObject({ changed: true, attempts: 2 });
    const items = await expiries(party.partyId);
    expect(items.get('STATE#RESULT#theme_agent')).toBe(extended);
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `PARTY#${party.partyId}`, sk: 'STATE#RESULT#theme_agent' },
      }),
    );
    expect(Item?.version).toBe(2);
  });
});
