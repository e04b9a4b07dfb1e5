import type { PartyFacts, VenueKind } from '#shared/contracts/understanding.ts';
import { ADULTS_FROM } from '#shared/domain/audience-words.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import type { CatalogOf } from '#shared/domain/suppliers/catalog.ts';
import type { Venue } from '#shared/domain/suppliers/schema.ts';
import { type Allowance, allowanceFor, overBudgetWarning, withinHardLimit } from './allowance.ts';
import { audienceOf } from './audience.ts';
import { elsewhereWarning, placeFit } from './location.ts';
import type { AgeGroup, VenueRecommendation, VenueResult } from './results.ts';
import { blend, byScoreThenId, confidenceFrom, priceSignal, ratingFit, round2, spread } from './scoring.ts';
import { distinct, plural } from './text.ts';
import { resolveTheme, type ThemeView, themeAssumption, weightedThemeFit } from './theme-context.ts';
import type { AgentContext, AgentOutput } from './types.ts';

// What the result recommends is what the host is shown (and what its warnings may speak of).
const SHOWN = 3;
const PRICED = 3;

const KIND_NAMES: Record<VenueKind, string> = {
  home: 'home',
  restaurant: 'restaurant private room',
  rooftop: 'rooftop',
  bar: 'bar',
  hall: 'hall',
  park: 'park',
  beach: 'beach',
};

