import { describe, expect, it } from 'vitest';
import type { PartyEvent } from '#shared/contracts/events.ts';
import { type HeldLog, HistoryLine, type LoggedMessage } from '#shared/contracts/history.ts';
import type { PartyState } from '#shared/contracts/party.ts';
import { createEvent } from '#shared/domain/event-factory.ts';
import { newParty } from '#shared/domain/party/transitions.ts';
import { toMessage } from '#shared/use-cases/broadcast/from-event.ts';
import { refreshRequired } from '#shared/use-cases/broadcast/oversize.ts';
import { formatHistory, notFoundSentence, partyHistory } from '#shared/use-cases/history/history.ts';
import { reachOf } from '#shared/use-cases/history/reach.ts';
import { factsText, understoodText } from '#shared/use-cases/history/understood.ts';
import { sampleEvents } from '#test/fixtures/events.ts';
import { agentResult, input, plan } from '#test/fixtures/party.ts';

const PARTY = 'fp2026SAMPLE0001';
/** 2027-05-23T12:00:00.000Z */
const EXPIRES = Date.parse('2027-05-23T12:00:00.000Z') / 1000;

/** The sample events as the broadcaster logs them, numbered from `from`. */
function logged(events: readonly PartyEvent[], from = 1): LoggedMessage[] {
  return events
    .flatMap((event) => {
      const message = toMessage(event, 0);
      if (!message) return [];
      return [message];
    })
    .map((message, index) => ({
      seq: from + index,
      allocated_at: 0,
      expires_at: EXPIRES,
      causation_id: `cause-of-${message.type}`,
      message: { ...message, seq: from + index },
    }));
}

const logOf = (entries: LoggedMessage[], last = entries.at(-1)?.seq ?? 0): HeldLog => ({
  last_seq: last,
  entries,
});

function stateWith(extra: Partial<PartyState> = {}): PartyState {
  return { ...newParty(PARTY, '2026-11-24T10:00:00.000Z', [input('inp_1', 'jungle theme')]), ...extra };
}

const events = (lines: readonly HistoryLine[]) => lines.filter((line) => line.kind === 'event');

