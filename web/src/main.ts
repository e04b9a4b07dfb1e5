import './style.css';
import {
  ApiError,
  type ConnectionState,
  connectParty,
  createPartyApi,
  type PartyApi,
  type PartyConnection,
} from '#shared/client/index.ts';
import type { PartyInput } from '#shared/contracts/party.ts';
import { loadConfig, type PageConfig } from './config.ts';
import { checkIdea } from './idea-form.ts';
import { IdeaQueue, type PendingIdea, type PendingState } from './idea-queue.ts';
import { type PartyLink, partyLinkHash, readPartyLink } from './link.ts';
import { agentLabel, applyMessage, emptyView, type PartyView, viewFromState } from './party-view.ts';
import { budgetChart } from './ui/budget-chart.ts';
import { resultCards } from './ui/cards.ts';
import { chipList } from './ui/chips.ts';
import { h } from './ui/dom.ts';
import { planDetails } from './ui/plan.ts';
import { syncTimeline } from './ui/timeline.ts';
import { understoodChips } from './understood.ts';

const STATE_TEXT: Record<ConnectionState | 'idle', string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

function requireElement<T extends Element>(selector: string, type: new () => T): T {
  const element = document.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`missing ${selector}`);
  return element;
}

const app = requireElement('#app', HTMLElement);
const connectionStatus = requireElement('#connection', HTMLElement);

function showConnection(state: ConnectionState | 'idle'): void {
  connectionStatus.dataset.state = state;
  connectionStatus.textContent = STATE_TEXT[state];
}

function showFatal(message: string): void {
  app.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
}

/** A start screen: one button, which creates the party and puts its link in the address bar. */
function renderStart(api: PartyApi, onCreated: (link: PartyLink) => void): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'button', class: 'primary' }, 'Start planning a party');
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      const started = await api.start();
      onCreated({ partyId: started.party_id, token: started.token });
    } catch (caught) {
      error.textContent = describeError(caught);
      button.disabled = false;
    }
  });
  app.replaceChildren(
    h(
      'section',
      { class: 'start', 'aria-labelledby': 'start-heading' },
      h('h2', { id: 'start-heading' }, 'Plan a party together'),
      h(
        'p',
        {},
        'Type ideas in plain words (a theme, the guest count, a budget, a cake) and watch the agents build the plan.',
      ),
      button,
      error,
    ),
  );
  button.focus();
}

