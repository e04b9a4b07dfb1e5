import type { LocalCloud } from '@party-planner/local-cloud';
import { CHAOS_FAULTS, NO_FAULTS } from '@party-planner/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SIZING } from '#lib/constructs/party-functions.ts';
import {
  ApiError,
  connectParty,
  createPartyApi,
  GAP_TIMEOUT_MS,
  type InputDraft,
  type PartyApi,
  type PartyCredentials,
  type StatusResponse,
} from '#shared/client/index.ts';
import type { PartyMessage } from '#shared/contracts/messages.ts';
import type { PartyPlan } from '#shared/contracts/party.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { seededRandom } from '#test/support/pipeline-driver.ts';

// Every injected fault draws from this seed; CHAOS_SEED=N replays a failing run (as far as the timing
// of real processes allows).
const SEED = Number(process.env.CHAOS_SEED ?? 20260707);

let testCloud: TestCloud;
let cloud: LocalCloud;
let api: PartyApi;
const injected = new Map<string, number>();
/** Invocations that failed on their own (not by an injected fault), by function and error, to explain a failure. */
const failedInvocations = new Map<string, number>();
const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

beforeAll(async () => {
  testCloud = await startTestCloud({
    random: seededRandom(SEED),
    dynamoThrottling: true,
    log: (line) => {
      if (line.msg === 'fault') tally(injected, String(line.fault));
      if (line.msg === 'invocation' && line.outcome !== 'ok')
        tally(failedInvocations, `${line.function} ${String(line.error).split(':')[0]}`);
    },
  });
  cloud = testCloud.cloud;
  api = createPartyApi({ httpUrl: cloud.endpoints.http });
}, 180_000);

afterAll(() => testCloud?.stop());

const FIRST: InputDraft = { input_id: 'theme', content: 'jungle theme for 75 guests' };
const CONCURRENT: readonly InputDraft[] = [
  { input_id: 'budget', content: 'budget $1500' },
  { input_id: 'cake', content: 'nut-free cake' },
  { input_id: 'venue', content: 'venue downtown' },
  { input_id: 'catering', content: 'catering for 75 guests, vegetarian options' },
];
const REMOVED = 'cake';

/** Each HTTP answer that made the client retry (status and error code), and a retried removal that found its work done. */
const retriedCalls: string[] = [];

/**
 * What a real client does with 429 and 5xx answers: wait as told, then try again. Here they come from
 * the injected DynamoDB throttling outlasting the SDK's own retries, or from writes that kept losing
 * the race for the busy party item; the routes answer both with 503 and Retry-After. A cold start that
 * times out on a loaded machine answers 500. Every add carries its `input_id`, so a retry can never
 * add an input twice.
 */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryable =
        error instanceof ApiError &&
        (error.status === 429 || error.status >= 500 || error.code === 'network');
      if (!retryable || attempt >= 8) throw error;
      retriedCalls.push(`${error.status} ${error.code}`);
      const details = error.details as { retry_after_seconds?: number } | undefined;
      await new Promise((resolve) => setTimeout(resolve, (details?.retry_after_seconds ?? 0.2) * 1000));
    }
  }
}

/**
 * Removes an input, retrying like `retrying`. A 5xx can come after the removal was written (a cold
 * start that timed out on a busy machine), so a retry that finds the input gone has nothing left to do.
 */
async function removeInput(party: PartyCredentials, inputId: string): Promise<void> {
  let attempted = false;
  await retrying(async () => {
    try {
      await api.removeInput(party, inputId);
    } catch (error) {
      if (attempted && error instanceof ApiError && error.status === 404) {
        // If the failed attempt died between its write and its publish, party.input.removed is lost.
        retriedCalls.push('404 on retry: the failed attempt had removed it');
        return;
      }
      attempted = true;
      throw error;
    }
  });
}

/** Waits until nothing is in flight, redriving every dead-letter queue until they all stay empty. */
async function settle(): Promise<number> {
  let redriven = 0;
  for (let round = 1; ; round++) {
    await cloud.idle();
    const queues = new Set(cloud.deadLetters().map((letter) => letter.queue));
    if (queues.size === 0) return redriven;
    if (round > 10) throw new Error(`dead letters keep coming back: ${JSON.stringify(cloud.deadLetters())}`);
    for (const queue of queues) redriven += cloud.redrive(queue);
  }
}

