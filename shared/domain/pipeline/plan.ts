import type { Budget, PartyPlan, PartyState } from '#shared/contracts/party.ts';
import { type JsonObject, PIPELINE_AGENTS, type PipelineAgent } from '#shared/contracts/primitives.ts';
import { computeBudget, withoutHistory } from './budget-summary.ts';
import { currentResults } from './current-results.ts';
import { REQUIRED_AGENTS } from './dependencies.ts';
import { type UnderstoodParty, unclearInputs } from './party-facts.ts';

type Recommendation = PartyPlan['recommendations'][number];

const CATEGORY: Record<PipelineAgent, string> = {
  theme_agent: 'Theme',
  venue_agent: 'Venue',
  cake_agent: 'Cake',
  catering_agent: 'Catering',
  vendor_agent: 'Vendors',
};

const ASK: Record<PipelineAgent, string> = {
  theme_agent: 'Pick a theme (for example jungle, space or unicorn)',
  venue_agent: 'Say how many guests are coming and where, so a venue can be found',
  cake_agent: 'Describe the cake you would like (flavour, size, dietary needs)',
  catering_agent: 'Say what food to serve and any dietary needs',
  vendor_agent: 'Add entertainment, balloons or photography wishes',
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;
const first = (value: unknown): JsonObject | null =>
  Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null ? (value[0] as JsonObject) : null;
const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const list = (value: unknown, count: number): string =>
  Array.isArray(value) ? value.slice(0, count).map(String).join(', ') : '';

/** One line a person can act on, from an agent's result. */
function describe(agent: PipelineAgent, result: JsonObject): string {
  switch (agent) {
    case 'theme_agent': {
      const name = text(result.theme_name) ?? text(result.primary_theme) ?? 'fitting';
      const colors = list(result.colors, 3);
      const details = [colors && `${colors} colours`, list(result.decorations, 2)].filter(Boolean);
      return `Go with ${article(name)} ${name} theme${details.length > 0 ? `: ${details.join(', ')}` : ''}`;
    }
    case 'venue_agent': {
      const venue = first(result.recommended_venues);
      if (atHome(result)) return text(result.summary) ?? 'Hosting at home: no venue to rent';
      return venue
        ? `Book ${text(venue.name)} (seats ${venue.capacity}, about $${venue.total_price ?? venue.daily_price})`
        : 'No venue fits yet';
    }
    case 'cake_agent': {
      const bakery = first(result.recommended_bakeries);
      return bakery
        ? `Order a ${text(result.size_recommendation) ?? ''} cake for ${result.servings ?? 'all'} servings from ${text(bakery.name)}`
        : 'No bakery fits yet';
    }
    case 'catering_agent': {
      const caterer = first(result.recommended_caterers);
      return caterer ? `Book ${text(caterer.name)} for the food` : 'No caterer fits yet';
    }
    case 'vendor_agent': {
      // Only what the party needs: optional extras are shown on the vendor card, not booked.
      const vendors = Array.isArray(result.recommended_vendors)
        ? (result.recommended_vendors as JsonObject[]).filter((vendor) => vendor.priority !== 'optional')
        : [];
      return vendors.length > 0
        ? `Book ${vendors
            .slice(0, 3)
            .map((vendor) => text(vendor.name))
            .join(', ')}`
        : 'No vendor fits yet';
    }
  }
}

/** Booking the venue is the most urgent task, unless the party is at home: then there is none. */
function priorityOf(agent: PipelineAgent, result: JsonObject): Recommendation['priority'] {
  if (agent === 'venue_agent') return atHome(result) ? 'medium' : 'critical';
  return REQUIRED_AGENTS.includes(agent) ? 'high' : 'medium';
}

function atHome(result: JsonObject): boolean {
  const criteria = result.search_criteria as JsonObject | undefined;
  return criteria?.venue_kind === 'home';
}

/**
 * The budget as the budget agent computes it from this very state, without its history (previous
 * total and delta, which depend on what was stored before): a plan never waits for, or lags behind,
 * the budget agent's own record of it. None while there is neither a cost nor a stated budget.
 */
function budgetSummary(state: PartyState, party: UnderstoodParty): Budget | null {
  const summary = withoutHistory(computeBudget(state, party.facts.budget));
  return summary.based_on_agents.length > 0 || summary.stated_budget ? summary : null;
}

/**
 * Merges the agents' results, the budget and the inputs into the one plan the browser shows.
 * Completion counts the required agents (theme and venue), as the original planner did.
 */
export function computePlan(stored: PartyState, party: UnderstoodParty): PartyPlan {
  const { state, updating } = currentResults(stored, party);
  const completed = PIPELINE_AGENTS.filter((agent) => state.active_agents[agent]?.status === 'completed');
  // Being re-run is still planned: the plan shows no stale line for it, but asks nothing either.
  const planned = PIPELINE_AGENTS.filter((agent) => completed.includes(agent) || updating.includes(agent));
  const missing = PIPELINE_AGENTS.filter((agent) => !planned.includes(agent));
  const requiredDone = REQUIRED_AGENTS.filter((agent) => planned.includes(agent)).length;
  const budget = budgetSummary(state, party);

  const recommendations: Recommendation[] = completed.map((agent) => {
    const result = state.active_agents[agent]?.result ?? {};
    return {
      category: CATEGORY[agent],
      priority: priorityOf(agent, result),
      description: describe(agent, result),
    };
  });
  // What an agent could not do as asked (a dietary need no bakery meets, nothing in the stated
  // area, an item over the budget on its own) is the host's to decide, so the plan says it.
  // Said once, by the first agent that says it: a far-away place or a budget in an unknown currency
  // concerns every agent that prices something.
  const warned = new Set<string>();
  for (const agent of completed) {
    for (const warning of strings(state.active_agents[agent]?.result.warnings)) {
      if (warned.has(warning)) continue;
      warned.add(warning);
      recommendations.push({ category: CATEGORY[agent], priority: 'high', description: warning });
    }
  }
  if (budget?.status === 'over') {
    recommendations.push({
      category: 'Budget',
      priority: 'high',
      // The budget's own words: they name the currency, any conversion and a hard limit.
      description: [
        ...(budget.recommendations ?? []),
        budget.cost_saving_tips?.[0] ?? 'Trim the costliest category',
      ]
        .map((sentence) => sentence.replace(/\.$/, ''))
        .join('. '),
    });
  }
  for (const agent of updating) {
    recommendations.push({
      category: CATEGORY[agent],
      priority: 'low',
      description: 'Updating for your latest change…',
    });
  }
  for (const input of unclearInputs(party)) {
    recommendations.push({
      category: 'Clarify',
      priority: 'medium',
      description: `What should we do with "${input.content}"?`,
    });
  }

  const checklist = [
    ...PIPELINE_AGENTS.map((agent) => planned.includes(agent)),
    budget?.status === 'under' || budget?.status === 'within',
  ];
  const done = checklist.filter(Boolean).length;
  return {
    completion_percent: Math.round((requiredDone / REQUIRED_AGENTS.length) * 100),
    recommendations,
    next_steps: [
      ...missing.map((agent) => ASK[agent]),
      ...(party.facts.budget ? [] : ['State a budget so the costs can be checked against it']),
    ].slice(0, 5),
    active_agents: planned,
    missing_agents: missing,
    checklist_summary: {
      total_tasks: checklist.length,
      completed_tasks: done,
      pending_tasks: checklist.length - done,
    },
    budget_summary: budget,
    inputs_version: state.inputs_version,
  };
}

/**
 * Whether a plan says nothing new. A plan from newer inputs is new even when its content is not: it
 * tells the browser that its latest input has been taken into account, at the first result after it,
 * rather than only once an agent further down the chain changes something visible.
 */
export function samePlan(a: PartyPlan | null, b: PartyPlan): boolean {
  // How far a plan answers the inputs is not what the page shows: it alone is no new plan.
  const content = (plan: PartyPlan) =>
    JSON.stringify({ ...plan, plan_version: 0, answered_up_to: undefined });
  return a !== null && content(a) === content(b);
}
