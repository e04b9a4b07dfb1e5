import type { InputUnderstanding } from '#shared/contracts/understanding.ts';
import { classify } from './classify.ts';
import { extractFacts } from './extract-facts.ts';
import { normalize } from './text.ts';
import { correctTypos } from './typos.ts';

export { mergeFacts } from './merge-facts.ts';

/**
 * What one free-text input is about (its categories) and what it states (its facts). Pure and
 * deterministic: relative dates ("next Saturday") are resolved against `addedAt`, the ISO moment the
 * input entered the system, never against the clock. Runs once per input, when it is added; the
 * pipeline reads the stored result.
 */
export function understandInput(content: string, addedAt: string): InputUnderstanding {
  const { text, original } = correctTypos(normalize(content), content);
  const { facts, signals } = extractFacts(text, original, addedAt);
  return { categories: classify(text, facts, signals), facts };
}
