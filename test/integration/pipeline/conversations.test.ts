import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import type { PartyState } from '#shared/contracts/party.ts';
import { CONVERSATIONS, type Conversation, type Failure, planCurrent } from '#test/fixtures/conversations.ts';
import {
  type HandlerEnvironment,
  planContent,
  realHandlers,
  startSession,
} from '#test/support/party-session.ts';
import { type DeliveryOrder, drain, seededRandom } from '#test/support/pipeline-driver.ts';

// Runs every conversation of the table through the real HTTP and pipeline handlers: once step by
// step, draining the bus after each step in FIFO order, and checks what a host would check; then
// once more with every step sent first and the deliveries shuffled and duplicated, which must end
// in the same plan.

type Bus = HandlerEnvironment['bus'];

const handlers = realHandlers();
/** Parties in flight at once; the bus is shared, each party drains only its own events. */
const PARALLEL = 4;
/** Shuffled replays per conversation, each with its own seed (derived from the row's name). */
const SEEDS = [0, 1];

// ---- one party's view of the shared bus -----------------------------------------------------

const partyOfEntry = new WeakMap<object, string>();
function partyOf(entry: Bus['entries'][number]): string {
  let party = partyOfEntry.get(entry);
  if (party === undefined) {
    party = String((JSON.parse(entry.Detail ?? '{}') as { party_id?: unknown }).party_id ?? '');
    partyOfEntry.set(entry, party);
  }
  return party;
}

/**
 * Delivers one party's pending events (and whatever they cause) with the real handlers, then drops
 * them from the recorder, so that concurrent parties neither see nor redeliver each other's events.
 */
async function drainParty(partyId: string, order?: DeliveryOrder): Promise<void> {
  const view: Bus = {
    ...handlers.env.bus,
    events: () =>
      handlers.env.bus.entries
        .filter((entry) => partyOf(entry) === partyId)
        .map((entry) => JSON.parse(entry.Detail ?? '{}') as ReturnType<Bus['events']>[number]),
  };
  await drain(view, order);
  for (let index = handlers.env.bus.entries.length - 1; index >= 0; index -= 1) {
    const entry = handlers.env.bus.entries[index];
    if (entry && partyOf(entry) === partyId) handlers.env.bus.entries.splice(index, 1);
  }
}

// ---- a small limiter, so that a handful of parties run at once --------------------------------

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running < PARALLEL) running += 1;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    // A waiting party takes over the slot; otherwise it is freed.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

// ---- playing a conversation -------------------------------------------------------------------

async function play(conversation: Conversation, mode: 'fifo' | { seed: number }): Promise<PartyState> {
  const party = await startSession(handlers.store);
  for (const [index, step] of conversation.steps.entries()) {
    // Step indexes are the inputs' ids, so a removal names the step that added its input.
    if ('add' in step) await party.add(step.add, `c${index}`);
    else await party.remove(`c${step.remove}`);
    if (mode === 'fifo') await drainParty(party.partyId);
  }
  if (mode !== 'fifo') {
    const random = seededRandom(mode.seed);
    await drainParty(party.partyId, {
      pick: (pending) => Math.floor(random() * pending),
      duplicateShare: 0.3,
      random,
    });
  }
  return party.state();
}

/** Where two values differ, as `path: shuffled vs FIFO`, for a failure message that says it at once. */
function differences(actual: unknown, expected: unknown, path = '', into: string[] = []): string[] {
  if (into.length >= 6) return into;
  if (JSON.stringify(actual) === JSON.stringify(expected)) return into;
  if (
    typeof actual === 'object' &&
    actual !== null &&
    typeof expected === 'object' &&
    expected !== null &&
    Array.isArray(actual) === Array.isArray(expected)
  ) {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const key of keys)
      differences(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
        into,
      );
    return into;
  }
  into.push(
    `${path}: ${JSON.stringify(actual)?.slice(0, 160)} vs ${JSON.stringify(expected)?.slice(0, 160)}`,
  );
  return into;
}

const fifoRuns = new Map<string, Promise<PartyState>>();
const fifoRun = (conversation: Conversation) => {
  let run = fifoRuns.get(conversation.name);
  if (!run) {
    run = limited(() => play(conversation, 'fifo')).then(async (state) => {
      // CONVERSATIONS_DUMP=dir keeps each final state, to read what a failing row actually planned.
      const dump = process.env.CONVERSATIONS_DUMP;
      if (dump) {
        await mkdir(dump, { recursive: true });
        const file = `${conversation.name.replace(/[^a-z0-9]+/gi, '-')}.json`;
        await writeFile(join(dump, file), JSON.stringify(state, null, 2));
      }
      return state;
    });
    fifoRuns.set(conversation.name, run);
  }
  return run;
};

const failures = (conversation: Conversation, state: PartyState): Failure[] =>
  [planCurrent(), ...conversation.expect].flatMap((check) => {
    const failure = check.verify(state);
    return failure ? [{ check: check.name, ...failure }] : [];
  });

const seedOf = (name: string) =>
  [...name].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7);

describe('conversations, step by step (FIFO)', () => {
  it.concurrent.for(CONVERSATIONS)('$name', { timeout: 120_000 }, async (conversation, { expect }) => {
    const state = await fifoRun(conversation);
    const failed = failures(conversation, state).map(
      (failure) => `${failure.check} [${failure.area}]: ${failure.observed}`,
    );
    expect(failed, failed.join('; ')).toEqual([]);
  });
});

describe('conversations, all at once, shuffled and duplicated', () => {
  it.concurrent.for(CONVERSATIONS)('$name', { timeout: 120_000 }, async (conversation, { expect }) => {
    const expected = planContent(await fifoRun(conversation));
    for (const seed of SEEDS.map((salt) => seedOf(conversation.name) + salt)) {
      const chaotic = planContent(await limited(() => play(conversation, { seed })));
      expect(chaotic, `seed ${seed}: ${differences(chaotic, expected).join('; ')}`).toEqual(expected);
    }
  });
});