interface Outcome {
  readonly party: PartyCredentials;
  readonly status: StatusResponse;
  /** What the client library handed to the app: party messages in seq order. */
  readonly delivered: readonly PartyMessage[];
  /** Every seq that arrived on the wire, repeats included. */
  readonly wireSeqs: readonly number[];
  readonly redriven: number;
  readonly ms: number;
  /** The longest a message that had arrived waited in the client for an earlier one. */
  readonly longestStallMs: number;
  /** From the last change the user made to the client showing the party's last message. */
  readonly quiescenceMs: number;
}

/**
 * How long the client may take to catch up once the cloud is idle and every message is logged: its
 * gap timer, then one resume, which the ws-default function (a request function) answers within its
 * timeout (waiting at most IN_FLIGHT_MS for a message still being written).
 */
const CATCH_UP_MS = GAP_TIMEOUT_MS + SIZING.request.timeout.toMilliseconds();

/** A party planned the way a browser does it, through the client library, until everything settled. */
async function runScenario(): Promise<Outcome> {
  const startedAt = performance.now();
  const started = await retrying(() => api.start());
  const party = { partyId: started.party_id, token: started.token };
  const wireSeqs: number[] = [];
  const firstArrival = new Map<number, number>();
  // The library drops repeats; this socket counts what arrived before it did.
  class CountingSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      this.on('message', (data) => {
        const { seq } = JSON.parse(String(data)) as { seq?: unknown };
        if (typeof seq !== 'number') return;
        wireSeqs.push(seq);
        if (!firstArrival.has(seq)) firstArrival.set(seq, performance.now());
      });
    }
  }
  const delivered: PartyMessage[] = [];
  const deliveredAt = new Map<number, number>();
  const connection = connectParty({
    wsUrl: cloud.endpoints.websocket,
    partyId: party.partyId,
    token: party.token,
    WebSocketImpl: CountingSocket,
    onMessage: (message) => {
      if (!('seq' in message)) return;
      delivered.push(message);
      deliveredAt.set(message.seq, performance.now());
    },
    fetchStatus: () => retrying(() => api.status(party)),
    // A $connect refused by a throttled authorizer is retried soon, as a browser's would be.
    backoff: { baseMs: 100, maxMs: 1_000 },
  });
  try {
    await expect.poll(() => connection.state, { timeout: 20_000 }).toBe('open');
    await retrying(() => api.addInput(party, FIRST));
    await Promise.all(CONCURRENT.map((input) => retrying(() => api.addInput(party, input))));
    await removeInput(party, REMOVED);
    const lastChange = performance.now();
    const redriven = await settle();
    const status = await retrying(() => api.status(party));
    await expect.poll(() => connection.lastSeq, { timeout: CATCH_UP_MS, interval: 50 }).toBe(status.last_seq);
    const stalls = [...deliveredAt].map(([seq, at]) => at - (firstArrival.get(seq) ?? at));
    return {
      party,
      status,
      delivered,
      wireSeqs,
      redriven,
      ms: Math.round(performance.now() - startedAt),
      longestStallMs: Math.round(Math.max(0, ...stalls)),
      quiescenceMs: Math.round((deliveredAt.get(status.last_seq) ?? Number.NaN) - lastChange),
    };
  } finally {
    connection.close();
  }
}

/** How many plans were written before it (plan_version) differs between runs; what it says does not. */
function comparablePlan(plan: PartyPlan | null | undefined) {
  if (!plan) return plan;
  // When each input was answered differs from run to run, as the clock does.
  const { plan_version: _version, answered_up_to: _answered, ...content } = plan;
  return content;
}

/** What each agent concluded, without what differs between any two runs: ids, clocks, and the order they ran in. */
function comparableResults(state: StatusResponse['party']) {
  return Object.entries(state.active_agents)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agent, run]) => ({
      agent,
      status: run?.status,
      result: run?.result,
      confidence: run?.confidence,
      basis: run?.basis,
    }));
}

function plansSeen(delivered: readonly PartyMessage[]) {
  return delivered.flatMap((message) => (message.type === 'plan_updated' ? [message.payload] : []));
}

