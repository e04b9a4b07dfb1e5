import * as z from 'zod/mini';
import { StatedBudget } from './primitives.ts';

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

/**
 * The kind of place asked for. `home` covers a backyard, a garden or the host's own place: no rental
 * is needed there.
 */
export const VENUE_KINDS = ['home', 'restaurant', 'rooftop', 'bar', 'hall', 'park', 'beach'] as const;
export const VenueKind = z.enum(VENUE_KINDS);
export type VenueKind = z.infer<typeof VenueKind>;

/** Suppliers a host can ask for by name; a requested kind is an essential line item. */
export const VENDOR_KINDS = [
  'dj',
  'band',
  'photographer',
  'videographer',
  'florist',
  'magician',
  'face_painter',
  'bounce_house',
  'balloon_arch',
  'photo_booth',
  'balloon_artist',
  'clown',
] as const;
export const VendorKind = z.enum(VENDOR_KINDS);
export type VendorKind = z.infer<typeof VendorKind>;

export const AUDIENCES = ['kids', 'teens', 'adults'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

/** What one input states. Absent facts are null or empty. */
export const InputFacts = z.object({
  guest_count: z.nullable(z.int().check(z.gte(1))),
  budget: z.nullable(StatedBudget),
  /** ISO date (YYYY-MM-DD), resolved against the moment the input was added ("next Saturday"). */
  date: z.nullable(z.string()),
  /** Time of day, 24-hour `HH:MM`, when the input names one. */
  time: z.nullable(z.string()),
  age: z.nullable(z.int().check(z.gte(0))),
  /**
   * Who the party is for when no age says it: "a party for 20 kids" (kids), "adults only" (adults).
   * An age, when known, decides instead.
   */
  audience: z.nullable(Audience),
  occasion: z.nullable(z.string()),
  location: z.nullable(z.string()),
  venue_kind: z.nullable(VenueKind),
  dietary: z.array(DietaryNeed),
  colors: z.array(z.string()),
  styles: z.array(z.string()),
  /** Theme names the input mentions ("jungle", "space", "unicorn"), lower case, as stated in order. */
  themes: z.array(z.string()),
  /** Dishes or cuisines asked for ("we want pizza", "Indian food", "a taco bar"), lower case. */
  foods: z.array(z.string()),
  /** Vendor kinds asked for by name ("we'd love a live band"). */
  requests: z.array(VendorKind),
  /**
   * What the input rules out ("no unicorns", "not too formal", "nothing princess"), lower case, in
   * the vocabulary of themes, styles, colours and vendor kinds. A later mention brings it back.
   */
  excluded: z.array(z.string()),
});
export type InputFacts = z.infer<typeof InputFacts>;

/** What was understood of one input when it entered the system; stored with the input. */
export const InputUnderstanding = z.object({
  categories: z.array(Category),
  facts: InputFacts,
});
export type InputUnderstanding = z.infer<typeof InputUnderstanding>;

/**
 * The facts of a whole party, merged from its inputs oldest first: the latest statement wins for
 * single values; lists are merged without repeats, minus what a later input excluded; `themes` puts
 * the latest stated theme first (the primary), earlier ones follow as alternates.
 */
export const PartyFacts = InputFacts;
export type PartyFacts = InputFacts;

/** A party about which nothing is known yet. */
export const NO_FACTS: PartyFacts = {
  guest_count: null,
  budget: null,
  date: null,
  time: null,
  age: null,
  audience: null,
  occasion: null,
  location: null,
  venue_kind: null,
  dietary: [],
  colors: [],
  styles: [],
  themes: [],
  foods: [],
  requests: [],
  excluded: [],
};
