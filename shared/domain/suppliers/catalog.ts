import { BAKERIES } from './data/bakeries.ts';
import { CATERERS } from './data/caterers.ts';
import { THEMES } from './data/themes.ts';
import { VENDORS } from './data/vendors.ts';
import { VENUES } from './data/venues.ts';
import type { Bakery, Caterer, Theme, Vendor, Venue } from './schema.ts';
import { STATIC_CATALOG_SOURCE } from './static-source.ts';

/**
 * Where the agents find what they recommend. Methods rather than arrays so that a live source
 * (a table, a partner API behind a cache) can replace the static data without touching the agents.
 */
export interface PartyCatalog {
  /** Names the source in results (`data_source`), so a plan says where its suggestions came from. */
  readonly source: string;
  /** ISO 4217 code of every price in the catalog. */
  readonly currency: string;
  themes(): readonly Theme[];
  venues(): readonly Venue[];
  bakeries(): readonly Bakery[];
  caterers(): readonly Caterer[];
  vendors(): readonly Vendor[];
}

/** The catalog areas an agent reads, besides the source and currency every agent reports. */
export type CatalogArea = 'themes' | 'venues' | 'bakeries' | 'caterers' | 'vendors';
export type CatalogOf<Area extends CatalogArea> = Pick<PartyCatalog, 'source' | 'currency' | Area>;

export const staticCatalog: PartyCatalog = {
  ...STATIC_CATALOG_SOURCE,
  themes: () => THEMES,
  venues: () => VENUES,
  bakeries: () => BAKERIES,
  caterers: () => CATERERS,
  vendors: () => VENDORS,
};
