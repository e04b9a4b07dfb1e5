import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidEventPatternError,
  testEventPattern,
} from '../src/eventbridge/event-pattern/compile.ts';
import { compileBranches, exhaustiveMatcher } from '../src/eventbridge/event-pattern/matching.ts';
import { compileField } from '../src/eventbridge/event-pattern/values.ts';
import { awsMessages, conformanceCases, isRecord } from './support/conformance.ts';

function compileError(pattern: unknown): InvalidEventPatternError {
  try {
    compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error;
    throw error;
  }
  throw new Error('the pattern compiled');
}

const CASES = conformanceCases();
const AWS_MESSAGES = awsMessages();

describe('EventBridge conformance cases', () => {
  it('finds the recorded cases', () => {
    expect(CASES.length).toBeGreaterThan(150);
  });

  it.each(CASES)('$name', ({ name, pattern, event, expected }) => {
    if (expected === 'invalid') {
      const error = compileError(pattern);
      expect(error.code).toBe('InvalidEventPatternException');
      const message = AWS_MESSAGES.get(name);
      if (message) expect(error.message).toBe(message);
    } else {
      expect(compileEventPattern(pattern)(event)).toBe(expected === 'match');
    }
  });
});

describe('event patterns', () => {
  const matches = (pattern: unknown, event: unknown) => testEventPattern(pattern, event);

  it('keeps fields of one match within one array element', () => {
    const pattern = { detail: { items: { name: ['cake'], quantity: [2] } } };
    const split = {
      detail: {
        items: [
          { name: 'cake', quantity: 1 },
          { name: 'tea', quantity: 2 },
        ],
      },
    };
    const together = {
      detail: {
        items: [
          { name: 'tea', quantity: 1 },
          { name: 'cake', quantity: 2 },
        ],
      },
    };
    expect(matches(pattern, split)).toBe(false);
    expect(matches(pattern, together)).toBe(true);
  });

  it('judges exists:false against the array elements chosen by fields whose names sort before it', () => {
    // event-ruler visits fields in name order: "tasks.id" < "tasks.status.reason" < "tasks.zone".
    const event = {
      tasks: [
        { id: 't1', zone: 'z1' },
        { id: 't2', zone: 'z2', status: { reason: 'late' } },
      ],
    };
    expect(matches({ tasks: { id: ['t1'], status: { reason: [{ exists: false }] } } }, event)).toBe(true);
    expect(matches({ tasks: { zone: ['z1'], status: { reason: [{ exists: false }] } } }, event)).toBe(false);
    expect(matches({ tasks: { status: { reason: [{ exists: false }] } } }, event)).toBe(false);
  });

  it('treats null as a present value, and empty arrays and objects as no value', () => {
    expect(matches({ x: [{ exists: true }] }, { x: null })).toBe(true);
    expect(matches({ x: [{ exists: false }] }, { x: null })).toBe(false);
    expect(matches({ x: [{ exists: false }] }, { x: [] })).toBe(true);
    expect(matches({ x: [{ exists: false }] }, { x: { y: 1 } })).toBe(true);
    expect(matches({ x: [null] }, { x: [] })).toBe(false);
    expect(matches({ x: [{ 'anything-but': 'a' }] }, { x: [] })).toBe(false);
  });

  it('offers every spelling of a dotted path, nested or with dots in keys', () => {
    const pattern = { a: { b: [1], c: [3] } };
    expect(matches(pattern, { a: { b: 0, c: 3 }, 'a.b': 1 })).toBe(true);
    expect(matches(pattern, { 'a.b': 1, 'a.c': 3 })).toBe(true);
    expect(matches(pattern, { a: { b: 0, c: 3 }, 'a.b': 2 })).toBe(false);
  });

  it('lets the later of two spellings of one path win, as duplicate keys do', () => {
    const pattern = { a: { b: ['first'] }, 'a.b': ['second'] };
    expect(matches(pattern, { a: { b: 'second' } })).toBe(true);
    expect(matches(pattern, { a: { b: 'first' } })).toBe(false);
  });

  it('compares numbers as numbers and never as strings', () => {
    expect(matches({ n: [300] }, { n: 3.0e2 })).toBe(true);
    expect(matches({ n: [300] }, { n: '300' })).toBe(false);
    expect(matches({ n: ['300'] }, { n: 300 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>=', 0, '<', 1] }] }, { n: [5, 0.5] })).toBe(true);
    expect(matches({ n: [{ 'anything-but': [1, 2] }] }, { n: 'text' })).toBe(true);
  });

  it('compares IP literals and CIDR blocks as addresses', () => {
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:0001' })).toBe(true);
    const block = { ip: [{ cidr: '10.0.0.0/24' }] };
    expect(['10.0.0.0', '10.0.0.255', '10.0.1.0'].map((ip) => matches(block, { ip }))).toEqual([
      true,
      true,
      false,
    ]);
    expect(compileError({ ip: [{ cidr: '10.0.0.1/32' }] }).reason).toBe('IPv4 mask bits must be < 32');
  });

  it('reads wildcard escapes and refuses unknown ones', () => {
    const pattern = { f: [{ wildcard: 'a\\*b*' }] };
    expect(matches(pattern, { f: 'a*bc' })).toBe(true);
    expect(matches(pattern, { f: 'axbc' })).toBe(false);
    expect(compileError({ f: [{ wildcard: 'a\\b' }] }).reason).toBe('Invalid escape character at pos 2');
  });

  it('folds case per pattern character, even where the spellings differ in length', () => {
    expect(matches({ s: [{ 'equals-ignore-case': 'straße' }] }, { s: 'STRASSE' })).toBe(true);
    expect(matches({ s: [{ prefix: { 'equals-ignore-case': 'Party.' } }] }, { s: 'PARTY.added' })).toBe(true);
  });

  it('nests $or at any level', () => {
    const pattern = {
      source: ['app'],
      $or: [
        { detail: { kind: ['a'] } },
        { detail: { $or: [{ size: [{ numeric: ['>', 10] }] }, { tags: { vip: [true] } }] } },
      ],
    };
    expect(matches(pattern, { source: 'app', detail: { kind: 'a' } })).toBe(true);
    expect(matches(pattern, { source: 'app', detail: { size: 11 } })).toBe(true);
    expect(matches(pattern, { source: 'app', detail: { tags: [{ vip: true }] } })).toBe(true);
    expect(matches(pattern, { source: 'app', detail: { size: 3 } })).toBe(false);
    expect(matches(pattern, { source: 'other', detail: { kind: 'a' } })).toBe(false);
  });

  it('refuses malformed rules with the reasons AWS gives', () => {
    const reasons = [
      {},
      { detail: {} },
      '{"source": ["a"]',
      ['a'],
      { $or: [{ a: ['x'] }] },
      { $or: [{ prefix: ['x'] }, { b: ['y'] }] },
      { a: [['x']] },
      { a: [{ numeric: ['>', 5, '<', 5] }] },
      { a: [{ prefix: 'x', suffix: 'y' }] },
      { a: [{ 'anything-but': ['x', 1] }] },
    ].map((pattern) => compileError(pattern).reason);
    expect(reasons).toEqual([
      'Empty objects are not allowed',
      'Empty objects are not allowed',
      expect.stringContaining('JSON'),
      'Filter is not an object',
      'There must have at least 2 Objects in $or relationship.',
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
      'Match value must be String, number, true, false, or null',
      'Bottom must be less than top',
      'Only one key allowed in match expression',
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ]);
  });

  it('matches only JSON objects as events', () => {
    const matcher = compileEventPattern({ a: [{ exists: false }] });
    expect(matcher({})).toBe(true);
    expect([null, [], 'a', 1].map((event) => matcher(event))).toEqual([false, false, false, false]);
  });
});

describe('the fast matcher', () => {
  /** A small deterministic generator (LCG), so that a failure reproduces. */
  function randomSource(seed: number) {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const pick = <T>(options: readonly T[]): T => {
      const option = options[Math.floor(next() * options.length)];
      if (option === undefined) throw new Error('nothing to pick from');
      return option;
    };
    return { next, pick };
  }

  it('agrees with the exhaustive transcription of event-ruler on random events', () => {
    const { next, pick } = randomSource(2024);
    const keys = ['a', 'b', 'c'];
    const fieldLists: unknown[][] = [
      [1],
      ['x'],
      [null],
      [{ exists: true }],
      [{ exists: false }],
      [{ 'anything-but': 'x' }],
      [{ exists: false }, 'y'],
      [{ numeric: ['>', 1] }],
    ];
    const randomValue = (depth: number): unknown => {
      const roll = next();
      if (depth > 3 || roll < 0.4) return pick([1, 2, 'x', 'y', null, true]);
      if (roll < 0.7) {
        // Now and then a dotted key, which spells a nested path.
        const entries = Array.from({ length: 1 + Math.floor(next() * 3) }, () => [
          next() < 0.15 ? 'a.b' : pick(keys),
          randomValue(depth + 1),
        ]);
        return Object.fromEntries(entries);
      }
      return Array.from({ length: Math.floor(next() * 3) }, () => randomValue(depth + 1));
    };

    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const branch = new Map(
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
          const path = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(keys)).join('.');
          return [path, compileField(pick(fieldLists))] as const;
        }),
      );
      const event = randomValue(0);
      if (!isRecord(event)) continue;
      const fast = compileBranches([branch])(event);
      if (fast !== exhaustiveMatcher(branch)(event)) {
        disagreements.push(`${[...branch.keys()].join(', ')} on ${JSON.stringify(event)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