/** 1 when the venue is named by the stated location (neighbourhood, street or name), 0 when not. */
function locationFit(location: string | null, venue: Venue): number | null {
  return placeFit(location, [venue.neighbourhood, venue.address, venue.name]);
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

/** Whether the party's guest of honour may enter: a child's or teen's party cannot use an adults-only bar. */
function admits(age: number | null, group: AgeGroup, venue: Venue): boolean {
  if (venue.min_age === null) return true;
  if (age !== null) return age >= venue.min_age;
  return (group !== 'kids' && group !== 'teens') || venue.min_age < ADULTS_FROM;
}

/**
 * A play space is no place for an adults' party, nor a bar for a child's; a venue made for children
 * is only for a party known to be a child's ("birthday party for 30 people" may well be an adult's).
 */
function suitsAudience(group: AgeGroup, venue: Venue): boolean {
  if (venue.audience === 'kids') return group === 'kids';
  if (venue.audience === 'adults') return group === 'adults' || group === 'unknown';
  return true;
}

/** Nobody has said who the party is for: a venue for all ages suits it best. */
function openToAll(group: AgeGroup, venue: Venue): number | null {
  if (group !== 'unknown') return null;
  return venue.audience === 'all' ? 1 : 0.3;
}

/** Hosting at home (a backyard, a garden, their own place): nothing to rent, so nothing to rank. */
function atHome(context: AgentContext, catalog: CatalogOf<'venues' | 'themes'>): AgentOutput<VenueResult> {
  const { facts } = context;
  const view = resolveTheme(context, catalog);
  const guests = facts.guest_count;
  const assumptions = [
    'Hosting at home: no venue rental is needed, so the venue costs nothing in the budget. Ask for a venue to see places to rent.',
  ];
  if (guests !== null && guests > 30) {
    assumptions.push(`${guests} guests is a lot for a home; a tent or table rental may help.`);
  }
  return {
    result: {
      recommended_venues: [],
      total_matches: 0,
      search_criteria: {
        guest_count: guests,
        budget: facts.budget ? { ...facts.budget } : null,
        theme: view?.id ?? null,
        location: facts.location,
        venue_kind: 'home',
      },
      data_source: catalog.source,
      estimated_cost: { min: 0, max: 0 },
      warnings: [],
      assumptions,
      summary: `Hosting at home${guests === null ? '' : ` for ${guests} guests`}: no venue to rent.`,
    },
    confidence: 0.8,
  };
}

/** What the venue agent works out from the facts before it looks at any venue. */
interface VenueBrief {
  readonly facts: PartyFacts;
  readonly currency: string;
  readonly view: ThemeView | null;
  readonly group: AgeGroup;
  readonly allowance: Allowance;
}

interface ScoredVenue {
  readonly id: string;
  readonly venue: Venue;
  readonly theme: number | null;
  readonly location: number | null;
  /** Whether it is the kind of place asked for. */
  readonly asked: boolean;
  readonly score: number;
}

const totalOf = (venue: Venue) => venue.daily_price + venue.required_fees;

/** The venues that can hold the party and admit its guests, within a hard budget limit if there is one. */
function eligibleVenues({ facts, group, allowance }: VenueBrief, venues: readonly Venue[]): Venue[] {
  const guests = facts.guest_count;
  return withinHardLimit(
    venues.filter(
      (venue) =>
        (guests === null || venue.capacity.max >= guests) &&
        admits(facts.age, group, venue) &&
        suitsAudience(group, venue),
    ),
    totalOf,
    allowance,
  );
}

function scoreVenues(brief: VenueBrief, eligible: readonly Venue[]): ScoredVenue[] {
  const { facts, view, group, allowance } = brief;
  const kind = facts.venue_kind;
  const prices = eligible.map(totalOf);
  const scored = eligible.map((venue) => {
    const theme = rawThemeFit(view, venue);
    const location = locationFit(facts.location, venue);
    const score = blend([
      { weight: 0.3, value: priceSignal(totalOf(venue), allowance.amount, prices) },
      { weight: 0.25, value: location },
      { weight: 0.2, value: view && theme !== null ? weightedThemeFit(view, theme) : null },
      { weight: 0.2, value: ratingFit(venue.rating) },
      { weight: 0.1, value: capacityFit(facts.guest_count, venue) },
      ...(group === 'unknown' ? [{ weight: 0.1, value: openToAll(group, venue) }] : []),
    ]);
    const asked = kind !== null && venue.kinds.includes(kind);
    return { id: venue.id, venue, theme, location, asked, score };
  });
  // The kind of place asked for comes first ("a rooftop bar"), then the rest by score.
  return scored.sort((a, b) => Number(b.asked) - Number(a.asked) || byScoreThenId(a, b));
}

/** What the venue costs, against the venue share of the budget when there is one. */
function priceReasons({ currency, allowance }: VenueBrief, venue: Venue): string[] {
  const reasons: string[] = [];
  const total = totalOf(venue);
  if (venue.daily_price === 0) {
    reasons.push(
      venue.required_fees > 0
        ? `Free to use; ${formatMoney(venue.required_fees, currency)} in fees`
        : 'Free to use',
    );
  }
  if (allowance.amount !== null) {
    reasons.push(
      total <= allowance.amount
        ? `${formatMoney(total, currency)} fits the venue share of the budget (${formatMoney(allowance.amount, currency)})`
        : `${formatMoney(total - allowance.amount, currency)} over the venue share of the budget (${formatMoney(allowance.amount, currency)})`,
    );
  }
  return reasons;
}

function venueReasons(brief: VenueBrief, venue: Venue, location: number | null): string[] {
  const { facts, view } = brief;
  const guests = facts.guest_count;
  const kind = facts.venue_kind;
  const reasons: string[] = [];
  reasons.push(
    guests === null
      ? `Holds ${venue.capacity.min} to ${venue.capacity.max} guests`
      : `Seats up to ${venue.capacity.max} (${guests} expected)`,
  );
  if (guests !== null && guests < venue.capacity.min) {
    reasons.push(`Suits ${venue.capacity.min}+ guests; may feel empty`);
  }
  reasons.push(...priceReasons(brief, venue));
  if (kind !== null && venue.kinds.includes(kind)) reasons.push(`A ${KIND_NAMES[kind]}, as asked`);
  if (location === 1) reasons.push(`Matches the location "${facts.location}" (${venue.neighbourhood})`);
  if (view && venue.theme_affinities.includes(view.id)) reasons.push(`A favourite for ${view.name} parties`);
  if (venue.min_age !== null) reasons.push(`Every guest must be ${venue.min_age} or older`);
  reasons.push(`Rated ${venue.rating}/5`);
  return reasons;
}

function recommendVenue(
  brief: VenueBrief,
  { venue, theme, location, score }: ScoredVenue,
): VenueRecommendation {
  return {
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
    reasons: venueReasons(brief, venue, location),
  };
}

function venueWarnings(
  brief: VenueBrief,
  scored: readonly ScoredVenue[],
  recommended: readonly VenueRecommendation[],
): string[] {
  const { facts, allowance, currency } = brief;
  const kind = facts.venue_kind;
  const warnings = [allowance.warning].filter((text) => text !== null);
  const elsewhere = elsewhereWarning(
    facts.location,
    scored.map(({ location }) => location),
    'is in or near',
  );
  if (elsewhere) warnings.push(elsewhere);
  if (kind !== null && scored.length > 0 && !scored.some(({ asked }) => asked)) {
    warnings.push(
      `No ${KIND_NAMES[kind]} in the catalog suits this party (its size, ages or budget); these are other kinds of venue.`,
    );
  }
  const over = overBudgetWarning(
    allowance,
    recommended.map((venue) => ({ name: venue.name, price: venue.total_price })),
    currency,
  );
  if (over) warnings.push(over);
  return distinct(warnings);
}

function venueSummary(
  { facts, currency }: VenueBrief,
  eligible: readonly Venue[],
  top: VenueRecommendation | undefined,
): string {
  const guests = facts.guest_count;
  const forGuests = guests === null ? '' : ` ${guests} guests`;
  if (!top) return `No catalog venue fits${forGuests}.`;
  return `${plural(eligible.length, 'venue')} ${eligible.length === 1 ? 'fits' : 'fit'}${forGuests}; top pick: ${top.name} (${formatMoney(top.total_price, currency)}).`;
}

function venueConfidence(
  { facts, allowance, view }: VenueBrief,
  top: VenueRecommendation | undefined,
): number {
  if (!top) return 0.1;
  return confidenceFrom(0.3, [
    [facts.guest_count !== null, 0.2],
    [allowance.amount !== null, 0.15],
    [facts.location !== null || facts.venue_kind !== null, 0.1],
    [view !== null, 0.15 * (view?.weight ?? 0)],
  ]);
}

export function venueAgent(
  context: AgentContext,
  catalog: CatalogOf<'venues' | 'themes'>,
): AgentOutput<VenueResult> {
  const { facts } = context;
  if (facts.venue_kind === 'home') return atHome(context, catalog);
  const brief: VenueBrief = {
    facts,
    currency: catalog.currency,
    view: resolveTheme(context, catalog),
    group: audienceOf(facts),
    allowance: allowanceFor(facts, catalog, 'venue'),
  };
  const eligible = eligibleVenues(brief, catalog.venues());
  const scored = scoreVenues(brief, eligible);
  const recommended = scored.slice(0, SHOWN).map((entry) => recommendVenue(brief, entry));
  const [top] = recommended;
  return {
    result: {
      recommended_venues: recommended,
      total_matches: eligible.length,
      search_criteria: {
        guest_count: facts.guest_count,
        budget: facts.budget ? { ...facts.budget } : null,
        theme: brief.view?.id ?? null,
        location: facts.location,
        venue_kind: facts.venue_kind,
      },
      data_source: catalog.source,
      estimated_cost: spread(recommended.slice(0, PRICED).map((venue) => venue.total_price)),
      warnings: venueWarnings(brief, scored, recommended),
      assumptions: distinct(
        [brief.allowance.assumption, themeAssumption(brief.view)].filter((text) => text !== null),
      ),
      summary: venueSummary(brief, eligible, top),
    },
    confidence: venueConfidence(brief, top),
  };
}
