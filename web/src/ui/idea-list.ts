import type { PartyInput } from '#shared/contracts/party.ts';
import { describeError } from '../describe-error.ts';
import type { PendingIdea, PendingState } from '../idea-queue.ts';
import { understoodChips } from '../understood.ts';
import { chipList } from './chips.ts';
import { h } from './dom.ts';

const PENDING_TEXT: Record<PendingState, string> = {
  queued: 'Waiting to send…',
  sending: 'Sending…',
  retrying: 'Retrying:',
  sent: 'Sent, understanding…',
  failed: 'Not sent:',
};

/** What the list's buttons do, and where it reports. */
export interface IdeaListActions {
  /** Removes an idea the party has (or has been sent). */
  readonly remove: (inputId: string) => Promise<unknown>;
  readonly retry: (inputId: string) => void;
  readonly discard: (inputId: string) => void;
  /** Shows a message in the idea form's alert; '' clears it. */
  readonly showError: (message: string) => void;
  /** Takes focus when the list has no button left for it. */
  readonly fallbackFocus: HTMLElement;
}

function removeButton(inputId: string, content: string, actions: IdeaListActions): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'remove', 'data-action': 'remove', 'aria-label': `Remove “${content}”` },
    'Remove',
  );
  // Not `disabled`: Chromium drops focus from a disabled button, and keyboard users would land on <body>.
  let pending = false;
  button.addEventListener('click', async () => {
    if (pending) return;
    pending = true;
    button.setAttribute('aria-disabled', 'true');
    try {
      await actions.remove(inputId);
    } catch (caught) {
      actions.showError(describeError(caught));
      pending = false;
      button.removeAttribute('aria-disabled');
    }
  });
  return button;
}

function actionButton(
  action: 'retry' | 'discard',
  label: string,
  idea: PendingIdea,
  actions: IdeaListActions,
): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: action, 'data-action': action, 'aria-label': `${label} “${idea.content}”` },
    label,
  );
  button.addEventListener('click', () => {
    actions.showError('');
    actions[action](idea.inputId);
  });
  return button;
}

function confirmedRow(input: PartyInput, actions: IdeaListActions): HTMLLIElement {
  return h(
    'li',
    { 'data-input-id': input.input_id, 'data-state': 'added' },
    h(
      'div',
      { class: 'idea' },
      h('span', { class: 'content' }, input.content),
      chipList(understoodChips(input.understood)),
    ),
    h('div', { class: 'actions' }, removeButton(input.input_id, input.content, actions)),
  );
}

function pendingActions(idea: PendingIdea, actions: IdeaListActions): HTMLDivElement | null {
  if (idea.state === 'failed')
    return h(
      'div',
      { class: 'actions' },
      actionButton('retry', 'Retry', idea, actions),
      actionButton('discard', 'Discard', idea, actions),
    );
  if (idea.state === 'sent')
    return h('div', { class: 'actions' }, removeButton(idea.inputId, idea.content, actions));
  return null;
}

function pendingRow(idea: PendingIdea, actions: IdeaListActions): HTMLLIElement {
  const failed = idea.state === 'failed';
  return h(
    'li',
    { 'data-input-id': idea.inputId, 'data-state': idea.state, class: `pending state-${idea.state}` },
    h(
      'div',
      { class: 'idea' },
      h('span', { class: 'content' }, idea.content),
      h(
        'p',
        { class: 'idea-status' },
        PENDING_TEXT[idea.state],
        failed || idea.state === 'retrying' ? ` ${idea.error ?? ''}` : '',
      ),
    ),
    pendingActions(idea, actions),
  );
}

interface ListFocus {
  readonly button: HTMLButtonElement;
  readonly inputId: string | undefined;
  readonly index: number;
}

function focusIn(list: HTMLUListElement): ListFocus | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLButtonElement && list.contains(active))) return null;
  return {
    button: active,
    inputId: active.closest('li')?.dataset.inputId,
    index: Array.from(list.querySelectorAll('button')).indexOf(active),
  };
}

/** Focuses the same button of the same idea, else another of its buttons, else the one now in its place. */
function refocus(list: HTMLUListElement, focus: ListFocus, fallback: HTMLElement): void {
  const buttons = Array.from(list.querySelectorAll('button'));
  const inRow = (button: HTMLButtonElement) => button.closest('li')?.dataset.inputId === focus.inputId;
  const same =
    buttons.find((button) => inRow(button) && button.dataset.action === focus.button.dataset.action) ??
    buttons.find(inRow);
  (same ?? buttons[Math.min(focus.index, buttons.length - 1)] ?? fallback).focus();
}

/**
 * Shows the party's ideas, then this page's ideas it does not show yet, in the order they were
 * submitted. Rebuilding the list must not lose a keyboard user's place: refocus the same button, or
 * the one now there.
 */
export function renderIdeaList(
  list: HTMLUListElement,
  inputs: readonly PartyInput[],
  queued: readonly PendingIdea[],
  actions: IdeaListActions,
): void {
  const focus = focusIn(list);
  const known = new Set(inputs.map((input) => input.input_id));
  const pending = queued.filter((idea) => !known.has(idea.inputId));
  const rows = [
    ...inputs.map((input) => confirmedRow(input, actions)),
    ...pending.map((idea) => pendingRow(idea, actions)),
  ];
  list.replaceChildren(
    ...(rows.length ? rows : [h('li', { class: 'meta empty' }, 'No ideas yet. Add the first one above.')]),
  );
  if (focus) refocus(list, focus, actions.fallbackFocus);
}
