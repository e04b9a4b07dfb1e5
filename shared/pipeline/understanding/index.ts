import type { InputUnderstanding } from '#shared/pipeline/facts.ts';
import { classify } from './classify.ts';
import { extractFacts } from './extract-facts.ts';
import { normalize } from './text.ts';

export { mergeFacts } from './merge-facts.ts';

/**
 * Texts a container has understood. Every pipeline handler understands all of a party's inputs
 * again (the analyzer, agents, budget and planner each read the whole party), and understanding is
 * pure, so a warm container does each text once: it was the costliest part of the handlers' own work.
 */
const understood = new Map<string, InputUnderstanding>();
const REMEMBERED_TEXTS = 1_000;

/**
 * What one free-text input is about (its categories) and what it states (its facts). Pure and
 * deterministic: it reads no clock, so relative dates stay phrases. Each call returns its own copy.
 */
export function understandInput(content: string): InputUnderstanding {
  let known = understood.get(content);
  if (!known) {
    const text = normalize(content);
    const { facts, signals } = extractFacts(text, content);
    known = { categories: classify(text, facts, signals), facts };
    understood.set(content, known);
    // Oldest first out: Map keeps insertion order.
    if (understood.size > REMEMBERED_TEXTS) understood.delete(understood.keys().next().value as string);
  }
  return structuredClone(known);
}
