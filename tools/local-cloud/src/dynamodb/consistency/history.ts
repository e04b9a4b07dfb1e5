import type { Item } from './wire.ts';

/** The item as it was before one write, and when that write was acknowledged. */
interface Version {
  readonly at: number;
  /** Null when the write created the item. */
  readonly before: Item | null;
}

const NONE: readonly (Item | null)[] = [];

/** Sweeps every key's versions after this many writes, so that keys written once do not pile up. */
const SWEEP_EVERY = 1_000;

/**
 * The images items had before their writes of the last `windowMs`: what an eventually consistent
 * read may still see, since a replica may not have applied those writes yet.
 */
export class VersionHistory {
  private readonly versions = new Map<string, Version[]>();
  private writes = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  record(key: string, before: Item | null): void {
    const at = this.now();
    const kept = this.recent(key, at);
    kept.push({ at, before });
    this.versions.set(key, kept);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep(at);
  }

  /** Whether no write is held (the common case of a read: nothing to look up per item). */
  get empty(): boolean {
    return this.versions.size === 0;
  }

  /**
   * The images a read now may still see instead of the current item, oldest first; none once every
   * write of the item is older than the window.
   */
  olderImages(key: string): readonly (Item | null)[] {
    // Most items a read returns were not written lately: no array is made for them.
    if (!this.versions.has(key)) return NONE;
    const kept = this.recent(key, this.now());
    if (kept.length === 0) this.versions.delete(key);
    return kept.map((version) => version.before);
  }

  private recent(key: string, at: number): Version[] {
    return (this.versions.get(key) ?? []).filter((version) => at - version.at < this.windowMs);
  }

  private sweep(at: number): void {
    for (const key of [...this.versions.keys()]) {
      const kept = this.recent(key, at);
      if (kept.length === 0) this.versions.delete(key);
      else this.versions.set(key, kept);
    }
  }
}
