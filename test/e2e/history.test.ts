import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import type { LocalCloud } from '@party-planner/local-cloud';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PARTY_CLOUD } from '#bin/party-cloud.ts';
import { connect, redrive } from '#bin/redrive-run.ts';
import { type HistoryEvent, HistoryLine } from '#shared/contracts/history.ts';
import { closedPort } from '#test/support/closed-port.ts';
import { startTestCloud, type TestCloud } from '#test/support/local-cloud.ts';
import { type HttpParty, partyOverHttp } from '#test/support/party-over-http.ts';

/*
 * `npm run history` end to end on the local cloud, run as the operator runs it (a child process with
 * --local, the test cloud's ports in the variables `npm start` reads): a party started, changed and
 * planned over the HTTP API reads back as its events in order, its state and its reach; an event
 * that failed and was redriven shows in it like any other.
 */

let testCloud: TestCloud;
let cloud: LocalCloud;

beforeAll(async () => {
  // Every injected invocation fault then fails before the handler runs: nothing of the failed work is done.
  testCloud = await startTestCloud({ random: () => 0 });
  cloud = testCloud.cloud;
}, 180_000);

afterAll(() => testCloud?.stop());

const { call, startParty, addInput, planOfInputs } = partyOverHttp(() => cloud);
type Party = HttpParty;

async function removeInput(party: Party, inputId: string): Promise<void> {
  const path = `/input/${inputId}?party_id=${party.partyId}`;
  expect((await call('DELETE', path, undefined, party.token)).status).toBe(202);
}

const portOf = (url: string) => new URL(url).port;

/** `npm run history -- <args> --local`, with the test cloud's ports where `npm start` puts its own. */
function history(args: string[], ports = { eventbridge: '', dynamodb: '' }) {
  return promisify(execFile)('npx', ['tsx', 'bin/history.ts', ...args, '--local'], {
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      PARTY_PLANNER_EVENTBRIDGE_PORT: ports.eventbridge || portOf(cloud.endpoints.cloudformation),
      PARTY_PLANNER_DYNAMODB_PORT: ports.dynamodb || portOf(cloud.endpoints.dynamodb),
    },
  });
}

async function historyLines(partyId: string): Promise<HistoryLine[]> {
  const { stdout } = await history(['--party', partyId, '--json']);
  return stdout
    .trim()
    .split('\n')
    .map((line) => HistoryLine.parse(JSON.parse(line)));
}

const eventsOf = (lines: readonly HistoryLine[]) =>
  lines.filter((line): line is HistoryEvent => line.kind === 'event');

