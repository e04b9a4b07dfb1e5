import type { Chip } from '../understood.ts';
import { h } from './dom.ts';

/**
 * What was understood of an idea, as small chips. Each chip says it in words (its kind for screen
 * readers too), so colour only helps the eye and never carries meaning alone.
 */
export function chipList(chips: readonly Chip[]): HTMLUListElement {
  return h(
    'ul',
    { class: 'chips', 'aria-label': 'Understood as' },
    ...chips.map((chip) =>
      h(
        'li',
        { class: `chip chip-${chip.kind}`, 'data-kind': chip.kind, title: chip.label },
        h('span', { class: 'visually-hidden' }, `${chip.label}: `),
        chip.text,
      ),
    ),
  );
}
