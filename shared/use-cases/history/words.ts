import type { Budget, PartyPlan } from '#shared/contracts/party.ts';

// How the history puts inputs, budgets and plans in words, alike for the log's messages and the state.

/** Long enough to recognise an input, short enough to keep one event on one line. */
const QUOTED_CHARS = 60;

export const quoted = (text: string) =>
  JSON.stringify(text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text);

export const range = ({ min, max }: { min: number; max: number }) =>
  min === max ? `${min}` : `${min}-${max}`;

/** "1500 USD", "up to 1500 USD", "at least 800 EUR", "800-1500 USD", as the host stated it. */
function statedText({ min, max, currency }: NonNullable<Budget['stated_budget']>): string {
  if (min !== null && max !== null) return `${range({ min, max })} ${currency}`;
  if (max !== null) return `up to ${max} ${currency}`;
  return min !== null ? `at least ${min} ${currency}` : `in ${currency}`;
}

export function budgetText(budget: Budget): string {
  const stated = budget.stated_budget
    ? `, stated ${statedText(budget.stated_budget)}${budget.status ? ` (${budget.status})` : ''}`
    : '';
  return `total ${range(budget.total_budget)}${stated}, from ${budget.based_on_agents.join(', ') || 'no agent'}`;
}

export const planText = (plan: PartyPlan) =>
  `plan v${plan.plan_version ?? '?'} on inputs v${plan.inputs_version}, ${plan.completion_percent}% complete` +
  (plan.missing_agents.length > 0 ? `, missing ${plan.missing_agents.join(', ')}` : '');
