import './style.css';
import {
  ApiError,
  type ConnectionState,
  connectParty,
  createPartyApi,
  type PartyApi,
  type PartyConnection,
} from '#shared/client/index.ts';
import { loadConfig, type PageConfig } from './config.ts';
import { describeError } from './describe-error.ts';
import { IdeaQueue } from './idea-queue.ts';
import { type PartyLink, partyLinkHash, readPartyLink } from './link.ts';
import { applyMessage, emptyView, type PartyView, viewFromState } from './party-view.ts';
import { h } from './ui/dom.ts';
import { type IdeaBox, ideaBox } from './ui/idea-box.ts';
import { type IdeaListActions, renderIdeaList } from './ui/idea-list.ts';
import { partyLayout, partyPanels, showView } from './ui/party-panels.ts';
import { shareControls } from './ui/share.ts';

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

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The party screen. Its parts are built once; `render` refreshes what data they show. */
class PartyScreen {
  private view: PartyView = emptyView();
  private connection: PartyConnection | undefined;
  private disposed = false;
  /** Each failure is announced once (the form's alert), not by every rebuild of the list. */
  private readonly announced = new Set<string>();
  private readonly box: IdeaBox;
  private readonly panels = partyPanels();
  private readonly queue: IdeaQueue;
  private readonly listActions: IdeaListActions;

  constructor(
    private readonly config: PageConfig,
    private readonly api: PartyApi,
    private readonly link: PartyLink,
  ) {
    const shareUrl = `${location.origin}${location.pathname}${location.search}${partyLinkHash(link)}`;
    this.box = ideaBox((content) => this.queue.submit(content));
    app.replaceChildren(partyLayout(this.panels, shareControls(shareUrl), this.box.form));
    this.queue = new IdeaQueue({
      send: (idea) => api.addInput(link, idea),
      onChange: () => {
        this.announceFailures();
        this.renderInputs();
      },
      storage: safeLocalStorage(),
      storageKey: `party-planner:unsent:${link.partyId}`,
      describe: describeError,
    });
    this.listActions = {
      remove: (inputId) => api.removeInput(link, inputId),
      retry: (inputId) => this.queue.retry(inputId),
      discard: (inputId) => this.queue.discard(inputId),
      showError: (message) => {
        this.box.error.textContent = message;
      },
      fallbackFocus: this.box.field,
    };
    this.render();
    this.box.field.focus();
    void this.follow();
  }

  dispose(): void {
    this.disposed = true;
    this.queue.dispose();
    this.connection?.close();
  }

  /** Loads the party's state, then keeps up with its messages. */
  private async follow(): Promise<void> {
    let since = 0;
    try {
      const status = await this.api.status(this.link);
      this.view = viewFromState(status.party);
      since = status.last_seq;
      this.syncQueue();
      this.render();
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 403 || caught.status === 404)) {
        showFatal(`This party link does not work: ${describeError(caught)}`);
        return;
      }
      this.box.error.textContent = describeError(caught);
    }
    if (this.disposed) return;
    showConnection('connecting');
    this.connection = connectParty({
      wsUrl: this.config.wsUrl,
      partyId: this.link.partyId,
      token: this.link.token,
      since,
      onMessage: (message) => {
        this.view = applyMessage(this.view, message);
        if (message.type === 'input_added') this.queue.reconcile([message.payload.input_id]);
        if (message.type === 'input_removed') this.queue.forget(message.payload.input_id);
        this.render();
      },
      onSnapshot: (state) => {
        this.view = viewFromState(state, this.view.timeline);
        this.syncQueue();
        this.render();
      },
      onState: showConnection,
      fetchStatus: () => this.api.status(this.link),
      onError: (error) => console.warn(error),
    });
  }

  private announceFailures(): void {
    for (const idea of this.queue.items) {
      if (idea.state !== 'failed') {
        this.announced.delete(idea.inputId);
      } else if (!this.announced.has(idea.inputId)) {
        this.announced.add(idea.inputId);
        this.box.error.textContent = `“${idea.content}” was not sent: ${idea.error ?? 'unknown error'}. Retry or discard it in the list.`;
      }
    }
  }

  private renderInputs(): void {
    renderIdeaList(this.panels.inputList, this.view.inputs, this.queue.items, this.listActions);
  }

  private render(): void {
    this.renderInputs();
    showView(this.panels, this.view);
  }

  /** The view now holds the party's whole state: the queue drops what it shows, or what was removed. */
  private syncQueue(): void {
    this.queue.reconcile(
      this.view.inputs.map((input) => input.input_id),
      true,
    );
  }
}

function renderParty(config: PageConfig, api: PartyApi, link: PartyLink): () => void {
  const screen = new PartyScreen(config, api, link);
  return () => screen.dispose();
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
