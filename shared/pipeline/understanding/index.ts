import type { InputUnderstanding } from '#shared/pipeline/facts.ts';
import { classify } from './classify.ts';
import { extractFacts } from './extract-facts.ts';
import { normalize } from './text.ts';

export { mergeFacts } from './merge-facts.ts';

/**
 * What one free-text input is about (its categories) and what it states (its facts). Pure and
 * deterministic: it reads no clock, so relative dates stay phrases.
 */
export function understandInput(content: string): InputUnderstanding {
  const text = normalize(content);
  const { facts, signals } = extractFacts(text, content);
  return { categories: classify(text, facts, signals), facts };
}
