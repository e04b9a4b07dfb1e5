/**
 * Words for the ids and enums that results carry ("community_center", "face_painter",
 * "under_the_sea"): the page never shows an id as it is stored.
 */

const LABELS: Record<string, string> = {
  dj: 'DJ',
  band: 'live band',
  home: 'at home',
  other: '',
};

/** "banquet hall" for `banquet_hall`, "DJ" for `dj`; an empty string for `other`, which says nothing. */
export function humanLabel(id: string): string {
  const key = id.trim().toLowerCase();
  if (key in LABELS) return LABELS[key] ?? '';
  return id.trim().replace(/_+/g, ' ').replace(/\s+/g, ' ');
}

/** A venue's kind: as `humanLabel`, but a rentable `home` venue is a "private home", not "at home". */
export function venueTypeLabel(type: string): string {
  return type === 'home' ? 'private home' : humanLabel(type);
}
