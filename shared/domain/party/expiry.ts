import { PARTY_RETENTION_SECONDS } from './limits.ts';

/**
 * An active party's items are all extended at most this often: between two extensions a change only
 * writes the items it changes, so the steady state costs no extra write.
 */
export const EXPIRY_REFRESH_SECONDS = 24 * 60 * 60;

/** The expiries (epoch seconds) that one write of a party's state gives its items. */
export interface ExpiryPlan {
  /** Of the core item, which holds the party's expiry: the one a later write compares with. */
  readonly core: number;
  /** Of every other item the write puts. */
  readonly parts: number;
  /**
   * Set when the party's items are due for an extension: once the write is done, every item of the
   * party is extended to it, the core last, so an extension cut short is repeated by the next change.
   */
  readonly extendTo: number | null;
}

/**
 * An idle party lives PARTY_RETENTION_SECONDS after its last change, and at most
 * EXPIRY_REFRESH_SECONDS more: every item expires at the party's expiry or later, and a change that
 * finds the party's expiry closer than the retention extends them all by the retention plus one
 * refresh interval, so the next interval's changes find it far enough. `partyExpiry` is the core
 * item's, null for a party being created (all its items are written at once).
 */
export function expiryPlan(partyExpiry: number | null, nowSeconds: number): ExpiryPlan {
  const extended = nowSeconds + PARTY_RETENTION_SECONDS + EXPIRY_REFRESH_SECONDS;
  if (partyExpiry === null) return { core: extended, parts: extended, extendTo: null };
  if (partyExpiry >= nowSeconds + PARTY_RETENTION_SECONDS)
    return { core: partyExpiry, parts: partyExpiry, extendTo: null };
  // The core stays short of the extension until every other item has it.
  return { core: nowSeconds + PARTY_RETENTION_SECONDS, parts: extended, extendTo: extended };
}
