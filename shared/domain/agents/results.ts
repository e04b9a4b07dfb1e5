import * as z from 'zod/mini';
import '#shared/contracts/zod.ts';
import { Confidence, StatedBudget } from '#shared/contracts/primitives.ts';
import { DietaryNeed, VendorKind, VenueKind } from '#shared/contracts/understanding.ts';
import { ServiceStyle, Setting, VendorCategory, VenueType } from '#shared/domain/suppliers/schema.ts';

// Results are stored as plain JSON and read back by the budget agent, the planner and the browser;
// these schemas are their contract. Every field is required (null when unknown) because optional
// fields would let `undefined` in, which JSON drops.

const Score = z.number().check(z.gte(0), z.lte(1));
const Amount = z.number().check(z.gte(0));
const Strings = z.array(z.string());
/**
 * What the host must see, in plain words: a dietary need nobody meets, nothing at the stated
 * location, something recommended that alone costs more than the whole budget, a budget in a
 * currency that cannot be compared, a requested kind of vendor the catalog lacks. Empty when none.
 */
const Warnings = z.array(z.string());

/** What a recommendation is expected to cost, in the catalog's currency. */
export const CostRange = z.object({ min: Amount, max: Amount });
export type CostRange = z.infer<typeof CostRange>;

export const DietaryFit = z.object({
  requested: z.array(DietaryNeed),
  /** True when the first recommendation meets every requested need. */
  fully_met: z.boolean(),
  /** Requested needs the first recommendation cannot meet. */
  unmet: z.array(DietaryNeed),
  /** Options left out because an option that meets every need exists. */
  excluded_count: z.int().check(z.gte(0)),
});
export type DietaryFit = z.infer<typeof DietaryFit>;

export const THEME_SOURCES = ['stated', 'suggested', 'custom'] as const;

export const ThemeResult = z.object({
  /** A catalog theme id, or the stated theme itself when the catalog has nothing like it. */
  primary_theme: z.string(),
  theme_name: z.string(),
  /** stated: the party named it; suggested: inferred from age and occasion; custom: named, not in the catalog. */
  source: z.enum(THEME_SOURCES),
  secondary_themes: Strings,
  theme_scores: z.record(z.string(), Score),
  confidence: Confidence,
  colors: Strings,
  decorations: Strings,
  activities: Strings,
  style_tags: Strings,
  warnings: Warnings,
  summary: z.string(),
});
export type ThemeResult = z.infer<typeof ThemeResult>;

export const VenueRecommendation = z.object({
  id: z.string(),
  name: z.string(),
  type: VenueType,
  /** Seats at most, as in the original result; `min_guests` is where the space starts to feel empty. */
  capacity: z.int(),
  min_guests: z.int(),
  location: z.string(),
  daily_price: Amount,
  required_fees: Amount,
  total_price: Amount,
  setting: Setting,
  amenities: Strings,
  rating: z.number(),
  theme_fit_score: Score,
  match_score: Score,
  notes: z.string(),
  reasons: Strings,
});
export type VenueRecommendation = z.infer<typeof VenueRecommendation>;

export const VenueResult = z.object({
  recommended_venues: z.array(VenueRecommendation),
  total_matches: z.int().check(z.gte(0)),
  search_criteria: z.object({
    guest_count: z.nullable(z.int()),
    budget: z.nullable(StatedBudget),
    theme: z.nullable(z.string()),
    location: z.nullable(z.string()),
    /** The kind of place asked for; `home` means no venue to rent. */
    venue_kind: z.nullable(VenueKind),
  }),
  data_source: z.string(),
  estimated_cost: z.nullable(CostRange),
  warnings: Warnings,
  assumptions: Strings,
  summary: z.string(),
});
export type VenueResult = z.infer<typeof VenueResult>;

export const CAKE_SIZE_RECOMMENDATIONS = ['small', 'medium', 'large', 'tiered'] as const;

