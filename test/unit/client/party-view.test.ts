import { describe, expect, it } from 'vitest';
import { ApiError, type DeliveredMessage } from '#shared/client/index.ts';
import type { Budget } from '#shared/contracts/party.ts';
import { type InputFacts, type InputUnderstanding, NO_FACTS } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import { plan } from '#test/fixtures/party.ts';
import { budgetVerdict } from '#web/src/budget-status.ts';
import { checkIdea, EMPTY_IDEA } from '#web/src/idea-form.ts';
import { IdeaQueue, type IdeaQueueOptions, isTransient, newInputId } from '#web/src/idea-queue.ts';
import { humanLabel, venueTypeLabel } from '#web/src/labels.ts';
import { applyMessage, emptyView } from '#web/src/party-view.ts';
import { formatBudget, NOT_UNDERSTOOD, understoodChips } from '#web/src/understood.ts';

const base = {
  party_id: 'fpTESTPARTY0001',
  event_id: '00000000-0000-4000-8000-000000000001',
  correlation_id: 'c',
  timestamp: '2026-11-24T00:00:00.000Z',
  message: '',
  status: null,
  result: null,
  error: null,
};

const completed = (seq: number, inputsVersion: number, theme: string): DeliveredMessage => ({
  ...base,
  seq,
  type: 'agent_completed',
  agent: 'theme_agent',
  status: 'completed',
  result: { theme },
  payload: { execution_id: `e${seq}`, confidence: 1, execution_time_ms: 1, inputs_version: inputsVersion },
});

const removed = (seq: number, inputsVersion: number): DeliveredMessage => ({
  ...base,
  seq,
  type: 'agent_data_removed',
  agent: 'theme_agent',
  payload: { reason: 'input removed', removed_input_id: 'i1', inputs_version: inputsVersion },
});

const planned = (seq: number, planVersion: number, completion: number): DeliveredMessage => ({
  ...base,
  seq,
  type: 'plan_updated',
  agent: null,
  payload: plan(completion, { inputs_version: 4, plan_version: planVersion }),
});

describe('the page view model', () => {
  it('shows the plan with the highest plan_version when an older one arrives later', () => {
    let view = emptyView();
    for (const message of [planned(1, 1, 50), planned(2, 3, 100), planned(3, 2, 75)])
      view = applyMessage(view, message);
    expect(view.plan?.completion_percent).toBe(100);
  });

  it('keeps the result of the newer inputs when an older run finishes later', () => {
    let view = emptyView();
    for (const message of [completed(1, 2, 'space'), completed(2, 1, 'jungle')])
      view = applyMessage(view, message);
    expect(view.results.theme_agent?.result).toEqual({ theme: 'space' });
    expect(view.timeline).toHaveLength(2);
  });

  it('keeps a removed result out when a run from before the removal finishes after it', () => {
    let view = emptyView();
    for (const message of [completed(1, 1, 'jungle'), removed(2, 2), completed(3, 1, 'jungle')])
      view = applyMessage(view, message);
    expect(view.results.theme_agent).toBeUndefined();
    view = applyMessage(view, completed(4, 3, 'space'));
    expect(view.results.theme_agent?.result).toEqual({ theme: 'space' });
  });
});

const understood = (facts: Partial<InputFacts>, categories: InputUnderstanding['categories'] = []) => ({
  categories,
  facts: { ...NO_FACTS, ...facts },
});
const chipTexts = (value: InputUnderstanding) => understoodChips(value, 2026).map((chip) => chip.text);

const started = (seq: number, inputsVersion: number, executionId: string): DeliveredMessage => ({
  ...base,
  seq,
  type: 'agent_started',
  agent: 'theme_agent',
  status: 'running',
  payload: { execution_id: executionId, inputs_version: inputsVersion },
});

describe('which agents the page shows as working', () => {
  it('does not show an agent working again when its started comes after its own completed', () => {
    let view = emptyView();
    for (const message of [completed(1, 1, 'jungle'), started(2, 1, 'e1')])
      view = applyMessage(view, message);
    expect(view.running.size).toBe(0);
  });

  it('ends a run when it finishes even if newer inputs arrived meanwhile, but not for an older run', () => {
    let view = applyMessage(emptyView(), started(1, 1, 'e9'));
    view = applyMessage(view, {
      ...base,
      seq: 2,
      type: 'input_added',
      agent: null,
      payload: {
        input_id: 'i2',
        content: 'more',
        source_type: 'text',
        tags: [],
        added_by: 'host',
        added_at: base.timestamp,
        understood: { categories: [], facts: NO_FACTS },
        inputs_version: 2,
      },
    });
    view = applyMessage(view, {
      ...completed(3, 1, 'jungle'),
      payload: { ...completed(3, 1, 'x').payload, execution_id: 'e9' },
    } as DeliveredMessage);
    expect(view.running.size).toBe(0);
    view = applyMessage(view, started(4, 2, 'e10'));
    view = applyMessage(view, completed(5, 1, 'old'));
    expect([...view.running]).toEqual(['theme_agent']);
  });
});

