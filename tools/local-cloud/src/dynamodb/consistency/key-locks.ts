/**
 * One write at a time per item key, in the order they came: the image an item had before a write is
 * read under the lock, so no other write through the proxy can slip in between.
 */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Takes the keys in sorted order, so two writes of overlapping keys never wait on each other in a cycle (no deadlock). */
  async acquire(names: readonly string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const name of [...new Set(names)].sort()) {
      const previous = this.tails.get(name) ?? Promise.resolve();
      let release: () => void = () => undefined;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      this.tails.set(name, tail);
      await previous;
      releases.push(() => {
        release();
        if (this.tails.get(name) === tail) this.tails.delete(name);
      });
    }
    return () => {
      for (const release of releases) release();
    };
  }
}
