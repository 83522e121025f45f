/**
 * One run at a time per key. Calls made while a key's run is going join the next run,
 * their items merged, so a burst of calls costs two runs instead of a herd racing for
 * the same rows. Each call settles when a run that began after it (and covered its
 * items) has finished, with that run's error if it failed.
 */
export class CoalescedRuns<T> {
  private readonly keys = new Map<string, { next: Batch<T> | null }>();

  constructor(private readonly work: (key: string, items: T[]) => Promise<void>) {}

  run(key: string, items: Iterable<T>): Promise<void> {
    let state = this.keys.get(key);
    const idle = !state;
    if (!state) this.keys.set(key, (state = { next: null }));
    const batch = (state.next ??= newBatch<T>());
    for (const item of items) batch.items.add(item);
    if (idle) void this.drain(key, state);
    return batch.done;
  }

  private async drain(key: string, state: { next: Batch<T> | null }): Promise<void> {
    // Let the calls of this turn join the first run too.
    await Promise.resolve();
    while (state.next) {
      const batch = state.next;
      state.next = null;
      try {
        await this.work(key, [...batch.items]);
        batch.resolve();
      } catch (err) {
        batch.reject(err);
      }
    }
    this.keys.delete(key);
  }
}

interface Batch<T> {
  items: Set<T>;
  done: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function newBatch<T>(): Batch<T> {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { items: new Set(), done, resolve, reject };
}