describe('the chips of what an idea was understood to say', () => {
  it('names every fact in a few words', () => {
    expect(
      chipTexts(
        understood(
          {
            guest_count: 75,
            budget: { min: null, max: 1500, currency: 'USD', kind: 'amount' },
            date: '2026-12-12',
            time: '15:00',
            age: 60,
            occasion: 'birthday',
            venue_kind: 'rooftop',
            dietary: ['nut-free'],
            themes: ['jungle'],
            requests: ['band'],
            excluded: ['unicorn'],
          },
          ['theme', 'venue', 'cake', 'vendor'],
        ),
      ),
    ).toEqual([
      '75 guests',
      '$1,500',
      'Sat 12 Dec 15:00',
      'age 60',
      'birthday',
      'jungle',
      'rooftop',
      'nut-free',
      'live band',
      'not unicorn',
      'cake',
    ]);
  });

  it('names the food asked for and who the party is for, instead of a bare catering chip', () => {
    expect(
      chipTexts(understood({ guest_count: 30, foods: ['pizza'], audience: 'kids' }, ['venue', 'catering'])),
    ).toEqual(['30 guests', 'kids', 'pizza', 'venue']);
  });

  it('says how a budget was stated, in its currency, also without a max', () => {
    expect(formatBudget({ min: null, max: 900, currency: 'EUR', kind: 'ceiling' })).toBe('up to €900');
    expect(formatBudget({ min: null, max: 2000, currency: 'AUD', kind: 'amount' })).toBe('A$2,000');
    expect(formatBudget({ min: 1000, max: 2000, currency: 'USD', kind: 'range' })).toBe('$1,000–$2,000');
    expect(formatBudget({ min: 500, max: null, currency: 'USD', kind: 'floor' })).toBe('at least $500');
    expect(formatBudget({ min: null, max: 1500, currency: 'GBP', kind: 'approximate' })).toBe('about £1,500');
    expect(formatBudget({ min: 500, max: null, currency: 'USD', kind: 'amount' })).toBe('at least $500');
  });

  it('shows the year of a date only when it is not this year, and one guest as one guest', () => {
    expect(chipTexts(understood({ date: '2027-01-02', guest_count: 1 }))).toEqual([
      '1 guest',
      'Sat 2 Jan 2027',
    ]);
  });

  it('says so when nothing was understood, and gives every chip a label for screen readers', () => {
    expect(chipTexts(understood({}))).toEqual([NOT_UNDERSTOOD]);
    expect(understoodChips(undefined)).toEqual([
      { kind: 'unknown', label: 'Understood', text: NOT_UNDERSTOOD },
    ]);
    for (const chip of understoodChips(understood({ guest_count: 3, themes: ['space'] }, ['cake'])))
      expect(chip.label).not.toBe('');
  });
});

describe('the view model with the new input fields', () => {
  it('keeps the understanding of an added input', () => {
    const view = applyMessage(emptyView(), {
      ...base,
      seq: 1,
      type: 'input_added',
      agent: null,
      payload: {
        input_id: 'i1',
        content: 'at least $500',
        source_type: 'text',
        tags: [],
        added_by: 'host',
        added_at: base.timestamp,
        understood: understood({ budget: { min: 500, max: null, currency: 'USD', kind: 'floor' } }),
        inputs_version: 1,
      },
    });
    expect(view.inputs[0]?.understood.facts.budget?.max).toBeNull();
    expect(chipTexts(view.inputs[0]?.understood ?? understood({}))).toEqual(['at least $500']);
  });
});

