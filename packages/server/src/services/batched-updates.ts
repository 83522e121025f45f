import type { Model } from 'mongoose';
import { CoalescedRuns } from './coalesced-runs.js';

type Filter = Record<string, unknown>;

interface Update {
  filter: Filter;
  update: Record<string, unknown>;
  upsert: boolean;
  /** Filled in once written: whether it inserted, or the error it met. */
  upserted?: boolean;
  error?: Error;
}

/** One failed write of a bulk write, as the driver reports it. */
interface WriteError {
  index: number;
  code?: number;
  errmsg?: string;
}

/**
 * `updateOne`s to one collection, group-committed: updates made while an earlier bulk
 * write to the collection is on its way wait and go out together in the next one, so a
 * burst costs one round trip per round instead of one per caller. The bulk write is
 * unordered (the updates must not depend on one another); each call settles with its own
 * outcome, and only the calls whose updates failed see an error.
 */
export class BatchedUpdates {
  private readonly rounds: CoalescedRuns<Update>;

  constructor(model: Model<any>) {
    this.rounds = new CoalescedRuns(async (_collection, updates) => {
      const failed = new Map<number, Error>();
      let upsertedIds: Record<string, unknown>;
      try {
        const ops = updates.map(({ filter, update, upsert }) => ({ updateOne: { filter, update, upsert } }));
        ({ upsertedIds } = await model.bulkWrite(ops, { ordered: false }));
      } catch (err) {
        // Some updates failed (a duplicate key): the rest were written.
        const bulk = err as { writeErrors?: WriteError | WriteError[]; result?: { upsertedIds?: Record<string, unknown> } };
        if (!bulk.writeErrors || !bulk.result) throw err;
        for (const write of [bulk.writeErrors].flat()) failed.set(write.index, Object.assign(new Error(write.errmsg ?? 'write failed'), { code: write.code }));
        upsertedIds = bulk.result.upsertedIds ?? {};
      }
      for (const [i, update] of updates.entries()) {
        update.error = failed.get(i);
        update.upserted = String(i) in upsertedIds;
      }
    });
  }

  async updateOne(filter: Filter, update: Record<string, unknown>, options: { upsert?: boolean } = {}): Promise<{ upsertedCount: number }> {
    const entry: Update = { filter, update, upsert: options.upsert ?? false };
    await this.rounds.run('', [entry]);
    if (entry.error) throw entry.error;
    if (entry.upserted === undefined) throw new Error('stopped before this update was written');
    return { upsertedCount: entry.upserted ? 1 : 0 };
  }
}
