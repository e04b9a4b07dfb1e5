import {
  CakeResult,
  CateringResult,
  ThemeResult,
  VendorResult,
  VenueResult,
} from '#shared/domain/agents/results.ts';
import { humanLabel, venueTypeLabel } from '../labels.ts';
import type { PartyView } from '../party-view.ts';
import { type Child, h, money, moneyRange } from './dom.ts';

const TOP = 3;

function card(id: string, title: string, ...body: Child[]): HTMLElement {
  return h(
    'article',
    { class: 'card', 'data-card': id, 'aria-labelledby': `card-${id}` },
    h('h3', { id: `card-${id}` }, title),
    ...body,
  );
}

const list = (items: readonly string[], className = 'tags') =>
  items.length ? h('ul', { class: className }, ...items.map((item) => h('li', {}, item))) : null;

const stars = (rating: number) => `★ ${rating.toFixed(1)}`;

/** Parts of a details line that have something to say, joined by " · ". */
const line = (...parts: readonly (string | null | undefined | false)[]) =>
  parts.filter((part): part is string => Boolean(part)).join(' · ');

/** Recommended options as a list: each one's name, then a line of details per entry of `details`. */
function options<T>(
  items: readonly T[],
  name: (item: T) => string,
  details: (item: T) => readonly string[],
  tag: 'ol' | 'ul' = 'ol',
): HTMLElement {
  return h(
    tag,
    { class: 'options' },
    ...items.map((item) =>
      h(
        'li',
        {},
        h('strong', {}, name(item)),
        ...details(item).map((line) => h('span', { class: 'meta' }, line)),
      ),
    ),
  );
}

function themeCard(raw: unknown): HTMLElement | null {
  const parsed = ThemeResult.safeParse(raw);
  if (!parsed.success) return null;
  const theme = parsed.data;
  return card(
    'theme',
    `Theme: ${theme.theme_name.includes('_') ? humanLabel(theme.theme_name) : theme.theme_name}`,
    h('p', {}, theme.summary),
    theme.colors.length
      ? h(
          'ul',
          { class: 'swatches', 'aria-label': 'Colours' },
          ...theme.colors.map((color) =>
            h('li', {}, h('span', { class: 'swatch', style: `background:${cssColor(color)}` }), color),
          ),
        )
      : null,
    h('h4', {}, 'Decorations'),
    list(theme.decorations.slice(0, 6).map(humanLabel).filter(Boolean)),
    h('h4', {}, 'Activities'),
    list(theme.activities.slice(0, 4).map(humanLabel).filter(Boolean)),
  );
}

/** Catalog colours are names ("leaf green"); the name, else its last word ("green"), if CSS knows it. */
function cssColor(name: string): string {
  const words = name.toLowerCase().split(/\s+/).filter(Boolean);
  const candidates = [words.join(''), words.at(-1) ?? ''];
  return candidates.find((candidate) => candidate && CSS.supports('color', candidate)) ?? 'transparent';
}

function venueCard(raw: unknown): HTMLElement | null {
  const parsed = VenueResult.safeParse(raw);
  if (!parsed.success) return null;
  const venue = parsed.data;
  return card(
    'venue',
    'Venues',
    h('p', {}, venue.summary),
    options(
      venue.recommended_venues.slice(0, TOP),
      (option) => option.name,
      (option) => [
        line(venueTypeLabel(option.type), `up to ${option.capacity} guests`, option.location),
        line(money(option.total_price), stars(option.rating)),
      ],
    ),
  );
}

function cakeCard(raw: unknown): HTMLElement | null {
  const parsed = CakeResult.safeParse(raw);
  if (!parsed.success) return null;
  const cake = parsed.data;
  const dietary = cake.dietary_fit.requested.length
    ? `${cake.dietary_fit.fully_met ? 'Meets' : 'Partly meets'}: ${cake.dietary_fit.requested.join(', ')}`
    : null;
  return card(
    'cake',
    'Cake',
    h('p', {}, cake.summary),
    h(
      'p',
      { class: 'meta' },
      line(humanLabel(cake.cake_style), humanLabel(cake.size_recommendation), `${cake.servings} servings`),
    ),
    dietary ? h('p', { class: 'meta' }, dietary) : null,
    options(
      cake.recommended_bakeries.slice(0, TOP),
      (bakery) => bakery.name,
      (bakery) => [`${money(bakery.estimated_price)} · ${stars(bakery.rating)}`],
    ),
  );
}

function cateringCard(raw: unknown): HTMLElement | null {
  const parsed = CateringResult.safeParse(raw);
  if (!parsed.success) return null;
  const catering = parsed.data;
  return card(
    'catering',
    'Catering',
    h('p', {}, catering.summary),
    options(
      catering.recommended_caterers.slice(0, TOP),
      (caterer) => caterer.name,
      (caterer) => [
        line(
          caterer.cuisine.map(humanLabel).filter(Boolean).join(', '),
          `${moneyRange(caterer.cost_per_head)} per guest`,
        ),
      ],
    ),
    catering.menu.length ? h('h4', {}, 'Menu') : null,
    list(catering.menu.slice(0, 6).map((dish) => dish.name)),
  );
}

function vendorCard(raw: unknown): HTMLElement | null {
  const parsed = VendorResult.safeParse(raw);
  if (!parsed.success) return null;
  const vendors = parsed.data;
  return card(
    'vendor',
    'Vendors',
    h('p', {}, vendors.summary),
    options(
      vendors.recommended_vendors,
      (vendor) => vendor.name,
      (vendor) => [
        line(
          humanLabel(vendor.kind ?? vendor.category),
          moneyRange({ min: vendor.price_min, max: vendor.price_max }),
          vendor.priority,
        ),
      ],
      'ul',
    ),
  );
}

/** Agents may say what they could not honour ("no venue seats 300"); shown in words, on the card. */
function warningsOf(raw: unknown): string[] {
  const warnings = (raw as { warnings?: unknown } | null | undefined)?.warnings;
  return Array.isArray(warnings)
    ? warnings.filter((warning): warning is string => typeof warning === 'string' && warning.length > 0)
    : [];
}

function withWarnings(element: HTMLElement | null, raw: unknown): HTMLElement | null {
  const warnings = warningsOf(raw);
  if (element && warnings.length)
    element.append(
      h(
        'ul',
        { class: 'warnings', 'aria-label': 'Warnings' },
        ...warnings.map((warning) =>
          h('li', {}, h('span', { class: 'warning-mark', 'aria-hidden': 'true' }, '⚠ '), warning),
        ),
      ),
    );
  return element;
}

/** One readable card per agent that has a result; a result that no longer parses is left out, not shown raw. */
export function resultCards(view: PartyView): HTMLElement[] {
  const { results } = view;
  const raw = (agent: keyof typeof results) => results[agent]?.result;
  return [
    withWarnings(themeCard(raw('theme_agent')), raw('theme_agent')),
    withWarnings(venueCard(raw('venue_agent')), raw('venue_agent')),
    withWarnings(cakeCard(raw('cake_agent')), raw('cake_agent')),
    withWarnings(cateringCard(raw('catering_agent')), raw('catering_agent')),
    withWarnings(vendorCard(raw('vendor_agent')), raw('vendor_agent')),
  ].filter((element): element is HTMLElement => element !== null);
}
