import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { partyKey } from '#shared/adapters/dynamodb/keys.ts';
import { PartyStore } from '#shared/adapters/dynamodb/party-store.ts';
import type { RetryPolicy } from '#shared/adapters/retry.ts';
import {
  DuplicateInputError,
  InputNotFoundError,
  LimitExceededError,
  PartyAlreadyExistsError,
  PartyNotFoundError,
  VersionConflictError,
} from '#shared/domain/party/errors.ts';
import { LIMITS } from '#shared/domain/party/limits.ts';
import { agentResult, input, uniquePartyId } from '#test/fixtures/party.ts';
import { createPartyTable, testDocumentClient, testDynamoClient } from '#test/support/dynamo.ts';

const dynamo = testDynamoClient();
const doc = testDocumentClient();
let tableName: string;
let store: PartyStore;

beforeAll(async () => {
  tableName = await createPartyTable(dynamo);
  store = new PartyStore(doc, tableName);
});

type Command = Parameters<typeof doc.send>[0];

/**
 * A store whose client records every command and can run a competing write just before one of them,
 * to prove what the store does (and does not do: second reads, scans) when it loses a race.
 */
function instrumentedStore(
  beforeSend: (command: Command) => Promise<void> = async () => {},
  retry: Partial<RetryPolicy> = { baseDelayMs: 1 },
) {
  const commands: string[] = [];
  const instrumented = Object.create(doc) as typeof doc;
  instrumented.send = (async (command: Command) => {
    commands.push(command.constructor.name);
    await beforeSend(command);
    return doc.send(command);
  }) as typeof doc.send;
  return { store: new PartyStore(instrumented, tableName, { retry }), commands };
}

const isWrite = (command: Command) =>
  ['PutCommand', 'TransactWriteCommand'].includes(command.constructor.name);

describe('party lifecycle', () => {
  it('creates a party with initial inputs and reads it back', async () => {
    const partyId = uniquePartyId();
    const created = await store.createParty(partyId, [input('inp_1'), input('inp_2')]);
    expect(created).toMatchObject({ party_id: partyId, status: 'planning', version: 1, inputs_version: 1 });
    const read = await store.getParty(partyId);
    expect(read).toEqual(created);
    expect(read?.inputs.map((item) => item.input_id)).toEqual(['inp_1', 'inp_2']);
  });

  it('refuses to create a party twice', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    await expect(store.createParty(partyId)).rejects.toBeInstanceOf(PartyAlreadyExistsError);
  });

  it('returns null for an unknown party and a typed error when changing one', async () => {
    expect(await store.getParty('fpNOPE0000')).toBeNull();
    await expect(store.addInput('fpNOPE0000', input('inp_1'))).rejects.toBeInstanceOf(PartyNotFoundError);
  });

  it('adds and removes inputs, bumping version and inputs_version', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const added = await store.addInput(partyId, input('inp_a', 'jungle theme for 75 guests'));
    expect(added).toMatchObject({ changed: true, state: { version: 2, inputs_version: 1 } });
    const removed = await store.removeInput(partyId, 'inp_a');
    expect(removed.state).toMatchObject({
      version: 3,
      inputs_version: 2,
      inputs: [],
      removed_inputs: { inp_a: 2 },
    });
    // A retried removal finds it done; an input that never was is still not found.
    expect(await store.removeInput(partyId, 'inp_a')).toMatchObject({
      changed: false,
      state: { version: 3 },
    });
    await expect(store.removeInput(partyId, 'inp_never')).rejects.toBeInstanceOf(InputNotFoundError);
  });

  it('treats a repeated input as already applied and a clashing one as a conflict', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    await store.addInput(partyId, input('inp_1', 'budget $1500'));
    const again = await store.addInput(partyId, input('inp_1', 'budget $1500'));
    expect(again).toMatchObject({ changed: false, state: { version: 2 } });
    await expect(store.addInput(partyId, input('inp_1', 'budget $9000'))).rejects.toBeInstanceOf(
      DuplicateInputError,
    );
  });

  it('sets and removes agent results, dropping results computed from stale inputs', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    await store.setAgentResult(partyId, agentResult('theme_agent', 3));
    const stale = await store.setAgentResult(partyId, agentResult('theme_agent', 2));
    expect(stale.changed).toBe(false);
    expect(stale.state.active_agents.theme_agent?.inputs_version).toBe(3);
    const duplicate = await store.setAgentResult(partyId, agentResult('theme_agent', 3));
    expect(duplicate.changed).toBe(false);

    const tooOld = await store.removeAgentResult(partyId, 'theme_agent', 2);
    expect(tooOld.changed).toBe(false);
    const removed = await store.removeAgentResult(partyId, 'theme_agent', 3);
    expect(removed.state.active_agents).toEqual({});
  });

  it('does not let a run from older inputs bring back a removed result', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId, [input('inp_1', 'nut-free cake')]);
    await store.addInput(partyId, input('inp_2', 'budget $1500'));
    await store.setAgentResult(partyId, agentResult('cake_agent', 2));
    await store.removeInput(partyId, 'inp_1');
    await store.removeAgentResult(partyId, 'cake_agent', 3);
    // A run that read the party before the removal finishes only now.
    const late = await store.setAgentResult(partyId, agentResult('cake_agent', 2));
    expect(late.changed).toBe(false);
    expect((await store.getParty(partyId))?.active_agents.cake_agent).toBeUndefined();
    // A run from the current inputs still fills the slot.
    expect((await store.setAgentResult(partyId, agentResult('cake_agent', 3))).changed).toBe(true);
  });

  it('sets the budget and the final plan', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const budget = {
      total_budget: { min: 500, max: 900 },
      breakdown: { cake: { min: 100, max: 200 }, venue: { min: 400, max: 700, note: 'permit required' } },
      based_on_agents: ['cake_agent', 'venue_agent'],
      inputs_version: 1,
    };
    await store.setBudget(partyId, budget);
    const plan = {
      completion_percent: 50,
      recommendations: [
        { category: 'Venue', priority: 'critical' as const, description: 'Book Riverside Park' },
      ],
      next_steps: ['Add cake preferences'],
      active_agents: ['theme_agent'],
      missing_agents: ['venue_agent'],
      checklist_summary: { total_tasks: 4, completed_tasks: 1, pending_tasks: 3 },
      budget_summary: budget,
      inputs_version: 1,
    };
    const { state } = await store.setFinalPlan(partyId, plan);
    expect(state.budget).toEqual(budget);
    expect(state.final_plan).toEqual({ ...plan, plan_version: 1 });
    expect(await store.getParty(partyId)).toEqual(state);
  });

  it('stores a TTL so abandoned parties expire', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: partyKey(partyId) }));
    expect(Item?.expires_at).toBeGreaterThan(Date.now() / 1000 + 100 * 24 * 3600);
  });
});

