import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '#shared/client/index.ts';
import { plan } from '#test/fixtures/party.ts';
import { applyMessage, emptyView } from '../../web/src/party-view.ts';

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
