export { type PartyCatalog, staticCatalog } from './catalog.ts';
export {
  AgeRange,
  Bakery,
  CAKE_SIZE_SERVINGS,
  CAKE_SIZES,
  Caterer,
  COURSES,
  MenuItem,
  SERVICE_STYLES,
  Theme,
  VENDOR_CATEGORIES,
  VENUE_TYPES,
  Vendor,
  VendorCategory,
  Venue,
  VenueType,
} from './schema.ts';