it('prints the party: inputs added and removed, agent runs, plans in order, ids, and the reach', async () => {
  const party = await startParty('jungle theme for 75 guests');
  await planOfInputs(party, 1);
  await addInput(party, 'budget $1500');
  const cake = await addInput(party, 'nut-free cake');
  await planOfInputs(party, 3);
  await removeInput(party, cake);
  const state = await planOfInputs(party, 4);

  const { stdout } = await history(['--party', party.partyId]);
  expect(stdout).toMatch(/^SEQ\s+TIME\s+EVENT TYPE\s+AGENT\s+CORRELATION\s+CAUSATION\s+OUTCOME$/m);
  expect(stdout).toMatch(
    /^1\s+\S+\s+party\.input\.added\s+-\s+\S+\s+\S+\s+added \S+ "jungle theme for 75 guests"/m,
  );
  expect(stdout).toMatch(new RegExp(`party\\.input\\.removed .*removed ${cake} by`));
  expect(stdout).toMatch(/party\.agent\.completed\s+theme_agent\s+.*completed on inputs v\d/);
  expect(stdout).toMatch(/^ {2}plan\s+plan v\d+ on inputs v4, \d+% complete/m);
  expect(stdout).toMatch(
    /^ {2}removed_input \S+\s+removed at inputs v4 \S+Z: "nut-free cake" added by \S+ \S+Z; understood: dietary nut-free \(about cake\)$/m,
  );
  // "Why 75 guests?": the party's merged facts, and the input that said it.
  expect(stdout).toMatch(
    /^ {2}facts\s+guests 75, budget .*\$1,500, theme jungle \(merged from 2 input\(s\)/m,
  );
  expect(stdout).toMatch(
    /^ {2}input \S+\s+"jungle theme for 75 guests" added by \S+; understood: guests 75, theme jungle/m,
  );
  expect(stdout).toMatch(/party\.input\.added .*"budget \$1500" -> inputs v2; understood: budget .*\$1,500/);
  expect(stdout).toMatch(
    /^reach: the log holds \d+ message\(s\), seq 1-\d+ \(.*\), from the first: nothing earlier was lost; every message is kept as long as the party, which expires \d{4}-/m,
  );

  const lines = await historyLines(party.partyId);
  const events = eventsOf(lines);
  const seqs = events.map((event) => event.seq);
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  expect(events.every((event) => event.source === 'log' && event.correlation_id && event.causation_id)).toBe(
    true,
  );
  // The removal's request is the correlation of everything it caused, down to the plan built on it.
  const removal = events.find((event) => event.type === 'party.input.removed');
  const plans = events.filter((event) => event.type === 'party.plan.updated');
  expect(plans.at(-1)?.correlation_id).toBe(removal?.correlation_id);
  expect(removal?.causation_id).toBe(removal?.correlation_id);
  const planVersions = plans.map((event) => Number(/plan v(\d+)/.exec(event.outcome)?.[1]));
  expect(planVersions).toEqual([...planVersions].sort((a, b) => a - b));
  expect(planVersions.at(-1)).toBe(state.final_plan?.plan_version);
  expect(lines.at(-1)).toMatchObject({ kind: 'reach', oldest_seq: 1, missing_before: 0, holes: [] });
  // --json gives what was understood as fields: per input, on its event and under now, and merged.
  const now = lines.filter((line) => line.kind === 'now');
  expect(now.find((line) => line.subject === 'facts')?.facts).toMatchObject({
    guest_count: 75,
    themes: ['jungle'],
    dietary: [],
  });
  expect(now.find((line) => line.subject === 'removed_input')).toMatchObject({
    id: cake,
    time: expect.stringMatching(/Z$/),
    content: 'nut-free cake',
    understood: { categories: ['cake'], facts: expect.objectContaining({ dietary: ['nut-free'] }) },
  });
  const added = events.filter((event) => event.type === 'party.input.added');
  expect(added.map((event) => event.understood?.facts.guest_count ?? null)).toEqual([75, null, null]);
  expect(testCloud.accessDenials()).toEqual([]);
}, 120_000);

it('shows an event that failed, then was redriven, in the history like any other', async () => {
  const party = await startParty('jungle theme for 75 guests');
  await planOfInputs(party, 1);
  cloud.faults.failInvocationShare = 1;
  await addInput(party, 'budget $1500');
  await cloud.idle();
  cloud.faults.failInvocationShare = 0;
  // The input is stored, but its event never reached the broadcaster: only the state knows of it.
  const before = eventsOf(await historyLines(party.partyId));
  expect(before.filter((event) => event.outcome.includes('"budget $1500"'))).toEqual([
    expect.objectContaining({ type: 'party.input.added', source: 'state', seq: null }),
  ]);

  const target = await connect(
    { stackName: PARTY_CLOUD.stackName, endpoint: cloud.endpoints.cloudformation },
    'failed',
  );
  const summary = await redrive(target, { queue: 'failed', partyId: party.partyId, dryRun: false }, () => {});
  expect(summary.redriven).toBeGreaterThanOrEqual(1);
  await planOfInputs(party, 2);

  const after = eventsOf(await historyLines(party.partyId));
  const added = after.filter((event) => event.outcome.includes('"budget $1500"'));
  expect(added).toEqual([expect.objectContaining({ type: 'party.input.added', source: 'log' })]);
  const plan = after.filter((event) => event.type === 'party.plan.updated').at(-1);
  expect(plan?.outcome).toMatch(/on inputs v2/);
  expect(plan?.correlation_id).toBe(added[0]?.correlation_id);
}, 120_000);

it('ends quietly with 0 when its reader has gone (`| head`), where it crashed on EPIPE', async () => {
  const party = await startParty('jungle theme for 75 guests');
  await planOfInputs(party, 1);
  const child = spawn('npx', ['tsx', 'bin/history.ts', '--party', party.partyId, '--local'], {
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      PARTY_PLANNER_EVENTBRIDGE_PORT: portOf(cloud.endpoints.cloudformation),
      PARTY_PLANNER_DYNAMODB_PORT: portOf(cloud.endpoints.dynamodb),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Closed before the history prints: every line it writes then meets a closed pipe, as after `head`.
  child.stdout.destroy();
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(stderr).not.toMatch(/EPIPE|Error/);
}, 60_000);

it('says a party it does not know is not found, and exits 1', async () => {
  await expect(history(['--party', 'fpNOSUCHPARTY0001'])).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/^party fpNOSUCHPARTY0001 not found: /),
  });
}, 60_000);

it('says what to do when no local cloud answers, and asks for --party', async () => {
  const closed = String(await closedPort());
  await expect(
    history(['--party', 'fpANY'], { eventbridge: closed, dynamodb: closed }),
  ).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/ECONNREFUSED[\s\S]*is `npm start` running\?/),
  });
  await expect(history([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--party') });
}, 60_000);

it('says how to name a region when AWS has none', async () => {
  const { AWS_REGION: _region, AWS_DEFAULT_REGION: _default, AWS_PROFILE: _profile, ...env } = process.env;
  const run = promisify(execFile)('npx', ['tsx', 'bin/history.ts', '--party', 'fpANY'], {
    env: {
      ...env,
      FORCE_COLOR: '0',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    },
  });
  await expect(run).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(
      /^history failed: .*[Rr]egion is missing[\s\S]*set AWS_REGION[\s\S]*add --local/,
    ),
  });
}, 60_000);

it('answers a mistyped or valueless flag with its message and the usage (exit 2), not a stack trace', async () => {
  await expect(history(['--party', 'fpANY', '--jsn'])).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/^Unknown option '--jsn'/),
    stdout: expect.stringMatching(/^Usage: npm run history/),
  });
  await expect(history(['--party'])).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/^Option '--party'/),
  });
}, 60_000);
