import * as z from 'zod/mini';
import '#shared/contracts/zod.ts';
import { DietaryNeed, VendorKind, VenueKind } from '#shared/contracts/understanding.ts';

// Ids double as the names that results and other catalog items refer to (a venue's theme affinities,
// a theme's `primary_theme`), so they stay stable, lower case and free of spaces.
const CatalogId = z.string().check(z.regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits or _'));
const Label = z.string().check(z.minLength(1));
const Labels = z.array(Label);
/** Whole currency units of the catalog's currency. */
const Price = z.number().check(z.gte(0));
const Rating = z.number().check(z.gte(0), z.lte(5));
const Share = z.number().check(z.gte(0), z.lte(1));

/** Inclusive ages of the person the party is for; adults' ranges end at 99. */
export const AgeRange = z.object({
  min: z.int().check(z.gte(0)),
  max: z.int().check(z.gte(0)),
});
export type AgeRange = z.infer<typeof AgeRange>;

/** Who a venue or act is for: children's play spaces and bars are not for everyone. */
export const AUDIENCES = ['kids', 'adults', 'all'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

/** Neighbourhoods a supplier serves (delivers to, travels to); venues are where they are. */
const ServiceAreas = z.array(Label).check(z.minLength(1));

export const SETTINGS = ['indoor', 'outdoor', 'either'] as const;
export const Setting = z.enum(SETTINGS);
export type Setting = z.infer<typeof Setting>;

export const Theme = z.object({
  id: CatalogId,
  name: Label,
  /** Words people use for the theme; matching ignores case, plurals and filler words. */
  aliases: Labels,
  colors: Labels,
  decorations: Labels,
  activities: Labels,
  ages: AgeRange,
  /** Occasion keywords ("birthday", "baby shower") matched within the stated occasion. */
  occasions: Labels,
  style_tags: Labels,
  /** Where the theme works best, for venue fit. */
  setting: Setting,
  cake_style: Label,
  cake_decorations: Labels,
  /** How often it is chosen, 0..1; breaks near-ties when nothing else says much. */
  popularity: Share,
});
export type Theme = z.infer<typeof Theme>;

export const VENUE_TYPES = [
  'park',
  'banquet_hall',
  'restaurant',
  'home',
  'community_center',
  'other',
] as const;
export const VenueType = z.enum(VENUE_TYPES);
export type VenueType = z.infer<typeof VenueType>;

export const Venue = z.object({
  id: CatalogId,
  name: Label,
  type: VenueType,
  capacity: z.object({ min: z.int().check(z.gte(1)), max: z.int().check(z.gte(1)) }),
  neighbourhood: Label,
  address: Label,
  /** 0 for free public spaces; fees they still charge are in `required_fees`. */
  daily_price: Price,
  /** One-off charges every booking pays: permits, cleaning fees. */
  required_fees: Price,
  notes: z.string(),
  amenities: Labels,
  setting: Setting,
  rating: Rating,
  /** Theme ids the venue suits especially well. */
  theme_affinities: z.array(CatalogId),
  /** Minimum age of every guest (21 at bars); a party for someone younger cannot use it. */
  min_age: z.nullable(z.int().check(z.gte(0))),
  /** The kinds of place a host may ask for that this venue is ("a rooftop bar": rooftop and bar). */
  kinds: z.array(VenueKind),
  /** A play space is for children's parties; a bar or a cocktail terrace for adults' ones. */
  audience: Audience,
});
export type Venue = z.infer<typeof Venue>;

export const CAKE_SIZES = ['small', 'medium', 'large'] as const;
export const CakeSize = z.enum(CAKE_SIZES);
export type CakeSize = z.infer<typeof CakeSize>;

export const Bakery = z.object({
  id: CatalogId,
  name: Label,
  neighbourhood: Label,
  specialties: Labels,
  custom_designs: z.boolean(),
  dietary_options: z.array(DietaryNeed),
  /** Price of one cake of each size; `CAKE_SIZE_SERVINGS` says how many each feeds. */
  price_range: z.object({ small: Price, medium: Price, large: Price }),
  /** Price per serving for orders beyond a large cake (tiered or several cakes). */
  tiered_price_per_serving: Price,
  max_servings: z.int().check(z.gte(1)),
  lead_time_days: z.int().check(z.gte(0)),
  rating: Rating,
  styles: Labels,
  /** Theme ids the bakery has a portfolio for. */
  theme_specialties: z.array(CatalogId),
  service_areas: ServiceAreas,
});
export type Bakery = z.infer<typeof Bakery>;

export const COURSES = ['appetizer', 'main', 'side', 'dessert', 'drink'] as const;
export const Course = z.enum(COURSES);
export type Course = z.infer<typeof Course>;

export const MenuItem = z.object({
  name: Label,
  course: Course,
  /** The needs this dish meets as prepared; an empty list meets none. */
  dietary: z.array(DietaryNeed),
});
export type MenuItem = z.infer<typeof MenuItem>;

export const SERVICE_STYLES = [
  'buffet',
  'family_style',
  'plated',
  'food_truck',
  'drop_off',
  'stations',
] as const;
export const ServiceStyle = z.enum(SERVICE_STYLES);
export type ServiceStyle = z.infer<typeof ServiceStyle>;

export const Caterer = z.object({
  id: CatalogId,
  name: Label,
  cuisine: Labels,
  service_styles: z.array(ServiceStyle),
  menu: z.array(MenuItem),
  cost_per_head: z.object({ min: Price, max: Price }),
  /** Needs the kitchen can accommodate across its menu. */
  dietary_options: z.array(DietaryNeed),
  minimum_guests: z.int().check(z.gte(1)),
  maximum_guests: z.int().check(z.gte(1)),
  rating: Rating,
  kid_friendly: z.boolean(),
  style_tags: Labels,
  service_areas: ServiceAreas,
});
export type Caterer = z.infer<typeof Caterer>;

export const VENDOR_CATEGORIES = [
  'balloons',
  'photography',
  'entertainment',
  'decor',
  'music',
  'rentals',
] as const;
export const VendorCategory = z.enum(VENDOR_CATEGORIES);
export type VendorCategory = z.infer<typeof VendorCategory>;

export const Vendor = z.object({
  id: CatalogId,
  name: Label,
  category: VendorCategory,
  /** What a host would call it when asking for one ("a DJ", "a live band"); null for other offers. */
  kind: z.nullable(VendorKind),
  price_min: Price,
  price_max: Price,
  /** Theme ids the act or product is built around; empty when it suits any theme. */
  suited_themes: z.array(CatalogId),
  suited_ages: AgeRange,
  description: Label,
  rating: Rating,
  service_areas: ServiceAreas,
});
export type Vendor = z.infer<typeof Vendor>;

/** How many people one cake of each size serves. */
export const CAKE_SIZE_SERVINGS: Readonly<Record<CakeSize, number>> = { small: 15, medium: 30, large: 50 };
