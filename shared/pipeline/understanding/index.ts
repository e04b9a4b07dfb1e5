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
  const known = understood.get(content) ?? understandText(content);
  // Least recently used out first: a Map keeps insertion order, so a text used again moves to the end.
  understood.delete(content);
  understood.set(content, known);
  if (understood.size > REMEMBERED_TEXTS) understood.delete(understood.keys().next().value as string);
  return structuredClone(known);
}

/** The understanding itself, without the container's memory of texts (exported for its tests). */
export function understandText(content: string): InputUnderstanding {
  const text = normalize(content);
  const { facts, signals } = extractFacts(text, content);
  return { categories: classify(text, facts, signals), facts };
}
