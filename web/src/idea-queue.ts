/**
 * The ideas a host has submitted that the party does not show yet. One POST at a time, in submission
 * order, each under its own `input_id` made here, so that retrying a request whose answer was lost can
 * never add the idea twice (the server answers a repeated `input_id` as it did the first time).
 *
 * queued → sending → sent → (gone: the party shows the input)
 *             ↘ retrying (network, 429, 5xx: same input_id, backoff) ↗
 *             ↘ failed (rejected, or still failing after the retries): Retry queues it again, Discard drops it
 *
 * Unsent ideas are kept in `storage` (localStorage in the page), so a reload or a closed tab resends them.
 */

export type PendingState = 'queued' | 'sending' | 'retrying' | 'sent' | 'failed';

export interface PendingIdea {
  readonly inputId: string;
  readonly content: string;
  readonly state: PendingState;
  /** Why the last attempt failed, when it did. */
  readonly error: string | null;
}

/** What sending an idea can throw: an `ApiError`-like object (status 0 for a network failure). */
interface FailureLike {
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly details?: unknown;
}

export interface IdeaQueueOptions {
  /** Sends one idea; resolves when the server accepted it (202). */
  readonly send: (idea: { readonly input_id: string; readonly content: string }) => Promise<unknown>;
  /** Called after every change of `items`. */
  readonly onChange: () => void;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly storageKey?: string;
  /** Attempts per idea before it is marked failed; only transient failures are retried. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly newId?: () => string;
  readonly describe?: (error: unknown) => string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `web-` and 20 random characters: a valid InputId, and no `crypto.randomUUID` (secure contexts only). */
export function newInputId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return `web-${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}

/** Network failures, throttling, quota and server errors may pass; a rejected idea will not. */
export function isTransient(error: unknown): boolean {
  const failure = error as FailureLike | null;
  const status = failure?.status;
  if (typeof status !== 'number') return true;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The server's `retry_after_seconds`, else exponential backoff from 1 s, at most 30 s, with jitter. */
export function retryDelay(error: unknown, attempt: number): number {
  const details = (error as FailureLike | null)?.details as { retry_after_seconds?: unknown } | undefined;
  const after = details?.retry_after_seconds;
  const base = typeof after === 'number' && after > 0 ? after * 1000 : 1000 * 2 ** (attempt - 1);
  return Math.min(30_000, base) * (0.75 + Math.random() * 0.5);
}

/** An idea as it survives a reload: a failed one stays failed, anything else is queued again. */
function toStored(
  item: Omit<PendingIdea, 'state'> & { readonly state?: PendingState | undefined },
): PendingIdea {
  return {
    inputId: item.inputId,
    content: item.content,
    state: item.state === 'failed' ? 'failed' : 'queued',
    error: item.error,
  };
}

const defaultDescribe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class IdeaQueue {
  #items: PendingIdea[] = [];
  #pumping = false;
  #disposed = false;
  readonly #options: IdeaQueueOptions;

  constructor(options: IdeaQueueOptions) {
    this.#options = options;
    this.#items = this.#load();
    if (this.#items.some((item) => item.state === 'queued')) queueMicrotask(() => void this.#pump());
  }

  get items(): readonly PendingIdea[] {
    return this.#items;
  }

  /** Queues an idea and starts sending; returns it as it now shows (queued). */
  submit(content: string): PendingIdea {
    const idea: PendingIdea = {
      inputId: (this.#options.newId ?? newInputId)(),
      content,
      state: 'queued',
      error: null,
    };
    this.#items = [...this.#items, idea];
    this.#changed();
    void this.#pump();
    return idea;
  }

  /** Sends a failed idea again, after everything queued meanwhile, under the same `input_id`. */
  retry(inputId: string): void {
    const idea = this.#find(inputId);
    if (idea?.state !== 'failed') return;
    this.#items = [...this.#items.filter((item) => item !== idea), { ...idea, state: 'queued', error: null }];
    this.#changed();
    void this.#pump();
  }

  /** Drops a failed idea (one in flight cannot be called back). */
  discard(inputId: string): void {
    if (this.#find(inputId)?.state !== 'failed') return;
    this.#remove(inputId);
  }

  /**
   * The party now shows these inputs (an `input_added`, a status or a snapshot): they leave the queue.
   * With `complete` (a whole state), an idea already sent that the state lacks was removed meanwhile:
   * it goes too; should its `input_added` still come, the party shows it from there.
   */
  reconcile(knownIds: Iterable<string>, complete = false): void {
    const known = new Set(knownIds);
    const next = this.#items.filter(
      (item) => !known.has(item.inputId) && !(complete && item.state === 'sent'),
    );
    if (next.length === this.#items.length) return;
    this.#items = next;
    this.#changed();
  }

  /** An input was removed from the party: if it is still listed here as sent, it goes. */
  forget(inputId: string): void {
    if (this.#find(inputId)?.state === 'sent') this.#remove(inputId);
  }

  dispose(): void {
    this.#disposed = true;
  }

  #find(inputId: string): PendingIdea | undefined {
    return this.#items.find((item) => item.inputId === inputId);
  }

  #remove(inputId: string): void {
    this.#items = this.#items.filter((item) => item.inputId !== inputId);
    this.#changed();
  }

  /** Replaces the idea if it is still listed (the party may have shown it, and reconciled it away, first). */
  #update(inputId: string, change: Partial<PendingIdea>): void {
    if (!this.#find(inputId)) return;
    this.#items = this.#items.map((item) => (item.inputId === inputId ? { ...item, ...change } : item));
    this.#changed();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        if (this.#disposed) return;
        const next = this.#items.find((item) => item.state === 'queued');
        if (!next) return;
        await this.#sendOne(next);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #sendOne(idea: PendingIdea): Promise<void> {
    const { send, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } = this.#options;
    const maxAttempts = this.#options.maxAttempts ?? 5;
    const describe = this.#options.describe ?? defaultDescribe;
    this.#update(idea.inputId, { state: 'sending', error: null });
    for (let attempt = 1; ; attempt++) {
      try {
        await send({ input_id: idea.inputId, content: idea.content });
        this.#update(idea.inputId, { state: 'sent', error: null });
        return;
      } catch (caught) {
        if (this.#disposed) return;
        if (!isTransient(caught) || attempt >= maxAttempts) {
          this.#update(idea.inputId, { state: 'failed', error: describe(caught) });
          return;
        }
        this.#update(idea.inputId, { state: 'retrying', error: describe(caught) });
        await sleep(retryDelay(caught, attempt));
        if (this.#disposed) return;
        this.#update(idea.inputId, { state: 'sending' });
      }
    }
  }

  #changed(): void {
    this.#save();
    if (!this.#disposed) this.#options.onChange();
  }

  /** Whatever was not sent yet survives a reload; one in flight is sent again (same `input_id`). */
  #save(): void {
    const { storage, storageKey } = this.#options;
    if (!storage || !storageKey) return;
    const unsent = this.#items.filter((item) => item.state !== 'sent').map(toStored);
    try {
      if (unsent.length) storage.setItem(storageKey, JSON.stringify(unsent));
      else storage.removeItem(storageKey);
    } catch {
      // Storage full or forbidden (private mode): the queue still works for this page's lifetime.
    }
  }

  #load(): PendingIdea[] {
    const { storage, storageKey } = this.#options;
    if (!storage || !storageKey) return [];
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed.flatMap((raw: Partial<PendingIdea>) =>
        typeof raw?.inputId === 'string' && typeof raw.content === 'string'
          ? [
              toStored({
                inputId: raw.inputId,
                content: raw.content,
                state: raw.state,
                error: typeof raw.error === 'string' ? raw.error : null,
              }),
            ]
          : [],
      );
    } catch {
      return [];
    }
  }
}
