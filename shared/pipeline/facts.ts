// The understanding's schemas are contracts (stored with each input, sent in `input_added`); they live
// in shared/schemas. The pipeline reads them from here.

export type { StatedBudget } from '#shared/schemas/primitives.ts';
export {
  Audience,
  CATEGORIES,
  Category,
  DietaryNeed,
  InputFacts,
  InputUnderstanding,
  NO_FACTS,
  PartyFacts,
  VendorKind,
  VenueKind,
} from '#shared/schemas/understanding.ts';
