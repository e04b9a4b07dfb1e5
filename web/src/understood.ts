import type { StatedBudget } from '#shared/contracts/primitives.ts';
import type { InputUnderstanding } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';
import { humanLabel } from './labels.ts';

/** One thing the server understood from an idea, as a short chip; `label` names it for screen readers. */
export interface Chip {
  readonly kind: string;
  readonly label: string;
  readonly text: string;
}

/** Shown when an idea was understood as nothing at all, so the host can rephrase it. */
export const NOT_UNDERSTOOD = 'not understood — try rephrasing';

/** A stated budget as the host would say it: "$1,500", "up to €900", "about $1,500", "at least $500". */
export function formatBudget(budget: StatedBudget): string {
  const { min, max, currency } = budget;
  const at = (amount: number) => formatMoney(amount, currency);
  switch (budget.kind) {
    case 'ceiling':
      if (max !== null) return `up to ${at(max)}`;
      break;
    case 'approximate':
      if (max !== null || min !== null) return `about ${at(max ?? min ?? 0)}`;
      break;
    case 'range':
      if (min !== null && max !== null) return min === max ? at(max) : `${at(min)}–${at(max)}`;
      break;
    case 'floor':
      if (min !== null) return `at least ${at(min)}`;
      break;
    default:
      break;
  }
  if (max !== null && min !== null && min !== max) return `${at(min)}–${at(max)}`;
  if (max !== null) return at(max);
  if (min !== null) return `at least ${at(min)}`;
  return `budget in ${currency}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sat 12 Dec 15:00" from an ISO date and an optional `HH:MM`; the year only when it is not `year`. */
export function formatWhen(date: string | null, time: string | null, year: number): string | null {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  let day: string | null = null;
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // Calendar arithmetic in UTC: the date is a calendar day, not an instant in the viewer's zone.
    const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    day = `${weekday} ${d} ${MONTHS[m - 1]}${y === year ? '' : ` ${y}`}`;
  } else if (date) {
    day = date;
  }
  const parts = [day, time].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(' ') : null;
}

/** Categories that no fact chip already speaks for: "cake" for "a chocolate cake", not "theme" next to "jungle". */
const COVERED_BY: Record<string, (keyof InputUnderstanding['facts'])[]> = {
  theme: ['themes', 'colors', 'styles'],
  venue: ['venue_kind', 'location'],
  vendor: ['requests'],
  catering: ['foods', 'dietary'],
};

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
}

/**
 * What the page shows under an idea: every fact understood from it, then the planning areas it was
 * sorted into that no fact names yet. Nothing at all gives a single `not understood` chip.
 */
export function understoodChips(
  understood: InputUnderstanding | null | undefined,
  year = new Date().getFullYear(),
): Chip[] {
  const facts = understood?.facts;
  const chips: Chip[] = [];
  const add = (kind: string, label: string, text: string) => {
    if (text) chips.push({ kind, label, text });
  };
  if (facts) {
    if (facts.guest_count !== null)
      add('guests', 'Guests', `${facts.guest_count} guest${facts.guest_count === 1 ? '' : 's'}`);
    if (facts.budget) add('budget', 'Budget', formatBudget(facts.budget));
    const when = formatWhen(facts.date, facts.time, year);
    if (when) add('date', 'When', when);
    if (facts.age !== null) add('age', 'Age', `age ${facts.age}`);
    if (facts.occasion) add('occasion', 'Occasion', humanLabel(facts.occasion));
    for (const theme of facts.themes) add('theme', 'Theme', humanLabel(theme));
    if (facts.venue_kind) add('venue', 'Venue', humanLabel(facts.venue_kind));
    if (facts.location) add('location', 'Location', facts.location);
    for (const need of facts.dietary) add('dietary', 'Dietary', need);
    for (const color of facts.colors) add('color', 'Colour', color);
    for (const style of facts.styles) add('style', 'Style', humanLabel(style));
    if (facts.audience) add('audience', 'For', facts.audience);
    for (const food of facts.foods) add('food', 'Food', food);
    for (const request of facts.requests) add('request', 'Wants', humanLabel(request));
    for (const excluded of facts.excluded) add('excluded', 'Ruled out', `not ${humanLabel(excluded)}`);
  }
  for (const category of understood?.categories ?? []) {
    const covered = (COVERED_BY[category] ?? []).some((fact) => facts && present(facts[fact]));
    if (!covered) add('category', 'About', humanLabel(category));
  }
  if (!chips.length) add('unknown', 'Understood', NOT_UNDERSTOOD);
  return chips;
}