describe('access token', () => {
  /** A store on a real client that records the input of every GetItem it sends to DynamoDB Local. */
  function recordingGetItems() {
    const client = testDynamoClient();
    const getItems: Record<string, unknown>[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetItemCommand') getItems.push(args.input as Record<string, unknown>);
        return next(args);
      },
      { step: 'initialize', name: 'recordGetItems' },
    );
    return { store: new PartyStore(createDocumentClient(client), tableName), getItems };
  }

  it('reads the token hash strongly consistent, so a request right after start finds it', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId, [], 'hash-of-the-token');
    const { store: recording, getItems } = recordingGetItems();
    expect(await recording.getTokenHash(partyId)).toBe('hash-of-the-token');
    expect(await recording.getTokenHash(uniquePartyId())).toBeNull();
    expect(getItems).toHaveLength(2);
    for (const getItem of getItems) expect(getItem).toMatchObject({ ConsistentRead: true });
  });
});

describe('limits', () => {
  it('rejects an over-long input and writes nothing', async () => {
    const partyId = uniquePartyId();
    const created = await store.createParty(partyId);
    const long = input('inp_long', 'x'.repeat(LIMITS.inputLength + 1));
    await expect(store.addInput(partyId, long)).rejects.toMatchObject({
      name: 'LimitExceededError',
      details: { limit: 'input_length', max: LIMITS.inputLength, actual: LIMITS.inputLength + 1 },
    });
    expect(await store.getParty(partyId)).toEqual(created);
  });

  it(`rejects input number ${LIMITS.inputsPerParty + 1}`, async () => {
    const partyId = uniquePartyId();
    const inputs = Array.from({ length: LIMITS.inputsPerParty }, (_, index) => input(`inp_${index}`));
    await store.createParty(partyId, inputs);
    await expect(store.addInput(partyId, input('inp_over'))).rejects.toMatchObject({
      details: { limit: 'inputs_per_party' },
    });
    await expect(store.createParty(uniquePartyId(), [...inputs, input('inp_over')])).rejects.toBeInstanceOf(
      LimitExceededError,
    );
  });

  it('keeps the party item far below 400 KB', async () => {
    const partyId = uniquePartyId();
    const created = await store.createParty(partyId);
    const huge = agentResult('venue_agent', 1, { result: { blob: 'v'.repeat(LIMITS.partyItemBytes) } });
    await expect(store.setAgentResult(partyId, huge)).rejects.toMatchObject({
      details: { limit: 'party_item_bytes' },
    });
    expect(await store.getParty(partyId)).toEqual(created);
  });
});

