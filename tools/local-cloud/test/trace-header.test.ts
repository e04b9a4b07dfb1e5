import { describe, expect, it } from 'vitest';
import {
  formatTraceHeader,
  invocationTraceHeader,
  newTraceRoot,
  parseTraceHeader,
} from '../src/trace-header.ts';

const ROOT = '1-67891233-abcdef012345678912345678';
const WELL_FORMED = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$/;

describe('X-Ray trace header', () => {
  it('reads Root, Parent and Sampled, and writes them back', () => {
    const header = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
    expect(parseTraceHeader(header)).toEqual({ root: ROOT, parent: '53995c3f42cd8ad8', sampled: true });
    expect(formatTraceHeader(parseTraceHeader(header) ?? { root: '', parent: null, sampled: null })).toBe(
      header,
    );
    expect(parseTraceHeader(`Root=${ROOT}`)).toEqual({ root: ROOT, parent: null, sampled: null });
    // Other keys (Lineage, application data) ride along and do not spoil the header.
    expect(parseTraceHeader(`Root=${ROOT};Sampled=0;Lineage=a87bd80c:1`)?.sampled).toBe(false);
  });

  it.each([
    ['no Root', 'Parent=53995c3f42cd8ad8;Sampled=1'],
    ['a Root of the wrong version', 'Root=2-67891233-abcdef012345678912345678'],
    ['a short Root', 'Root=1-6789123-abcdef012345678912345678'],
    ['upper-case hex', 'Root=1-67891233-ABCDEF012345678912345678'],
    ['a short Parent', `Root=${ROOT};Parent=53995c3f42cd8ad`],
    ['Sampled other than 0 or 1', `Root=${ROOT};Sampled=?`],
    ['a key twice', `Root=${ROOT};Root=${ROOT}`],
    ['a part without =', `Root=${ROOT};Sampled`],
    ['nothing', ''],
  ])('refuses %s', (_, header) => {
    expect(parseTraceHeader(header)).toBeNull();
  });

  it('starts a trace at the current second with 96 random bits', () => {
    const root = newTraceRoot(new Date('2026-12-04T16:00:00Z'));
    expect(root).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Number.parseInt(root.slice(2, 10), 16)).toBe(Date.parse('2026-12-04T16:00:00Z') / 1000);
    expect(newTraceRoot()).not.toBe(newTraceRoot());
  });

  it('continues the upstream trace with a new parent, keeping its sampling decision', () => {
    const upstream = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0`;
    const header = invocationTraceHeader(upstream);
    expect(header).toMatch(WELL_FORMED);
    expect(parseTraceHeader(header)).toMatchObject({ root: ROOT, sampled: false });
    expect(parseTraceHeader(header)?.parent).not.toBe('53995c3f42cd8ad8');
    expect(parseTraceHeader(invocationTraceHeader(`Root=${ROOT}`))).toMatchObject({
      root: ROOT,
      sampled: true,
    });
  });

  it('starts a new, sampled trace without an upstream one, or with one X-Ray would drop', () => {
    for (const upstream of [undefined, 'Root=nonsense']) {
      const header = invocationTraceHeader(upstream);
      expect(header).toMatch(WELL_FORMED);
      expect(header).toMatch(/;Sampled=1$/);
      expect(parseTraceHeader(header)?.root).not.toBe(ROOT);
    }
  });
});
