import type { StatedBudget } from '#shared/contracts/primitives.ts';
import type { InputFacts, InputUnderstanding } from '#shared/contracts/understanding.ts';
import { formatMoney } from '#shared/domain/currency.ts';

// What an input was understood to say, in a few words: the history's answer to "why does my plan say
// X" is the input whose understood facts say X, so each input shows them beside its text.

/** "up to $700", "about $1,500", "$800-$1,500", "at least €500", as the host stated it. */
function budgetWords({ min, max, currency }: StatedBudget): string {
  const at = (amount: number) => formatMoney(amount, currency);
  if (min !== null && max !== null) return min === max ? at(max) : `${at(min)}-${at(max)}`;
  if (max !== null) return `up to ${at(max)}`;
  return min !== null ? `at least ${at(min)}` : `in ${currency}`;
}

/** Several values of one fact, joined so that the comma still separates facts. */
const several = (values: readonly string[]) => values.join('/');

/** Each fact that is set, by the name an operator asks about, in the order the page shows them. */
function factWords(facts: InputFacts): string[] {
  const budget = facts.budget;
  const when = [facts.date, facts.time].filter((part): part is string => part !== null).join(' ');
  const lists: readonly [string, readonly string[]][] = [
    ['dietary', facts.dietary],
    ['colours', facts.colors],
    ['style', facts.styles],
    ['theme', facts.themes],
    ['food', facts.foods],
    ['wants', facts.requests],
    ['not', facts.excluded],
  ];
  return [
    facts.guest_count === null ? null : `guests ${facts.guest_count}`,
    budget ? `budget ${budget.kind === 'approximate' ? 'about ' : ''}${budgetWords(budget)}` : null,
    when ? `date ${when}` : null,
    facts.age === null ? null : `age ${facts.age}`,
    facts.audience ? `for ${facts.audience}` : null,
    facts.occasion ? `occasion ${facts.occasion}` : null,
    facts.venue_kind ? `venue ${facts.venue_kind}` : null,
    facts.location ? `location ${facts.location}` : null,
    ...lists.map(([name, values]) => (values.length > 0 ? `${name} ${several(values)}` : null)),
  ].filter((word): word is string => word !== null);
}

/** The facts that are set, or `nothing` (the merged facts of a party none of whose inputs says one). */
export const factsText = (facts: InputFacts) => factWords(facts).join(', ') || 'nothing';

/**
 * "understood: guests 30, budget up to $700, theme jungle (about theme, venue)": the facts, then the
 * planning areas (each one agent's) the input was sorted into, which decide which agents read it.
 */
export function understoodText({ categories, facts }: InputUnderstanding): string {
  const words = factWords(facts).join(', ');
  const about = categories.length > 0 ? `about ${categories.join(', ')}` : '';
  if (!words && !about) return 'understood: nothing (the plan asks the host to clarify it)';
  return `understood: ${words && about ? `${words} (${about})` : words || about}`;
}
