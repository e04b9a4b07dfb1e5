import * as z from 'zod/mini';
import { StatedBudget } from '#shared/schemas/primitives.ts';

/** The categories an input can concern; each has the agent of the same name. */
export const CATEGORIES = ['theme', 'venue', 'cake', 'catering', 'vendor'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const DIETARY_NEEDS = [
  'vegan',
  'vegetarian',
  'nut-free',
  'gluten-free',
  'dairy-free',
  'egg-free',
  'halal',
  'kosher',
] as const;
export const DietaryNeed = z.enum(DIETARY_NEEDS);
export type DietaryNeed = z.infer<typeof DietaryNeed>;

export type { StatedBudget } from '#shared/schemas/primitives.ts';

/** What one input says, beyond its categories. Absent facts are null or empty. */
export const InputFacts = z.object({
  guest_count: z.nullable(z.int().check(z.gte(1))),
  budget: z.nullable(StatedBudget),
  /** ISO date (YYYY-MM-DD) when the text names a calendar date, else the phrase ("next Saturday"). */
  date: z.nullable(z.string()),
  age: z.nullable(z.int().check(z.gte(0))),
  occasion: z.nullable(z.string()),
  location: z.nullable(z.string()),
  dietary: z.array(DietaryNeed),
  colors: z.array(z.string()),
  styles: z.array(z.string()),
  /** Theme names the input mentions ("jungle", "space", "unicorn"), lower case. */
  themes: z.array(z.string()),
});
export type InputFacts = z.infer<typeof InputFacts>;

export const InputUnderstanding = z.object({
  categories: z.array(Category),
  facts: InputFacts,
});
export type InputUnderstanding = z.infer<typeof InputUnderstanding>;

/** The facts of a whole party: later inputs win for single values, lists are merged. */
export const PartyFacts = InputFacts;
export type PartyFacts = InputFacts;

/** A party about which nothing is known yet. */
export const NO_FACTS: PartyFacts = {
  guest_count: null,
  budget: null,
  date: null,
  age: null,
  occasion: null,
  location: null,
  dietary: [],
  colors: [],
  styles: [],
  themes: [],
};
