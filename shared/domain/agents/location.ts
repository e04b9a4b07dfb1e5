import { words } from './text.ts';

// Address words that every place shares say nothing about where a party wants to be.
const GENERIC = new Set([
  'street',
  'road',
  'avenue',
  'drive',
  'way',
  'boulevard',
  'area',
  'city',
  'town',
  'old',
  'district',
  'center',
  'centre',
  'side',
  'near',
  'close',
  'around',
]);

// Kinds of place are not locations: "the beach" or "our backyard" is `venue_kind`'s business, and
// matching it against suppliers' neighbourhoods would only claim that nothing is there.
const KINDS_OF_PLACE = new Set([
  'home',
  'house',
  'backyard',
  'yard',
  'garden',
  'beach',
  'park',
  'rooftop',
  'roof',
  'bar',
  'pub',
  'restaurant',
  'hall',
  'venue',
  'place',
  'outdoor',
  'outside',
  'indoor',
  'inside',
]);

function meaningful(text: string): string[] {
  return words(text).filter((word) => !GENERIC.has(word) && !KINDS_OF_PLACE.has(word) && !/^\d+$/.test(word));
}

/**
 * Whether a stated location names one of the places: a distinctive word in common ("Lakeshore",
 * "the Lakeshore area") or every word of a place's name ("Old Town"). Null when no location is stated
 * or it has nothing to match on.
 */
export function namesPlace(location: string | null, places: readonly string[]): boolean | null {
  if (!location) return null;
  const said = words(location);
  const wanted = meaningful(location);
  if (wanted.length === 0 && !said.some((word) => GENERIC.has(word))) return null;
  return places.some((place) => {
    const name = words(place);
    if (name.length > 0 && name.every((word) => said.includes(word))) return true;
    const distinctive = new Set(meaningful(place));
    return wanted.some((word) => distinctive.has(word));
  });
}

/** 1 when the stated location names one of the places, 0 when it names none, null as `namesPlace`. */
export function placeFit(location: string | null, places: readonly string[]): number | null {
  const named = namesPlace(location, places);
  return named === null ? null : named ? 1 : 0;
}

/**
 * The warning when a location is stated, something ranked could be matched against it (a fit not
 * null) and nothing ranked is there at all (no fit above 0); else null. `what` says how a supplier is
 * at a place: "caters in", "serves".
 */
export function elsewhereWarning(
  location: string | null,
  fits: readonly (number | null)[],
  what: string,
): string | null {
  if (!location || !fits.some((fit) => fit !== null) || fits.some((fit) => (fit ?? 0) > 0)) return null;
  return `Nothing in the catalog ${what} "${location}"; these suggestions are from elsewhere, so check travel or look locally.`;
}