describe('partyHistory', () => {
  it('lists the logged events in seq order, by their bus type, with ids, agent and outcome', () => {
    const log = logOf(logged(sampleEvents()));
    const lines = partyHistory({ partyId: PARTY, state: null, log, partyExpiresAt: null }) ?? [];
    const listed = events(lines);
    expect(listed.map((event) => event.seq)).toEqual(log.entries.map((entry) => entry.seq));
    expect(listed.map((event) => event.type)).toEqual(
      sampleEvents()
        .filter((event) => event.type !== 'party.agent.should_execute')
        .map((event) => event.type),
    );
    expect(listed[0]).toMatchObject({
      source: 'log',
      correlation_id: 'req-sample',
      causation_id: 'cause-of-input_added',
      agent: null,
      outcome:
        'added inp_1 "I want a jungle theme party for my 5 year old" -> inputs v1; understood: age 5, for kids, theme jungle (about theme)',
      understood: { categories: ['theme'], facts: expect.objectContaining({ age: 5, themes: ['jungle'] }) },
    });
    expect(listed.slice(1).every((event) => event.understood === null)).toBe(true);
    expect(listed.find((event) => event.type === 'party.input.removed')?.outcome).toBe(
      'removed inp_1 by user (user_action) -> inputs v2',
    );
    const failed = listed.find((event) => event.type === 'party.agent.failed');
    expect(failed?.agent).toMatch(/_agent$/);
    expect(failed?.outcome).toMatch(/^failed on inputs v\d+: /);
    expect(listed.find((event) => event.type === 'party.plan.updated')?.outcome).toMatch(
      /^plan v\S+ on inputs v\d+, \d+% complete/,
    );
    expect(listed.find((event) => event.type === 'party.budget.updated')?.outcome).toContain(
      'total 950-2400',
    );
  });

  it('puts what only the state remembers before the log when it is older than all the log holds', () => {
    const [removed] = sampleEvents().filter((event) => event.type === 'party.input.removed');
    const log = logOf(logged(removed ? [removed] : [], 2));
    const state = stateWith({
      active_agents: {
        theme_agent: agentResult('theme_agent', 1, { completed_at: '2026-11-24T12:00:05.000Z' }),
      },
    });
    const listed = events(partyHistory({ partyId: PARTY, state, log, partyExpiresAt: EXPIRES }) ?? []);
    expect(listed.map((event) => [event.source, event.type])).toEqual([
      ['state', 'party.input.added'],
      ['state', 'party.agent.completed'],
      ['log', 'party.input.removed'],
    ]);
    expect(listed[0]).toMatchObject({ seq: null, time: '2026-11-24T12:00:00.000Z', correlation_id: null });
    expect(listed[0]?.outcome).toContain('inp_1 "jungle theme" (from the state');
  });

  it('leaves out of the state-only events an input or a run that the log holds', () => {
    const added = createEvent(
      'party.input.added',
      PARTY,
      { ...input('inp_1', 'jungle theme'), inputs_version: 1 },
      { correlation_id: 'req-1', causation_id: 'req-1' },
    );
    const lines = partyHistory({
      partyId: PARTY,
      state: stateWith(),
      log: logOf(logged([added])),
      partyExpiresAt: EXPIRES,
    });
    expect(events(lines ?? []).map((event) => event.source)).toEqual(['log']);
  });

  it('ends with the state as it stands: party, plan, budget, agents, inputs, removals', () => {
    const state = stateWith({
      inputs_version: 3,
      final_plan: plan(80, { inputs_version: 2, plan_version: 4, missing_agents: ['cake_agent'] }),
      active_agents: {
        venue_agent: agentResult('venue_agent', 3, { status: 'failed', error: 'no venue fits' }),
      },
      removed_inputs: { inp_2: 3 },
    });
    const lines = partyHistory({ partyId: PARTY, state, log: logOf([]), partyExpiresAt: EXPIRES }) ?? [];
    const facts = lines.filter((line) => line.kind === 'now');
    expect(facts.map((fact) => [fact.subject, fact.id])).toEqual([
      ['party', null],
      ['facts', null],
      ['plan', null],
      ['budget', null],
      ['agent', 'venue_agent'],
      ['input', 'inp_1'],
      ['removed_input', 'inp_2'],
    ]);
    expect(facts[2]?.detail).toBe(
      'plan v4 on inputs v2, 80% complete, missing cake_agent (behind the inputs)',
    );
    expect(facts[4]?.detail).toMatch(/^failed on inputs v3: no venue fits \(started .*, ended .*\)$/);
    // The log holds nothing of the removed input: its text is not known, nor when it went.
    expect(facts[6]).toMatchObject({
      inputs_version: 3,
      time: null,
      content: null,
      understood: null,
      detail: 'removed at inputs v3: text not known (the log no longer holds its input_added message)',
    });
  });

  it('says what each input was understood to say, and the facts they merge into', () => {
    const state = stateWith({
      inputs: [
        input('inp_1', 'jungle theme for 30 guests, budget up to $700'),
        input('inp_2', 'actually 25 guests, nut-free please'),
      ],
    });
    const lines = partyHistory({ partyId: PARTY, state, log: logOf([]), partyExpiresAt: EXPIRES }) ?? [];
    const now = lines.filter((line) => line.kind === 'now');
    // "Why 25 guests?": the merged facts say 25, and the second input is the one that said it.
    expect(now.find((line) => line.subject === 'facts')).toMatchObject({
      facts: expect.objectContaining({ guest_count: 25, themes: ['jungle'], dietary: ['nut-free'] }),
      detail:
        'guests 25, budget up to $700, dietary nut-free, theme jungle (merged from 2 input(s), the latest statement winning)',
    });
    expect(now.filter((line) => line.subject === 'input').map((line) => line.detail)).toEqual([
      '"jungle theme for 30 guests, budget up to $700" added by tester; understood: guests 30, budget up to $700, theme jungle (about theme, venue)',
      '"actually 25 guests, nut-free please" added by tester; understood: guests 25, dietary nut-free (about venue, catering)',
    ]);
    expect(now.find((line) => line.id === 'inp_2')).toMatchObject({
      content: 'actually 25 guests, nut-free please',
      understood: { categories: ['venue', 'catering'], facts: expect.objectContaining({ guest_count: 25 }) },
    });
    // An input the log never got shows its understanding on its state-only event line too.
    expect(events(lines)[1]).toMatchObject({
      source: 'state',
      understood: expect.objectContaining({ categories: ['venue', 'catering'] }),
      outcome: expect.stringMatching(/; understood: guests 25, dietary nut-free \(about venue, catering\)$/),
    });
  });

  it('shows a removed input with its text and removal time while the log holds its messages', () => {
    const cake = input('inp_2', 'nut-free cake');
    const added = createEvent(
      'party.input.added',
      PARTY,
      { ...cake, inputs_version: 2 },
      {
        correlation_id: 'req-2',
        causation_id: 'req-2',
      },
    );
    const removed = createEvent(
      'party.input.removed',
      PARTY,
      { input_id: 'inp_2', removed_by: 'user', reason: 'user_action', inputs_version: 3 },
      { correlation_id: 'req-3', causation_id: 'req-3' },
    );
    const log = logOf(logged([added, removed]));
    const state = stateWith({ inputs_version: 3, removed_inputs: { inp_2: 3 } });
    const lines = partyHistory({ partyId: PARTY, state, log, partyExpiresAt: EXPIRES }) ?? [];
    expect(lines.find((line) => line.kind === 'now' && line.subject === 'removed_input')).toMatchObject({
      id: 'inp_2',
      time: removed.occurred_at,
      inputs_version: 3,
      content: 'nut-free cake',
      understood: { categories: ['cake'], facts: expect.objectContaining({ dietary: ['nut-free'] }) },
      detail: `removed at inputs v3 ${removed.occurred_at}: "nut-free cake" added by tester ${cake.added_at}; understood: dietary nut-free (about cake)`,
    });
  });

  it('puts understood facts in few words, and says when nothing was understood', () => {
    const none = input('inp_9', 'hello there').understood;
    expect(understoodText(none)).toBe('understood: nothing (the plan asks the host to clarify it)');
    expect(factsText(none.facts)).toBe('nothing');
    const range = { min: 800, max: 1500, currency: 'EUR', kind: 'range' as const };
    expect(factsText({ ...none.facts, budget: range, date: '2026-12-12', time: '15:00' })).toBe(
      'budget €800-€1,500, date 2026-12-12 15:00',
    );
    expect(understoodText({ categories: ['cake'], facts: none.facts })).toBe('understood: about cake');
  });

  it('says the budget as it compares with the one the host stated', () => {
    const budget = {
      total_budget: { min: 486, max: 948 },
      breakdown: {},
      based_on_agents: ['venue_agent', 'cake_agent'],
      stated_budget: { min: null, max: 1500, currency: 'USD', kind: 'ceiling' as const },
      status: 'under' as const,
      inputs_version: 3,
    };
    const lines = partyHistory({
      partyId: PARTY,
      state: stateWith({ budget }),
      log: logOf([]),
      partyExpiresAt: null,
    });
    expect(lines?.find((line) => line.kind === 'now' && line.subject === 'budget')).toMatchObject({
      detail: 'on inputs v3: total 486-948, stated up to 1500 USD (under), from venue_agent, cake_agent',
    });
  });

  it('names the replaced type of a message too big to log', () => {
    const [planned] = sampleEvents().filter((event) => event.type === 'party.plan.updated');
    const message = planned && toMessage(planned, 1);
    if (!message) throw new Error('no plan message');
    const standIn = refreshRequired(message, 400_000);
    const [entry] = logged([]);
    const log = logOf([
      {
        ...(entry ?? { seq: 1, allocated_at: 0, expires_at: EXPIRES, causation_id: null }),
        message: standIn,
      },
    ]);
    const [event] = events(partyHistory({ partyId: PARTY, state: null, log, partyExpiresAt: null }) ?? []);
    expect(event).toMatchObject({ type: 'party.plan.updated', outcome: expect.stringContaining('too big') });
  });

  it('is null when the table keeps nothing of the party, which the sentence says', () => {
    expect(partyHistory({ partyId: PARTY, state: null, log: logOf([], 7), partyExpiresAt: null })).toBeNull();
    expect(notFoundSentence(PARTY)).toMatch(/^party fp2026SAMPLE0001 not found: .*180 days/);
  });

  it('gives lines that the history schema reads back, as --json prints them', () => {
    const lines = partyHistory({
      partyId: PARTY,
      state: stateWith(),
      log: logOf(logged(sampleEvents())),
      partyExpiresAt: EXPIRES,
    });
    for (const line of lines ?? []) expect(HistoryLine.parse(JSON.parse(JSON.stringify(line)))).toEqual(line);
    expect(lines?.at(-1)?.kind).toBe('reach');
    // What was understood travels as fields, not only as words in the detail.
    const facts = lines?.find((line) => line.kind === 'now' && line.subject === 'facts');
    expect(facts).toMatchObject({ facts: expect.objectContaining({ themes: ['jungle'] }) });
    const inputLine = lines?.find((line) => line.kind === 'now' && line.subject === 'input');
    expect(inputLine).toMatchObject({ content: 'jungle theme', understood: expect.any(Object) });
  });
});

