import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTY_CHANGES_PER_MINUTE, VARIABLES } from '#shared/contracts/environment.ts';
import { EnvironmentError, parseVariable } from '#shared/lambda/environment.ts';

describe('the functions read their environment', () => {
  it('names every variable once, as the stack and the runtime spell it', () => {
    expect(VARIABLES).toEqual({
      TABLE_NAME: 'TABLE_NAME',
      EVENT_BUS_NAME: 'EVENT_BUS_NAME',
      WEBSOCKET_MANAGEMENT_ENDPOINT: 'WEBSOCKET_MANAGEMENT_ENDPOINT',
      PARTY_CHANGES_PER_MINUTE: 'PARTY_CHANGES_PER_MINUTE',
      POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
      POWERTOOLS_METRICS_NAMESPACE: 'POWERTOOLS_METRICS_NAMESPACE',
    });
  });

  it('takes good values as they are', () => {
    expect(parseVariable('TABLE_NAME', { TABLE_NAME: 'party-table' })).toBe('party-table');
    expect(parseVariable('EVENT_BUS_NAME', { EVENT_BUS_NAME: 'party-bus' })).toBe('party-bus');
    const endpoint = 'https://abc123def4.execute-api.us-east-1.amazonaws.com/live';
    expect(parseVariable('WEBSOCKET_MANAGEMENT_ENDPOINT', { WEBSOCKET_MANAGEMENT_ENDPOINT: endpoint })).toBe(
      endpoint,
    );
    const local = 'http://127.0.0.1:4001';
    expect(parseVariable('WEBSOCKET_MANAGEMENT_ENDPOINT', { WEBSOCKET_MANAGEMENT_ENDPOINT: local })).toBe(
      local,
    );
    expect(parseVariable('PARTY_CHANGES_PER_MINUTE', { PARTY_CHANGES_PER_MINUTE: '5' })).toBe(5);
  });

  it('fails on a missing required value, naming the variable', () => {
    for (const name of ['TABLE_NAME', 'EVENT_BUS_NAME', 'WEBSOCKET_MANAGEMENT_ENDPOINT'] as const) {
      expect(() => parseVariable(name, {})).toThrow(
        new EnvironmentError(`environment variable ${name} is not set`),
      );
      // An empty value is what a template that lost its reference leaves behind: as good as unset.
      expect(() => parseVariable(name, { [name]: '' })).toThrow(`environment variable ${name} is not set`);
    }
  });

  it('fails on a bad value, naming the variable, the value and what it must be', () => {
    expect(() => parseVariable('TABLE_NAME', { TABLE_NAME: '   ' })).toThrow(
      'environment variable TABLE_NAME is invalid ("   "): must not be empty',
    );
    expect(() =>
      parseVariable('WEBSOCKET_MANAGEMENT_ENDPOINT', {
        WEBSOCKET_MANAGEMENT_ENDPOINT: 'wss://example.com/live',
      }),
    ).toThrow(
      /^environment variable WEBSOCKET_MANAGEMENT_ENDPOINT is invalid \("wss:\/\/example.com\/live"\)/,
    );
    for (const bad of ['0', '-5', '1.5', 'sixty', '60 ']) {
      expect(() => parseVariable('PARTY_CHANGES_PER_MINUTE', { PARTY_CHANGES_PER_MINUTE: bad })).toThrow(
        `environment variable PARTY_CHANGES_PER_MINUTE is invalid (${JSON.stringify(bad)}): must be a whole number of at least 1`,
      );
    }
  });

  it('falls back to the documented defaults where the code has one', () => {
    expect(parseVariable('PARTY_CHANGES_PER_MINUTE', {})).toBe(DEFAULT_PARTY_CHANGES_PER_MINUTE);
    expect(DEFAULT_PARTY_CHANGES_PER_MINUTE).toBe(60);
    expect(parseVariable('POWERTOOLS_SERVICE_NAME', {})).toBe('party-planner');
    expect(parseVariable('POWERTOOLS_METRICS_NAMESPACE', {})).toBe('PartyPlanner');
  });
});