describe('optimistic locking', () => {
  it('writes conditionally on the version it read', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const stale = await store.getParty(partyId);
    await store.addInput(partyId, input('inp_1'));
    await expect(
      doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...partyKey(partyId), ...stale, version: 99 },
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': stale?.version },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('retries a lost race on the item returned with the failure, without a second read', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    let raced = false;
    const { store: racing, commands } = instrumentedStore(async (command) => {
      if (raced || !isWrite(command)) return;
      raced = true;
      await store.addInput(partyId, input('inp_other'));
    });
    const result = await racing.addInput(partyId, input('inp_mine'));
    expect(result).toMatchObject({ changed: true, attempts: 2, state: { version: 3, inputs_version: 2 } });
    expect(commands.filter((name) => name === 'QueryCommand')).toHaveLength(1);
    const final = await store.getParty(partyId);
    expect(final?.inputs.map((item) => item.input_id)).toEqual(['inp_other', 'inp_mine']);
  });

  it('writes a result without racing the inputs: each part is an item of its own', async () => {
    const partyId = uniquePartyId();
    const held = await store.createParty(partyId);
    await store.addInput(partyId, input('inp_meanwhile'));
    const { store: counted, commands } = instrumentedStore();
    const result = await counted.setAgentResult(partyId, agentResult('theme_agent', 1), held);
    expect(result).toMatchObject({ changed: true, attempts: 1 });
    expect(commands).toEqual(['TransactWriteCommand']);
    const final = await store.getParty(partyId);
    expect(final?.inputs.map((item) => item.input_id)).toEqual(['inp_meanwhile']);
    expect(final?.active_agents.theme_agent?.inputs_version).toBe(1);
  });

  it('starts from a state the caller already holds, and re-reads the party when its part is stale', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const held = (await store.setAgentResult(partyId, agentResult('theme_agent', 1))).state;
    await store.setAgentResult(partyId, agentResult('theme_agent', 2));
    const { store: counted, commands } = instrumentedStore();
    const result = await counted.setAgentResult(partyId, agentResult('theme_agent', 3), held);
    expect(result).toMatchObject({ changed: true, attempts: 2 });
    expect(commands).toEqual(['PutCommand', 'QueryCommand', 'PutCommand']);
    expect((await store.getParty(partyId))?.active_agents.theme_agent?.inputs_version).toBe(3);
  });

  it('gives up after the bounded attempts with a typed error', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    let competitor = 0;
    const { store: bounded } = instrumentedStore(
      async (command) => {
        if (isWrite(command)) await store.addInput(partyId, input(`inp_rival_${competitor++}`));
      },
      { maxAttempts: 3, baseDelayMs: 1 },
    );
    await expect(bounded.addInput(partyId, input('inp_loser'))).rejects.toBeInstanceOf(VersionConflictError);
    const final = await store.getParty(partyId);
    expect(final?.inputs.map((item) => item.input_id)).toEqual(['inp_rival_0', 'inp_rival_1', 'inp_rival_2']);
  });

  it('loses no update with 50 concurrent writers on one party', async () => {
    const partyId = uniquePartyId();
    await store.createParty(partyId);
    const before = await store.getStats();
    // The default budget fits the handful of writers a party really has (analyzer, agents, budget,
    // planner); fifty writers in one burst need one sized for them.
    const writers = Array.from(
      { length: 50 },
      () => new PartyStore(doc, tableName, { retry: { maxAttempts: 200, maxDelayMs: 2000 } }),
    );
    const results = await Promise.all(
      writers.map((writer, index) => writer.addInput(partyId, input(`inp_${index}`))),
    );
    const final = await store.getParty(partyId);
    expect(final?.inputs).toHaveLength(50);
    expect(new Set(final?.inputs.map((item) => item.input_id)).size).toBe(50);
    expect(final).toMatchObject({ version: 51, inputs_version: 50 });
    expect(results.some((result) => result.attempts > 1)).toBe(true);
    const after = await store.getStats();
    expect(after.total_inputs - before.total_inputs).toBe(50);
  });
});

describe('statistics', () => {
  it('counts parties, inputs, results and statuses without scanning the table', async () => {
    const { store: counted, commands } = instrumentedStore();
    const before = await counted.getStats();
    const partyId = uniquePartyId();
    await counted.createParty(partyId, [input('inp_1')]);
    await counted.addInput(partyId, input('inp_2'));
    await counted.setAgentResult(partyId, agentResult('theme_agent', 2));
    await counted.setAgentResult(
      partyId,
      agentResult('cake_agent', 2, { status: 'failed', error: 'no bakery' }),
    );
    await counted.removeInput(partyId, 'inp_1');
    const sent = commands.length;
    const after = await counted.getStats();
    expect(commands.slice(sent)).toEqual(['QueryCommand']);
    expect(after.total_parties - before.total_parties).toBe(1);
    expect(after.total_inputs - before.total_inputs).toBe(1);
    expect(after.total_agent_results - before.total_agent_results).toBe(2);
    expect((after.status_counts.planning ?? 0) - (before.status_counts.planning ?? 0)).toBe(1);
    expect(commands).not.toContain('ScanCommand');
  });
});
