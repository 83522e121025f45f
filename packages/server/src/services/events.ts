import { Types } from 'mongoose';
import { SKIPPED_EVENT, toEvent, type EventFeed } from '../events/feed.js';
import type { DeskEvent, DeskEventMap, DeskEventType } from '../events/types.js';
import type { Models } from '../models/index.js';
import { isDuplicateKey } from './errors.js';

const counterId = (tenantId: string) => `events:${tenantId}`;

/** Appends to the durable per-tenant event log and reads it back for resumes. */
export class EventService {
  constructor(
    private readonly models: Models,
    private readonly feed: EventFeed,
  ) {}

  /** Creates a tenant's counter up front so `publish` never races on the upsert. */
  async initTenant(tenantId: string): Promise<void> {
    await this.models.Counter.updateOne({ key: counterId(tenantId) }, { $setOnInsert: { seq: 0 } }, { upsert: true });
  }

  /**
   * Durably stores the event (with the next sequence number) before anyone is told.
   * The number is claimed with an upsert: if the feed gave it up meanwhile (this writer
   * was slower than its gap timeout), the event is stored under a fresh number instead.
   */
  async publish<T extends DeskEventType>(tenantId: string, type: T, payload: DeskEventMap[T]): Promise<DeskEvent<T>> {
    for (;;) {
      const counter = await this.models.Counter.findOneAndUpdate(
        { key: counterId(tenantId) },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      const row = { tenantId: new Types.ObjectId(tenantId), seq: counter!.seq, type, payload, createdAt: new Date() };
      const { upsertedCount } = await this.models.Event.updateOne(
        { tenantId, seq: row.seq },
        { $setOnInsert: row },
        { upsert: true },
      ).catch((err) => {
        if (isDuplicateKey(err)) return { upsertedCount: 0 };
        throw err;
      });
      if (upsertedCount !== 1) continue;
      const event = toEvent(row) as DeskEvent<T>;
      this.feed.stored(event as DeskEvent);
      return event;
    }
  }

  /** The highest seq up to which this tenant's events are known to be gap-free. */
  async position(tenantId: string): Promise<number> {
    const { position, unwatch } = await this.feed.watch(tenantId, () => undefined);
    unwatch();
    return position;
  }

  /** Events after `afterSeq`, oldest first. */
  async since(tenantId: string, afterSeq: number, limit = 1000): Promise<DeskEvent[]> {
    const rows = await this.models.Event.find({ tenantId, seq: { $gt: afterSeq }, type: { $ne: SKIPPED_EVENT } })
      .sort({ seq: 1 })
      .limit(limit)
      .lean();
    return rows.map(toEvent);
  }
}
