import type { Logger } from '../logger.js';

/**
 * The process's background jobs (sweeps, purges, the routing safety net): each runs
 * every `everyMs`, never two runs of one job at once, a failed run logged and the next
 * one tried on time. `stop()` starts no more runs and waits for those in flight, so
 * shutdown closes the database only once no job can still write to it.
 */
export class PeriodicJobs {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly log: Logger) {}

  every(everyMs: number, name: string, run: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopping) return;
      busy = true;
      const current = run()
        .then(
          () => undefined,
          (err: unknown) => this.log.warn({ err, job: name }, `${name} failed`),
        )
        .finally(() => {
          busy = false;
          this.inFlight.delete(current);
        });
      this.inFlight.add(current);
    }, everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** No more runs; resolves once the runs in flight have ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all([...this.inFlight]);
  }
}
