import { CATEGORIES, type Category, type InputFacts } from '#shared/contracts/understanding.ts';
import type { KeywordMatch } from './keywords.ts';
import type { Span } from './text.ts';

/** What the extractors learned that decides categories beyond the keywords. */
export interface Signals {
  readonly keywords: readonly KeywordMatch[];
  /** Colours and styles, which are about the theme unless they describe a thing of another category. */
  readonly looks: readonly Span[];
  /** "Space" said in its venue sense ("a space for 50 people"). */
  readonly venueSpace: boolean;
  /** The place phrase is where the party is, not where a supplier is. */
  readonly venueLocation: boolean;
  /** The categories of what the input rules out: "no clowns" concerns the vendors. */
  readonly ruledOut: readonly Category[];
}

/** At most two words between, so "pink and gold balloons" describe the balloons. */
const NEAR = /^[\s+/&-]*(?:[a-z'&]+[\s+/&-]+){0,2}$/;

function describesOther(text: string, look: Span, keywords: readonly KeywordMatch[]): boolean {
  return keywords.some(
    (keyword) =>
      keyword.category !== 'theme' &&
      ((keyword.start >= look.end && NEAR.test(text.slice(look.end, keyword.start))) ||
        (keyword.end <= look.start && NEAR.test(text.slice(keyword.end, look.start)))),
  );
}

/**
 * The categories, in canonical order. A budget alone has none (the budget agent takes budgets), and
 * neither has an input that fits nothing (the plan asks about it).
 */
export function classify(text: string, facts: InputFacts, signals: Signals): Category[] {
  const found = new Set<Category>(signals.keywords.map(({ category }) => category));
  for (const category of signals.ruledOut) found.add(category);
  if (facts.themes.length > 0) found.add('theme');
  if (facts.requests.length > 0) found.add('vendor');
  if (facts.foods.length > 0) found.add('catering');
  if (signals.looks.some((look) => !describesOther(text, look, signals.keywords))) found.add('theme');
  if (
    facts.guest_count !== null ||
    facts.venue_kind !== null ||
    signals.venueSpace ||
    signals.venueLocation
  ) {
    found.add('venue');
  }
  // A need said of the cake ("nut-free chocolate cake") is the baker's; any other concerns the food.
  if (facts.dietary.length > 0 && !found.has('cake')) found.add('catering');
  return CATEGORIES.filter((category) => found.has(category));
}
