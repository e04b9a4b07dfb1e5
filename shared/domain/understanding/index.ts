import type { InputFacts, InputUnderstanding } from '#shared/contracts/understanding.ts';
import { classify } from './classify.ts';
import { correctionParts } from './corrections.ts';
import { extractFacts } from './extract-facts.ts';
import { mergeFacts } from './merge-facts.ts';
import { normalize } from './text.ts';
import { correctTypos } from './typos.ts';

export { mergeFacts };

/**
 * What one free-text input is about (its categories) and what it states (its facts). Pure and
 * deterministic: relative dates ("next Saturday") are resolved against `addedAt`, the ISO moment the
 * input entered the system, never against the clock. Runs once per input, when it is added; the
 * pipeline reads the stored result.
 */
export function understandInput(content: string, addedAt: string): InputUnderstanding {
  const read = (part: string) => {
    const { text, original } = correctTypos(normalize(part), part);
    return { text, ...extractFacts(text, original, addedAt) };
  };
  const whole = read(content);
  const parts = correctionParts(content);
  if (parts.length === 1)
    return { categories: classify(whole.text, whole.facts, whole.signals), facts: whole.facts };
  // A correction inside the input: each part is read as its own input, the later winning.
  const said: InputFacts[] = [];
  for (const part of parts) {
    const facts = read(part).facts;
    const counted = said.some((earlier) => earlier.guest_count !== null);
    said.push(counted && onlyANumber(part, facts) ? read(`${part} guests`).facts : facts);
  }
  const facts = mergeFacts(said);
  return { categories: classify(whole.text, facts, whole.signals), facts };
}

/**
 * "40 guests. Actually 45": a correction that is a bare number, where nothing else was read, takes
 * the unit of the count it corrects.
 */
function onlyANumber(part: string, facts: InputFacts): boolean {
  const numbers = [facts.guest_count, facts.budget, facts.age, facts.date, facts.time];
  return numbers.every((value) => value === null) && /\b\d+\b/.test(part);
}