export const BakeryRecommendation = z.object({
  id: z.string(),
  name: z.string(),
  specialties: Strings,
  custom_designs: z.boolean(),
  dietary_options: z.array(DietaryNeed),
  price_range: z.object({ small: Amount, medium: Amount, large: Amount }),
  tiered_price_per_serving: Amount,
  rating: z.number(),
  lead_time_days: z.int(),
  theme_match_score: Score,
  meets_dietary: z.boolean(),
  missing_dietary: z.array(DietaryNeed),
  /** This bakery's price for the recommended size and servings. */
  estimated_price: Amount,
  match_score: Score,
  reasons: Strings,
});
export type BakeryRecommendation = z.infer<typeof BakeryRecommendation>;

export const CakeResult = z.object({
  recommended_bakeries: z.array(BakeryRecommendation),
  cake_style: z.string(),
  theme: z.nullable(z.string()),
  decorations: Strings,
  servings: z.int().check(z.gte(1)),
  size_recommendation: z.enum(CAKE_SIZE_RECOMMENDATIONS),
  dietary_fit: DietaryFit,
  estimated_cost: z.nullable(CostRange),
  warnings: Warnings,
  assumptions: Strings,
  summary: z.string(),
});
export type CakeResult = z.infer<typeof CakeResult>;
export type CakeSizeRecommendation = CakeResult['size_recommendation'];

export const CatererRecommendation = z.object({
  id: z.string(),
  name: z.string(),
  cuisine: Strings,
  service_styles: z.array(ServiceStyle),
  cost_per_head: CostRange,
  dietary_options: z.array(DietaryNeed),
  minimum_guests: z.int(),
  rating: z.number(),
  meets_dietary: z.boolean(),
  missing_dietary: z.array(DietaryNeed),
  match_score: Score,
  reasons: Strings,
});
export type CatererRecommendation = z.infer<typeof CatererRecommendation>;

export const MenuEntry = z.object({
  name: z.string(),
  course: z.string(),
  dietary: z.array(DietaryNeed),
  caterer_id: z.string(),
});
export type MenuEntry = z.infer<typeof MenuEntry>;

export const CateringResult = z.object({
  recommended_caterers: z.array(CatererRecommendation),
  /** Dishes of the first recommendation that meet every stated need. */
  menu: z.array(MenuEntry),
  cost_per_head: z.nullable(CostRange),
  /** The stated guest count, or null. */
  guest_count: z.nullable(z.int()),
  /** Guests the estimate is for: the stated or assumed count, raised to the caterer's minimum. */
  billed_guests: z.int().check(z.gte(0)),
  estimated_cost: z.nullable(CostRange),
  dietary_fit: DietaryFit,
  warnings: Warnings,
  assumptions: Strings,
  summary: z.string(),
});
export type CateringResult = z.infer<typeof CateringResult>;

export const VENDOR_PRIORITIES = ['essential', 'optional'] as const;
export const AGE_GROUPS = ['kids', 'teens', 'adults', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const VendorRecommendation = z.object({
  id: z.string(),
  name: z.string(),
  category: VendorCategory,
  kind: z.nullable(VendorKind),
  /** Asked for by name: always essential and counted in `estimated_cost`. */
  requested: z.boolean(),
  price_min: Amount,
  price_max: Amount,
  rating: z.number(),
  description: z.string(),
  priority: z.enum(VENDOR_PRIORITIES),
  match_score: Score,
  reasons: Strings,
});
export type VendorRecommendation = z.infer<typeof VendorRecommendation>;

export const VendorResult = z.object({
  /** The best vendor of each category that has a suitable one, essential categories first. */
  recommended_vendors: z.array(VendorRecommendation),
  /** Every suitable vendor id per category, best first, for "show alternatives". */
  by_category: z.record(z.string(), Strings),
  theme: z.nullable(z.string()),
  age_group: z.enum(AGE_GROUPS),
  /** The essential vendors together: every requested one, and the age group's essentials when none was requested. */
  estimated_cost: z.nullable(CostRange),
  /** The optional vendors together, kept apart so that nice-to-haves do not inflate the budget. */
  optional_cost: z.nullable(CostRange),
  warnings: Warnings,
  assumptions: Strings,
  summary: z.string(),
});
export type VendorResult = z.infer<typeof VendorResult>;
