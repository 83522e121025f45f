/**
 * One run at a time per key. Calls made while a key's run is going join the next run,
 * their items merged, so a burst of calls costs two runs instead of a herd racing for
 * the same rows. Each call settles when a run that began after it (and covered its
 * items) has finished, with that run's error if it failed.
 *
 * `stop()` (process shutdown) signals the runs going on to end early, starts no more, and
 * resolves once every run has returned; calls it skips settle at once without a run.
 */
export class CoalescedRuns<T> {
  private readonly keys = new Map<string, { next: Batch<T> | null }>();
  private readonly draining = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly work: (key: string, items: T[], signal: AbortSignal) => Promise<void>) {}

  run(key: string, items: Iterable<T>): Promise<void> {
    if (this.stopping.signal.aborted) return Promise.resolve();
    let state = this.keys.get(key);
    const idle = !state;
    if (!state) this.keys.set(key, (state = { next: null }));
    const batch = (state.next ??= newBatch<T>());
    for (const item of items) batch.items.add(item);
    if (idle) {
      const drained = this.drain(key, state).finally(() => this.draining.delete(drained));
      this.draining.add(drained);
    }
    return batch.done;
  }

  /** Ends the runs going on early (their work sees the signal), starts no more; resolves once all have returned. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.draining);
  }

  private async drain(key: string, state: { next: Batch<T> | null }): Promise<void> {
    const { signal } = this.stopping;
    // Let the calls of this turn join the first run too.
    await Promise.resolve();
    while (state.next && !signal.aborted) {
      const batch = state.next;
      state.next = null;
      try {
        await this.work(key, [...batch.items], signal);
        batch.resolve();
      } catch (err) {
        batch.reject(err);
      }
    }
    // Stopped: the calls still waiting are skipped.
    state.next?.resolve();
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