const PENDING_TEXT: Record<PendingState, string> = {
  queued: 'Waiting to send…',
  sending: 'Sending…',
  retrying: 'Retrying:',
  sent: 'Sent, understanding…',
  failed: 'Not sent:',
};

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** The party screen. Its parts are built once; `render` refreshes what data they show. */
function renderParty(config: PageConfig, api: PartyApi, link: PartyLink): () => void {
  let view: PartyView = emptyView();
  const shareUrl = `${location.origin}${location.pathname}${location.search}${partyLinkHash(link)}`;

  const shareInput = h('input', { id: 'share-link', type: 'text', readonly: true, value: shareUrl });
  const copyButton = h('button', { type: 'button' }, 'Copy link');
  copyButton.addEventListener('click', async () => {
    shareInput.select();
    try {
      await navigator.clipboard.writeText(shareUrl);
      copyButton.textContent = 'Copied';
    } catch {
      copyButton.textContent = 'Select and copy';
    }
  });

  const contentField = h('input', {
    id: 'new-input',
    name: 'content',
    type: 'text',
    required: true,
    maxlength: 1000,
    autocomplete: 'off',
    placeholder: 'e.g. jungle theme party for 75 guests',
  });
  const addButton = h('button', { type: 'submit', class: 'primary' }, 'Add');
  const formError = h('p', { class: 'error', role: 'alert', id: 'input-error' });
  const form = h(
    'form',
    { class: 'add-input' },
    h('label', { for: 'new-input' }, 'Add an idea'),
    h('div', { class: 'row' }, contentField, addButton),
    formError,
  );
  // The box is cleared the moment an idea is submitted: the idea moves to the list as pending, and an
  // answer arriving later never touches what the host has typed since.
  // An idea of only spaces is said to be empty (and the spaces go), until the host types again.
  const formHint = h('p', { class: 'field-hint', id: 'input-hint', role: 'status', 'aria-live': 'polite' });
  form.append(formHint);
  contentField.setAttribute('aria-describedby', 'input-hint');
  contentField.addEventListener('input', () => {
    if (!formHint.textContent) return;
    formHint.textContent = '';
    contentField.removeAttribute('aria-invalid');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = checkIdea(contentField.value);
    contentField.value = '';
    contentField.focus();
    if ('error' in checked) {
      formHint.textContent = checked.error;
      contentField.setAttribute('aria-invalid', 'true');
      return;
    }
    formHint.textContent = '';
    contentField.removeAttribute('aria-invalid');
    formError.textContent = '';
    queue.submit(checked.content);
  });

  const inputList = h('ul', { class: 'inputs', 'aria-labelledby': 'inputs-heading' });
  const planBody = h('div', { id: 'plan-body' });
  const budgetBody = h('div', { id: 'budget-body' });
  const cardsBody = h('div', { class: 'cards', id: 'cards' });
  const timelineList = h('ol', { class: 'timeline' });
  const timelineEmpty = h(
    'p',
    { class: 'meta timeline-empty' },
    'Activity from now on appears here; the ideas and plan shown are up to date.',
  );
  const agentsBody = h('p', { class: 'meta', id: 'agents-running', 'aria-live': 'polite' });

  const section = (id: string, title: string, ...children: HTMLElement[]) =>
    h(
      'section',
      { class: `panel panel-${id}`, 'aria-labelledby': `${id}-heading` },
      h('h2', { id: `${id}-heading` }, title),
      ...children,
    );

  app.replaceChildren(
    h(
      'div',
      { class: 'layout' },
      h(
        'div',
        { class: 'column' },
        section(
          'share',
          'Share this party',
          h('label', { for: 'share-link' }, 'Anyone with this link can add and remove ideas'),
          h('div', { class: 'row' }, shareInput, copyButton),
        ),
        section('inputs', 'Ideas', form, inputList),
        section(
          'timeline',
          'Agent activity',
          agentsBody,
          timelineEmpty,
          h(
            'div',
            {
              class: 'timeline-scroll is-empty',
              role: 'log',
              'aria-live': 'polite',
              'aria-label': 'Agent activity',
              tabindex: 0,
            },
            timelineList,
          ),
        ),
      ),
      h(
        'div',
        { class: 'column' },
        section('plan', 'The plan', planBody),
        section('budget', 'Budget', budgetBody),
        section('results', 'Recommendations by agent', cardsBody),
      ),
    ),
  );

  const queue = new IdeaQueue({
    send: (idea) => api.addInput(link, idea),
    onChange: () => {
      announceFailures();
      renderInputs();
    },
    storage: safeLocalStorage(),
    storageKey: `party-planner:unsent:${link.partyId}`,
    describe: describeError,
  });

  /** Each failure is announced once (the form's alert), not by every rebuild of the list. */
  const announced = new Set<string>();
  function announceFailures(): void {
    for (const idea of queue.items) {
      if (idea.state !== 'failed') {
        announced.delete(idea.inputId);
      } else if (!announced.has(idea.inputId)) {
        announced.add(idea.inputId);
        formError.textContent = `“${idea.content}” was not sent: ${idea.error ?? 'unknown error'}. Retry or discard it in the list.`;
      }
    }
  }

  function removeButton(inputId: string, content: string): HTMLButtonElement {
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
        await api.removeInput(link, inputId);
      } catch (caught) {
        formError.textContent = describeError(caught);
        pending = false;
        button.removeAttribute('aria-disabled');
      }
    });
    return button;
  }

  function actionButton(action: 'retry' | 'discard', label: string, content: string, run: () => void) {
    const button = h(
      'button',
      { type: 'button', class: action, 'data-action': action, 'aria-label': `${label} “${content}”` },
      label,
    );
    button.addEventListener('click', () => {
      formError.textContent = '';
      run();
    });
    return button;
  }

  function confirmedRow(input: PartyInput): HTMLLIElement {
    return h(
      'li',
      { 'data-input-id': input.input_id, 'data-state': 'added' },
      h(
        'div',
        { class: 'idea' },
        h('span', { class: 'content' }, input.content),
        chipList(understoodChips(input.understood)),
      ),
      h('div', { class: 'actions' }, removeButton(input.input_id, input.content)),
    );
  }

  function pendingRow(idea: PendingIdea): HTMLLIElement {
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
      failed
        ? h(
            'div',
            { class: 'actions' },
            actionButton('retry', 'Retry', idea.content, () => queue.retry(idea.inputId)),
            actionButton('discard', 'Discard', idea.content, () => queue.discard(idea.inputId)),
          )
        : idea.state === 'sent'
          ? h('div', { class: 'actions' }, removeButton(idea.inputId, idea.content))
          : null,
    );
  }

  /** Rebuilding the list must not lose a keyboard user's place: refocus the same button, or the one now there. */
  function renderInputs(): void {
    const active = document.activeElement;
    const focused = active instanceof HTMLButtonElement && inputList.contains(active) ? active : null;
    const focusedRow = focused?.closest('li') ?? null;
    const focusedIndex = focused ? Array.from(inputList.querySelectorAll('button')).indexOf(focused) : -1;
    // The ideas of this page not shown by the party yet follow its inputs, in the order they were submitted.
    const known = new Set(view.inputs.map((input) => input.input_id));
    const pending = queue.items.filter((idea) => !known.has(idea.inputId));
    const rows = [...view.inputs.map(confirmedRow), ...pending.map(pendingRow)];
    inputList.replaceChildren(
      ...(rows.length ? rows : [h('li', { class: 'meta empty' }, 'No ideas yet. Add the first one above.')]),
    );
    if (!focused) return;
    const buttons = Array.from(inputList.querySelectorAll('button'));
    const same =
      buttons.find(
        (button) =>
          button.closest('li')?.dataset.inputId === focusedRow?.dataset.inputId &&
          button.dataset.action === focused.dataset.action,
      ) ?? buttons.find((button) => button.closest('li')?.dataset.inputId === focusedRow?.dataset.inputId);
    (same ?? buttons[Math.min(focusedIndex, buttons.length - 1)] ?? contentField).focus();
  }

  function render(): void {
    renderInputs();
    planBody.replaceChildren(
      view.plan
        ? planDetails(view.plan)
        : h('p', { class: 'meta' }, 'The plan appears after the first idea.'),
    );
    budgetBody.replaceChildren(
      view.budget ? budgetChart(view.budget) : h('p', { class: 'meta' }, 'No costs estimated yet.'),
    );
    const cards = resultCards(view);
    cardsBody.replaceChildren(
      ...(cards.length ? cards : [h('p', { class: 'meta' }, 'No recommendations yet.')]),
    );
    agentsBody.textContent = view.running.size
      ? `Working: ${[...view.running].map((agent) => agentLabel(agent)).join(', ')}`
      : 'All agents idle';
    syncTimeline(timelineList, view.timeline);
    // Someone opening the link later has no history: say so, instead of an empty box.
    timelineList.parentElement?.classList.toggle('is-empty', view.timeline.length === 0);
    timelineEmpty.hidden = view.timeline.some((entry) => entry.kind !== 'notice');
  }

  /** The view now holds the party's whole state: the queue drops what it shows, or what was removed. */
  function syncQueue(): void {
    queue.reconcile(
      view.inputs.map((input) => input.input_id),
      true,
    );
  }

  let connection: PartyConnection | undefined;
  let disposed = false;
  render();
  contentField.focus();

  void (async () => {
    let since = 0;
    try {
      const status = await api.status(link);
      view = viewFromState(status.party);
      since = status.last_seq;
      syncQueue();
      render();
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 403 || caught.status === 404)) {
        showFatal(`This party link does not work: ${describeError(caught)}`);
        return;
      }
      formError.textContent = describeError(caught);
    }
    if (disposed) return;
    showConnection('connecting');
    connection = connectParty({
      wsUrl: config.wsUrl,
      partyId: link.partyId,
      token: link.token,
      since,
      onMessage: (message) => {
        view = applyMessage(view, message);
        if (message.type === 'input_added') queue.reconcile([message.payload.input_id]);
        if (message.type === 'input_removed') queue.forget(message.payload.input_id);
        render();
      },
      onSnapshot: (state) => {
        view = viewFromState(state, view.timeline);
        syncQueue();
        render();
      },
      onState: showConnection,
      fetchStatus: () => api.status(link),
      onError: (error) => console.warn(error),
    });
  })();

  return () => {
    disposed = true;
    queue.dispose();
    connection?.close();
  };
}

async function boot(): Promise<void> {
  let config: PageConfig;
  try {
    config = await loadConfig();
  } catch (caught) {
    showFatal(`Cannot find the API endpoints: ${describeError(caught)}`);
    return;
  }
  const api = createPartyApi({ httpUrl: config.httpUrl });
  let dispose: (() => void) | undefined;
  const route = () => {
    dispose?.();
    dispose = undefined;
    showConnection('idle');
    const link = readPartyLink(location.hash);
    if (link) dispose = renderParty(config, api, link);
    else
      renderStart(api, (created) => {
        location.hash = partyLinkHash(created);
      });
  };
  window.addEventListener('hashchange', route);
  route();
}

void boot();
