import type { CatalogOf } from '#shared/catalog/catalog.ts';
import type { Venue, VenueType } from '#shared/catalog/schema.ts';
import { allowanceFor } from './budget.ts';
import type { VenueRecommendation, VenueResult } from './results.ts';
import {
  blend,
  byScoreThenId,
  confidenceFrom,
  money,
  priceSignal,
  ratingFit,
  round2,
  spread,
} from './scoring.ts';
import { words } from './text.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';

const SHOWN = 5;
const PRICED = 3;

// Words people use for a kind of place; a venue's own name and neighbourhood are matched as well.
const TYPE_WORDS: Record<VenueType, readonly string[]> = {
  park: ['park', 'picnic', 'beach'],
  banquet_hall: ['hall', 'banquet', 'ballroom'],
  restaurant: ['restaurant', 'dining', 'bar', 'pub', 'brewery'],
  home: ['home', 'house', 'backyard', 'yard'],
  community_center: ['community', 'center', 'centre', 'rec', 'recreation', 'gym'],
  other: [],
};
const SETTING_WORDS = { indoor: ['indoor', 'inside'], outdoor: ['outdoor', 'outside', 'outdoors'] };
// Address words that every venue shares say nothing about where a party wants to be.
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
]);

function placeWords(venue: Venue): Set<string> {
  const settings =
    venue.setting === 'either'
      ? [...SETTING_WORDS.indoor, ...SETTING_WORDS.outdoor]
      : SETTING_WORDS[venue.setting];
  return new Set(
    [venue.name, venue.neighbourhood, venue.address, ...TYPE_WORDS[venue.type], ...settings].flatMap(words),
  );
}

function locationFit(location: string | null, venue: Venue): number | null {
  if (!location) return null;
  const wanted = words(location).filter((word) => !GENERIC.has(word) && !/^\d+$/.test(word));
  if (wanted.length === 0) return null;
  const offered = placeWords(venue);
  return wanted.some((word) => offered.has(word)) ? 1 : 0;
}

function rawThemeFit(view: ThemeView | null, venue: Venue): number | null {
  if (!view) return null;
  if (venue.theme_affinities.includes(view.id)) return 1;
  const setting = view.theme?.setting;
  if (!setting) return 0.4;
  return setting === 'either' || venue.setting === 'either' || setting === venue.setting ? 0.5 : 0.2;
}

/** Rooms far larger than the party feel empty; those under their own minimum most of all. */
function capacityFit(guests: number | null, venue: Venue): number | null {
  if (guests === null) return null;
  if (guests < venue.capacity.min) return 0.2;
  return Math.min(1, 0.5 + guests / venue.capacity.max);
}

function admits(age: number | null, venue: Venue): boolean {
  return venue.min_age === null || age === null || age >= venue.min_age;
}

export function venueAgent(
  context: AgentContext,
  catalog: CatalogOf<'venues' | 'themes'>,
): AgentOutput<VenueResult> {
  const { facts } = context;
  const guests = facts.guest_count;
  const view = resolveTheme(context, catalog);
  const allowance = allowanceFor(facts, catalog, 'venue');
  const currency = catalog.currency;
  const eligible = catalog
    .venues()
    .filter((venue) => (guests === null || venue.capacity.max >= guests) && admits(facts.age, venue));

  const totalOf = (venue: Venue) => venue.daily_price + venue.required_fees;
  const prices = eligible.map(totalOf);
  const scored = eligible.map((venue) => {
    const theme = rawThemeFit(view, venue);
    const location = locationFit(facts.location, venue);
    const score = blend([
      { weight: 0.3, value: priceSignal(totalOf(venue), allowance.amount, prices) },
      { weight: 0.2, value: location },
      { weight: 0.2, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
      { weight: 0.2, value: ratingFit(venue.rating) },
      { weight: 0.1, value: capacityFit(guests, venue) },
    ]);
    return { id: venue.id, venue, theme, location, score };
  });
  scored.sort(byScoreThenId);

  const reasonsFor = (venue: Venue, location: number | null): string[] => {
    const reasons: string[] = [];
    reasons.push(
      guests === null
        ? `Holds ${venue.capacity.min} to ${venue.capacity.max} guests`
        : `Seats up to ${venue.capacity.max} (${guests} expected)`,
    );
    if (guests !== null && guests < venue.capacity.min) {
      reasons.push(`Suits ${venue.capacity.min}+ guests; may feel empty`);
    }
    const total = totalOf(venue);
    if (venue.daily_price === 0) {
      reasons.push(
        venue.required_fees > 0
          ? `Free to use; ${money(venue.required_fees, currency)} in fees`
          : 'Free to use',
      );
    }
    if (allowance.amount !== null) {
      reasons.push(
        total <= allowance.amount
          ? `${money(total, currency)} fits the venue share of the budget (${money(allowance.amount, currency)})`
          : `${money(total - allowance.amount, currency)} over the venue share of the budget (${money(allowance.amount, currency)})`,
      );
    }
    if (location === 1) reasons.push(`Matches the location "${facts.location}" (${venue.neighbourhood})`);
    if (view && venue.theme_affinities.includes(view.id))
      reasons.push(`A favourite for ${view.name} parties`);
    if (venue.min_age !== null) reasons.push(`Every guest must be ${venue.min_age} or older`);
    reasons.push(`Rated ${venue.rating}/5`);
    return reasons;
  };

  const recommended: VenueRecommendation[] = scored
    .slice(0, SHOWN)
    .map(({ venue, theme, location, score }) => ({
      id: venue.id,
      name: venue.name,
      type: venue.type,
      capacity: venue.capacity.max,
      min_guests: venue.capacity.min,
      location: `${venue.address}, ${venue.neighbourhood}`,
      daily_price: venue.daily_price,
      required_fees: venue.required_fees,
      total_price: totalOf(venue),
      setting: venue.setting,
      amenities: [...venue.amenities],
      rating: venue.rating,
      theme_fit_score: round2(theme ?? 0),
      match_score: round2(score),
      notes: venue.notes,
      reasons: reasonsFor(venue, location),
    }));

  const assumptions = [allowance.assumption, themeAssumption(view)].filter((text) => text !== null);
  if (facts.location && scored.length > 0 && !scored.some(({ location }) => location === 1)) {
    assumptions.push(`No catalog venue matches "${facts.location}"; showing the best elsewhere.`);
  }
  const [top] = recommended;
  const summary = top
    ? `${eligible.length} venue(s) fit${guests === null ? '' : ` ${guests} guests`}; top pick: ${top.name} (${money(top.total_price, currency)}).`
    : `No catalog venue fits${guests === null ? '' : ` ${guests} guests`}.`;
  const confidence = top
    ? confidenceFrom(0.3, [
        [guests !== null, 0.2],
        [allowance.amount !== null, 0.15],
        [facts.location !== null, 0.1],
        [view !== null, 0.15 * (view?.weight ?? 0)],
      ])
    : 0.1;
  return {
    result: {
      recommended_venues: recommended,
      total_matches: eligible.length,
      search_criteria: {
        guest_count: guests,
        budget: facts.budget ? { ...facts.budget } : null,
        theme: view?.id ?? null,
        location: facts.location,
      },
      data_source: catalog.source,
      estimated_cost: spread(recommended.slice(0, PRICED).map((venue) => venue.total_price)),
      assumptions,
      summary,
    },
    confidence,
  };
}
