import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';

// CI checks the conformance data out beside the repository, as `../shared`; this package sits in the
// repository's `tools/local-cloud`.
const CONFORMANCE = fileURLToPath(
  new URL('../../../../../shared/conformance/eventbridge-patterns/', import.meta.url),
);

type Outcome = 'match' | 'no match' | 'invalid';

export interface ConformanceCase {
  readonly name: string;
  readonly pattern: unknown;
  readonly event: unknown;
  readonly expected: Outcome;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dig(value: unknown, ...keys: string[]): unknown {
  return keys.reduce((current, key) => (isRecord(current) ? current[key] : undefined), value);
}

function readCase(file: string): ConformanceCase {
  const parsed: unknown = JSON5.parse(readFileSync(`${CONFORMANCE}${file}`, 'utf8'));
  if (!isRecord(parsed) || !('Event' in parsed) || !('EventPattern' in parsed)) {
    throw new Error(`${file} is not { Event, EventPattern }`);
  }
  const expected = file.endsWith('_EXC.json5')
    ? 'invalid'
    : file.endsWith('_NEG.json5')
      ? 'no match'
      : 'match';
  return { name: file, pattern: parsed.EventPattern, event: parsed.Event, expected };
}

export function conformanceCases(): ConformanceCase[] {
  // Failing (not skipping) keeps CI honest; the message says what a clone without the data lacks.
  if (!existsSync(CONFORMANCE))
    throw new Error(
      `the EventBridge conformance cases are missing: expected ${CONFORMANCE}, the shared/ folder that CI checks out beside the repository (../shared/conformance/eventbridge-patterns)`,
    );
  const files = readdirSync(CONFORMANCE).filter((file) => file.endsWith('.json5'));
  return [
    ...files.sort().map(readCase),
    {
      name: 'complex_multi_key_event.json',
      // The raw text, so that its duplicate key reaches the compiler.
      pattern: readFileSync(`${CONFORMANCE}complex_multi_key_event_pattern.json`, 'utf8'),
      event: JSON.parse(readFileSync(`${CONFORMANCE}complex_multi_key_event.json`, 'utf8')),
      expected: 'match',
    },
  ];
}

/** The messages AWS returned for the `_EXC` cases, by case name. */
export function awsMessages(): Map<string, string> {
  const snapshot: unknown = JSON.parse(readFileSync(`${CONFORMANCE}aws-responses.snapshot.json`, 'utf8'));
  const messages = new Map<string, string>();
  for (const [test, recorded] of Object.entries(isRecord(snapshot) ? snapshot : {})) {
    const name = /\[(.+)\]$/.exec(test)?.[1];
    if (!name) continue;
    const message = dig(recorded, 'recorded-content', name, 'exception_message', 'Error', 'Message');
    if (typeof message === 'string') messages.set(`${name}.json5`, message);
  }
  return messages;
}
