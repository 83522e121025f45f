import { Types } from 'mongoose';
import { SKIPPED_EVENT, toEvent, type EventFeed } from '../events/feed.js';
import type { DeskEvent, DeskEventMap, DeskEventType } from '../events/types.js';
import type { Models } from '../models/index.js';
import { isDuplicateKey } from './errors.js';

const counterId = (tenantId: string) => `events:${tenantId}`;

/** One event for `publishAll`. */
export type PublishItem = { [T in DeskEventType]: { type: T; payload: DeskEventMap[T]; key?: string } }[DeskEventType];

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
   * A `key` lets a writer recovering from a crash see whether it was already published.
   */
  async publish<T extends DeskEventType>(
    tenantId: string,
    type: T,
    payload: DeskEventMap[T],
    options: { key?: string } = {},
  ): Promise<DeskEvent<T>> {
    for (;;) {
      const counter = await this.models.Counter.findOneAndUpdate(
        { key: counterId(tenantId) },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      const row = {
        tenantId: new Types.ObjectId(tenantId),
        seq: counter!.seq,
        type,
        payload,
        createdAt: new Date(),
        ...(options.key ? { key: options.key } : {}),
      };
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

  /**
   * Stores several events under consecutive numbers in two round trips (one counter
   * update, one bulk write), in order; any whose number the feed gave up meanwhile is
   * published again on its own, after them.
   */
  async publishAll(tenantId: string, items: ReadonlyArray<PublishItem>): Promise<DeskEvent[]> {
    if (items.length === 0) return [];
    const counter = await this.models.Counter.findOneAndUpdate(
      { key: counterId(tenantId) },
      { $inc: { seq: items.length } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const first = counter!.seq - items.length + 1;
    const rows = items.map((item, i) => ({
      tenantId: new Types.ObjectId(tenantId),
      seq: first + i,
      type: item.type,
      payload: item.payload,
      createdAt: new Date(),
      ...(item.key ? { key: item.key } : {}),
    }));
    const result = await this.models.Event.bulkWrite(
      rows.map((row) => ({ updateOne: { filter: { tenantId, seq: row.seq }, update: { $setOnInsert: row }, upsert: true } })),
      { ordered: true },
    );
    const stored = new Set(Object.keys(result.upsertedIds ?? {}).map(Number));
    const events: DeskEvent[] = [];
    for (const [i, row] of rows.entries()) {
      if (!stored.has(i)) continue;
      const event = toEvent(row);
      this.feed.stored(event);
      events.push(event);
    }
    for (const [i, item] of items.entries()) {
      if (!stored.has(i)) events.push((await this.publish(tenantId, item.type, item.payload as never, { key: item.key })) as DeskEvent);
    }
    return events;
  }

  /** Whether the event with this `key` is in the log. */
  async published(tenantId: string, key: string): Promise<boolean> {
    return Boolean(await this.models.Event.exists({ tenantId, key }));
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
