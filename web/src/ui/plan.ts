import type { PartyPlan } from '#shared/contracts/party.ts';
import { agentLabel } from '../party-view.ts';
import { h } from './dom.ts';

export function completionBar(percent: number): HTMLElement {
  return h(
    'div',
    { class: 'completion' },
    h('span', { id: 'completion-label' }, `Plan ${percent}% complete`),
    h(
      'div',
      {
        class: 'bar',
        role: 'progressbar',
        'aria-labelledby': 'completion-label',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': percent,
      },
      h('div', { class: 'fill', style: `width:${percent}%` }),
    ),
  );
}

/** Completion counts the required agents only, so at 100% what is missing is optional. */
function missingLabel(plan: PartyPlan): string {
  return plan.completion_percent >= 100 ? 'Optional, not planned yet' : 'Still open';
}

export function planDetails(plan: PartyPlan): HTMLElement {
  const { checklist_summary: checklist } = plan;
  return h(
    'div',
    { class: 'plan' },
    completionBar(plan.completion_percent),
    plan.missing_agents.length
      ? h('p', { class: 'meta' }, `${missingLabel(plan)}: ${plan.missing_agents.map(agentLabel).join(', ')}`)
      : null,
    h('h3', {}, 'Recommendations'),
    plan.recommendations.length
      ? h(
          'ul',
          { class: 'recommendations' },
          ...plan.recommendations.map((item) =>
            h(
              'li',
              {},
              h('span', { class: `priority priority-${item.priority}` }, item.priority),
              h('strong', {}, `${item.category}: `),
              item.description,
            ),
          ),
        )
      : h('p', { class: 'meta' }, 'None yet.'),
    h('h3', {}, 'Next steps'),
    plan.next_steps.length
      ? h('ol', { class: 'next-steps' }, ...plan.next_steps.map((step) => h('li', {}, step)))
      : h('p', { class: 'meta' }, 'None yet.'),
    h('h3', {}, 'Checklist'),
    h(
      'p',
      { class: 'checklist' },
      `${checklist.completed_tasks} of ${checklist.total_tasks} tasks done, ${checklist.pending_tasks} pending`,
    ),
  );
}
