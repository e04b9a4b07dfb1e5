import { agentLabel, type PartyView } from '../party-view.ts';
import { budgetChart } from './budget-chart.ts';
import { resultCards } from './cards.ts';
import { h } from './dom.ts';
import { planDetails } from './plan.ts';
import { syncTimeline } from './timeline.ts';

/** The party screen's parts that show data; built once, refreshed by `showView` and the idea list. */
export function partyPanels() {
  return {
    inputList: h('ul', { class: 'inputs', 'aria-labelledby': 'inputs-heading' }),
    planBody: h('div', { id: 'plan-body' }),
    budgetBody: h('div', { id: 'budget-body' }),
    cardsBody: h('div', { class: 'cards', id: 'cards' }),
    timelineList: h('ol', { class: 'timeline' }),
    timelineEmpty: h(
      'p',
      { class: 'meta timeline-empty' },
      'Activity from now on appears here; the ideas and plan shown are up to date.',
    ),
    agentsBody: h('p', { class: 'meta', id: 'agents-running', 'aria-live': 'polite' }),
  };
}

export type PartyPanels = ReturnType<typeof partyPanels>;

function section(id: string, title: string, ...children: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: `panel panel-${id}`, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title),
    ...children,
  );
}

/** Two columns: sharing, ideas and activity; then the plan, the budget and the recommendations. */
export function partyLayout(panels: PartyPanels, share: HTMLElement[], form: HTMLFormElement): HTMLElement {
  const timeline = h(
    'div',
    {
      class: 'timeline-scroll is-empty',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Agent activity',
      tabindex: 0,
    },
    panels.timelineList,
  );
  return h(
    'div',
    { class: 'layout' },
    h(
      'div',
      { class: 'column' },
      section('share', 'Share this party', ...share),
      section('inputs', 'Ideas', form, panels.inputList),
      section('timeline', 'Agent activity', panels.agentsBody, panels.timelineEmpty, timeline),
    ),
    h(
      'div',
      { class: 'column' },
      section('plan', 'The plan', panels.planBody),
      section('budget', 'Budget', panels.budgetBody),
      section('results', 'Recommendations by agent', panels.cardsBody),
    ),
  );
}

/** Shows the view in every panel but the idea list. */
export function showView(panels: PartyPanels, view: PartyView): void {
  panels.planBody.replaceChildren(
    view.plan ? planDetails(view.plan) : h('p', { class: 'meta' }, 'The plan appears after the first idea.'),
  );
  panels.budgetBody.replaceChildren(
    view.budget ? budgetChart(view.budget) : h('p', { class: 'meta' }, 'No costs estimated yet.'),
  );
  const cards = resultCards(view);
  panels.cardsBody.replaceChildren(
    ...(cards.length ? cards : [h('p', { class: 'meta' }, 'No recommendations yet.')]),
  );
  panels.agentsBody.textContent = view.running.size
    ? `Working: ${[...view.running].map((agent) => agentLabel(agent)).join(', ')}`
    : 'All agents idle';
  syncTimeline(panels.timelineList, view.timeline);
  // Someone opening the link later has no history: say so, instead of an empty box.
  panels.timelineList.parentElement?.classList.toggle('is-empty', view.timeline.length === 0);
  panels.timelineEmpty.hidden = view.timeline.some((entry) => entry.kind !== 'notice');
}