describe('reachOf', () => {
  it('says a log that starts at seq 1 lost nothing, and when the party expires', () => {
    const log = logOf(logged(sampleEvents()));
    const reach = reachOf(log, EXPIRES);
    expect(reach).toMatchObject({
      held: log.entries.length,
      oldest_seq: 1,
      newest_seq: log.entries.length,
      missing_before: 0,
      holes: [],
      party_expires_at: '2027-05-23T12:00:00.000Z',
    });
    expect(reach.statement).toContain('nothing earlier was lost');
    expect(reach.statement).toContain('expires 2027-05-23T12:00:00.000Z (180 days after its last change');
  });

  it('says which seqs are gone before the oldest held, and which are missing after it', () => {
    const entries = logged(sampleEvents(), 5).filter((entry) => entry.seq !== 7);
    const reach = reachOf(logOf(entries, 14), EXPIRES);
    expect(reach).toMatchObject({ oldest_seq: 5, missing_before: 4, holes: [7, 13, 14] });
    expect(reach.statement).toContain('seq 1-4 are gone');
    expect(reach.statement).toContain('seq 7, 13, 14 not held');
  });

  it('says so when the log holds nothing, or the state is gone', () => {
    expect(reachOf(logOf([], 0), EXPIRES).statement).toMatch(/^the log holds no message/);
    expect(reachOf(logOf([], 3), null)).toMatchObject({ missing_before: 3, party_expires_at: null });
    expect(reachOf(logOf([], 3), null).statement).toContain("the party's state is gone");
  });
});

describe('formatHistory', () => {
  it('prints the events as a table, then the state, then the reach', () => {
    const lines = partyHistory({
      partyId: PARTY,
      state: stateWith(),
      log: logOf(logged(sampleEvents())),
      partyExpiresAt: EXPIRES,
    });
    const text = formatHistory(PARTY, lines ?? []);
    expect(text[0]).toMatch(/^history of party fp2026SAMPLE0001: \d+ event\(s\)$/);
    expect(text[1]).toMatch(/^SEQ\s+TIME\s+EVENT TYPE\s+AGENT\s+CORRELATION\s+CAUSATION\s+OUTCOME$/);
    expect(text[2]).toMatch(
      /^1\s+\d{4}-\S+Z\s+party\.input\.added\s+-\s+req-sample\s+cause-of-input_added\s+added inp_1/,
    );
    expect(text).toContain('now:');
    expect(text.at(-1)).toMatch(/^reach: the log holds \d+ message\(s\), seq 1-\d+/);
  });
});