/** The plan a client shows: the one with the highest plan_version, whatever order broadcasts came in. */
function planShown(delivered: readonly PartyMessage[]) {
  return plansSeen(delivered).reduce<PartyPlan | undefined>(
    (shown, plan) => (!shown || (plan.plan_version ?? 0) >= (shown.plan_version ?? 0) ? plan : shown),
    undefined,
  );
}

it('plans the same party under every fault at once as without any, losing and repeating nothing', async () => {
  Object.assign(cloud.faults, NO_FAULTS);
  const clean = await runScenario();
  expect(clean.redriven).toBe(0);
  expect(injected.size).toBe(0);

  Object.assign(cloud.faults, CHAOS_FAULTS);
  const chaotic = await runScenario();
  Object.assign(cloud.faults, NO_FAULTS);

  const duplicatesOnWire = chaotic.wireSeqs.length - new Set(chaotic.wireSeqs).size;
  const expectedPlan = comparablePlan(clean.status.party.final_plan);
  // Broadcasts of two plans can still cross on the wire; the client shows the highest plan_version.
  const endsStale = (outcome: Outcome) =>
    JSON.stringify(comparablePlan(plansSeen(outcome.delivered).at(-1))) !== JSON.stringify(expectedPlan);
  console.info(
    JSON.stringify({
      seed: SEED,
      clean_ms: clean.ms,
      chaos_ms: chaotic.ms,
      injected: Object.fromEntries(injected),
      failed_invocations: Object.fromEntries(failedInvocations),
      redriven: chaotic.redriven,
      retried_http_calls: retriedCalls,
      longest_stall_ms: { clean: clean.longestStallMs, chaos: chaotic.longestStallMs },
      quiescence_ms: { clean: clean.quiescenceMs, chaos: chaotic.quiescenceMs },
      messages: chaotic.status.last_seq,
      clean_messages: clean.status.last_seq,
      duplicate_seqs_on_wire: duplicatesOnWire,
      client_ends_on_stale_plan: { clean: endsStale(clean), chaos: endsStale(chaotic) },
    }),
  );
  // The run was chaotic: every kind of fault struck.
  for (const fault of [
    'duplicate_delivery',
    'refuse_delivery',
    'fail_before_handler',
    'fail_after_handler',
    'throttle_dynamodb',
  ]) {
    expect(injected.get(fault) ?? 0, fault).toBeGreaterThan(0);
  }

  // (a) The same final plan as the clean run's, stored and shown by the client: the plan_updated with
  // the highest plan_version it received is exactly the stored one (the broadcaster drops superseded
  // plans, so it is almost always the last one too; that is logged above, not asserted).
  expect(expectedPlan?.completion_percent).toBe(100);
  expect(comparablePlan(chaotic.status.party.final_plan)).toEqual(expectedPlan);
  const runs = [
    ['clean run', clean],
    ['chaotic run', chaotic],
  ] as const;
  for (const [run, outcome] of runs) {
    expect(planShown(outcome.delivered), run).toEqual(outcome.status.party.final_plan);
  }
  expect(comparableResults(chaotic.status.party)).toEqual(comparableResults(clean.status.party));

  // (b) No input lost: every input added and not removed is there, the removed one is not, and the
  // client was told of each.
  const added = [FIRST, ...CONCURRENT];
  const kept = added.filter((input) => input.input_id !== REMOVED);
  for (const [run, outcome] of runs) {
    const inputs = outcome.status.party.inputs.map(({ input_id, content }) => ({ input_id, content }));
    expect(inputs, run).toHaveLength(kept.length);
    expect(inputs, run).toEqual(expect.arrayContaining(kept));
    const told = (type: string) =>
      new Set(
        outcome.delivered.flatMap((message) =>
          message.type === type && 'input_id' in message.payload ? [message.payload.input_id] : [],
        ),
      );
    expect(told('input_added'), run).toEqual(new Set(added.map((input) => input.input_id)));
    expect(told('input_removed'), run).toEqual(new Set([REMOVED]));
  }

  // (c) The library delivered every seq exactly once, gapless from 1.
  for (const [run, outcome] of runs) {
    expect(
      outcome.delivered.map((message) => message.seq),
      run,
    ).toEqual(Array.from({ length: outcome.status.last_seq }, (_, index) => index + 1));
  }

  // (d) Nothing left in any dead-letter queue.
  expect(cloud.deadLetters()).toEqual([]);
}, 180_000);
