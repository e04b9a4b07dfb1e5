/** Anything numbered in the party's gapless sequence. */
export interface Sequenced {
  readonly seq: number;
}

/**
 * Puts party messages back in `seq` order and lets each through exactly once. Concurrent broadcasts may
 * overtake each other, and a resume replays what the socket already delivered, so a message ahead of
 * the next expected one waits here, and one at or below the last delivered one is a repeat.
 */
export class Sequencer<T extends Sequenced> {
  private readonly pending = new Map<number, T>();

  constructor(
    private last: number,
    private readonly deliver: (message: T) => void,
  ) {}

  get lastSeq(): number {
    return this.last;
  }

  /** True while a message waits for an earlier one that has not arrived. */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }

  accept(message: T): void {
    if (message.seq <= this.last || this.pending.has(message.seq)) return;
    this.pending.set(message.seq, message);
    this.flush();
  }

  /** A snapshot or a refreshed status stands for everything up to `seq`: skip ahead and drop what it covers. */
  skipTo(seq: number): void {
    if (seq > this.last) this.last = seq;
    for (const buffered of this.pending.keys()) if (buffered <= this.last) this.pending.delete(buffered);
    this.flush();
  }

  private flush(): void {
    for (let next = this.pending.get(this.last + 1); next; next = this.pending.get(this.last + 1)) {
      this.pending.delete(next.seq);
      this.last = next.seq;
      this.deliver(next);
    }
  }
}
