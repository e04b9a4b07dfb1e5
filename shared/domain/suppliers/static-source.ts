/**
 * What every static catalog shares. A function composes it with just the data its agent reads, so
 * that the bundle carries no other catalog's data (the whole `staticCatalog` would pull in all).
 */
export const STATIC_CATALOG_SOURCE = { source: 'static_catalog', currency: 'USD' } as const;