/** A server that answers each POST when the test says so, recording what was sent and when. */
function fakeServer() {
  const sent: { input_id: string; content: string }[] = [];
  const waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: IdeaQueueOptions['send'] = (idea) => {
    sent.push({ ...idea });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<void>((resolve, reject) =>
      waiting.push({
        resolve: () => {
          inFlight -= 1;
          resolve();
        },
        reject: (error) => {
          inFlight -= 1;
          reject(error);
        },
      }),
    );
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    sent,
    send,
    flush,
    maxInFlight: () => maxInFlight,
    async answer(error?: unknown) {
      await flush();
      const next = waiting.shift();
      if (!next) throw new Error('no request in flight');
      if (error === undefined) next.resolve();
      else next.reject(error);
      await flush();
    },
  };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('the queue of ideas the page sends', () => {
  it('sends ideas submitted at once one at a time, in order, each under its own input_id', async () => {
    const server = fakeServer();
    const queue = new IdeaQueue({ send: server.send, onChange: () => {}, sleep: async () => {} });
    const ideas = ['one', 'two', 'three', 'four', 'five'].map((content) => queue.submit(content));
    expect(queue.items.map((item) => item.state)).toEqual([
      'sending',
      'queued',
      'queued',
      'queued',
      'queued',
    ]);
    for (let i = 0; i < 5; i++) await server.answer();
    expect(server.sent.map((idea) => idea.content)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(server.maxInFlight()).toBe(1);
    expect(new Set(server.sent.map((idea) => idea.input_id)).size).toBe(5);
    expect(server.sent.map((idea) => idea.input_id)).toEqual(ideas.map((idea) => idea.inputId));
    expect(queue.items.every((item) => item.state === 'sent')).toBe(true);
    queue.reconcile(ideas.map((idea) => idea.inputId));
    expect(queue.items).toEqual([]);
  });

  it('retries a transient failure under the same input_id, and holds the next idea back meanwhile', async () => {
    const server = fakeServer();
    const queue = new IdeaQueue({ send: server.send, onChange: () => {}, sleep: async () => {} });
    queue.submit('first');
    queue.submit('second');
    await server.answer(new ApiError(0, 'network', 'offline'));
    await server.answer(new ApiError(503, 'busy', 'try again'));
    await server.answer();
    await server.answer();
    expect(server.sent.map((idea) => idea.content)).toEqual(['first', 'first', 'first', 'second']);
    expect(new Set(server.sent.slice(0, 3).map((idea) => idea.input_id)).size).toBe(1);
  });

  it('marks a rejected idea failed, goes on with the next, and retries or discards it on demand', async () => {
    const server = fakeServer();
    const queue = new IdeaQueue({ send: server.send, onChange: () => {}, sleep: async () => {} });
    const bad = queue.submit('x'.repeat(10));
    queue.submit('fine');
    await server.answer(new ApiError(413, 'too_large', 'too long'));
    expect(queue.items[0]).toMatchObject({ state: 'failed', error: 'too long' });
    await server.answer();
    queue.retry(bad.inputId);
    expect(queue.items.map((item) => item.content)).toEqual(['fine', 'x'.repeat(10)]);
    await server.answer(new ApiError(413, 'too_large', 'too long'));
    expect(server.sent.at(-1)?.input_id).toBe(bad.inputId);
    queue.discard(bad.inputId);
    expect(queue.items.map((item) => item.content)).toEqual(['fine']);
  });

  it('gives up on a transient failure after its attempts, as failed', async () => {
    const server = fakeServer();
    const queue = new IdeaQueue({
      send: server.send,
      onChange: () => {},
      sleep: async () => {},
      maxAttempts: 2,
    });
    queue.submit('idea');
    await server.answer(new ApiError(0, 'network', 'offline'));
    await server.answer(new ApiError(0, 'network', 'offline'));
    expect(queue.items[0]?.state).toBe('failed');
    expect(isTransient(new ApiError(429, 'quota', 'slow down'))).toBe(true);
    expect(isTransient(new ApiError(400, 'invalid', 'bad'))).toBe(false);
  });

  it('keeps unsent ideas across a reload and sends them again under the same input_id', async () => {
    const storage = memoryStorage();
    const first = fakeServer();
    const before = new IdeaQueue({
      send: first.send,
      onChange: () => {},
      storage,
      storageKey: 'k',
      sleep: async () => {},
    });
    const a = before.submit('a');
    const b = before.submit('b');
    await first.answer(); // a is sent; b is in flight when the page goes away
    before.dispose();
    const second = fakeServer();
    const after = new IdeaQueue({ send: second.send, onChange: () => {}, storage, storageKey: 'k' });
    expect(after.items.map((item) => item.inputId)).toEqual([b.inputId]);
    await second.answer();
    expect(second.sent).toEqual([{ input_id: b.inputId, content: 'b' }]);
    expect(a.inputId).not.toBe(b.inputId);
    expect(storage.data.has('k')).toBe(false);
  });

  it('drops a sent idea that a whole state no longer has (removed meanwhile), and on its removal', async () => {
    const server = fakeServer();
    const queue = new IdeaQueue({ send: server.send, onChange: () => {} });
    const a = queue.submit('a');
    const b = queue.submit('b');
    await server.answer();
    queue.reconcile([], true);
    expect(queue.items.map((item) => item.inputId)).toEqual([b.inputId]);
    await server.answer();
    queue.forget(b.inputId);
    expect(queue.items).toEqual([]);
    expect(a.inputId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(newInputId()).not.toBe(newInputId());
  });
});

describe('what the page says about the budget', () => {
  const usd = (amount: number) => `$${amount.toLocaleString('en-US')}`;
  const range = (min: number, max: number) => ({ min, max });
  const stated = { min: null, max: 1500, currency: 'USD', kind: 'ceiling' as const };
  const priced = (status: Budget['status'], difference: number | null): Budget => ({
    total_budget: range(1200, 1800),
    breakdown: { venue: range(800, 1100), cake: range(400, 700) },
    based_on_agents: ['venue_agent', 'cake_agent'],
    stated_budget: stated,
    status,
    difference,
    inputs_version: 3,
  });

  it('shows within as a caution, not a success: the dearer options go over', () => {
    const verdict = budgetVerdict(priced('within', 300), usd);
    expect(verdict.tone).toBe('caution');
    expect(verdict.text).toMatch(/^Cheaper options fit your budget; dearer ones would go over/);
    expect(verdict.text).toContain('$300');
    expect(verdict.text).not.toMatch(/within budget/i);
  });

  it('shows under in green, over in red with its least excess, and no comparison as neutral', () => {
    expect(budgetVerdict(priced('under', -200), usd)).toEqual({ tone: 'good', text: 'Under budget' });
    expect(budgetVerdict(priced('over', 250), usd)).toEqual({
      tone: 'bad',
      text: 'Over budget by at least $250',
    });
    expect(budgetVerdict(priced('unknown', null), usd).tone).toBe('neutral');
    expect(budgetVerdict({ ...priced('unknown', null), stated_budget: null }, usd)).toEqual({
      tone: 'neutral',
      text: 'No budget stated yet',
    });
  });

  it('says nothing is priced yet instead of a $0 total under a stated budget', () => {
    const empty: Budget = {
      ...priced('under', -1500),
      total_budget: range(0, 0),
      breakdown: {},
      based_on_agents: [],
    };
    expect(budgetVerdict(empty, usd)).toEqual({ tone: 'neutral', text: 'Nothing priced yet' });
    expect(budgetVerdict({ ...empty, breakdown: { venue: range(0, 0) } }, usd).text).toBe(
      'Nothing priced yet',
    );
  });

  it('writes one currency one way: a symbol where there is one, else the code after the number', () => {
    expect(formatMoney(2000, 'AUD')).toBe('A$2,000');
    expect(formatMoney(2000, 'cad')).toBe('C$2,000');
    expect(formatMoney(2000, 'EUR')).toBe('€2,000');
    expect(formatMoney(2000, 'GBP')).toBe('£2,000');
    expect(formatMoney(2000, 'JPY')).toBe('¥2,000');
    expect(formatMoney(2000, 'SEK')).toBe('2,000 SEK');
    expect(formatBudget({ min: null, max: 2000, currency: 'SEK', kind: 'ceiling' })).toBe('up to 2,000 SEK');
  });
});

describe('labels instead of catalog ids', () => {
  it('turns ids into words and says nothing for other', () => {
    expect(humanLabel('community_center')).toBe('community center');
    expect(humanLabel('banquet_hall')).toBe('banquet hall');
    expect(humanLabel('under_the_sea')).toBe('under the sea');
    expect(humanLabel('face_painter')).toBe('face painter');
    expect(humanLabel('dj')).toBe('DJ');
    expect(humanLabel('nut-free')).toBe('nut-free');
    expect(humanLabel('other')).toBe('');
    expect(venueTypeLabel('other')).toBe('');
    expect(venueTypeLabel('home')).toBe('private home');
  });

  it('shows theme ids and vendor kinds in the chips as words', () => {
    expect(
      chipTexts(
        understood({ themes: ['under_the_sea'], requests: ['face_painter'], excluded: ['bounce_house'] }),
      ),
    ).toEqual(['under the sea', 'face painter', 'not bounce house']);
  });
});

describe('the idea box', () => {
  it('refuses an idea of only spaces with a short message, and trims a real one', () => {
    expect(checkIdea('   ')).toEqual({ error: EMPTY_IDEA });
    expect(checkIdea('')).toEqual({ error: EMPTY_IDEA });
    expect(EMPTY_IDEA).toBe('Type an idea first');
    expect(checkIdea('  a cake  ')).toEqual({ content: 'a cake' });
  });
});
