import { Types } from 'mongoose';
import { SKIPPED_EVENT, toEvent, type EventFeed } from '../events/feed.js';
import type { DeskEvent, DeskEventMap, DeskEventType } from '../events/types.js';
import type { Models } from '../models/index.js';
import { CoalescedRuns } from './coalesced-runs.js';
import { isDuplicateKey } from './errors.js';

const counterId = (tenantId: string) => `events:${tenantId}`;

/** One event for `publishAll`. */
export type PublishItem = { [T in DeskEventType]: { type: T; payload: DeskEventMap[T]; key?: string } }[DeskEventType];

/** One caller's events, numbered and stored together with whatever else is being published for the tenant. */
interface Publication {
  items: ReadonlyArray<PublishItem>;
  /** Filled in once they are stored. */
  events: DeskEvent[] | null;
}

/** Appends to the durable per-tenant event log and reads it back for resumes. */
export class EventService {
  /**
   * Group commit: while a tenant's events are being stored, the next callers' events
   * wait and are then stored together, so a burst costs one counter update and one bulk
   * write per round instead of two round trips per caller.
   */
  private readonly rounds = new CoalescedRuns<Publication>((tenantId, publications) => this.store(tenantId, publications));

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
   * A `key` lets a writer recovering from a crash see whether it was already published.
   */
  async publish<T extends DeskEventType>(
    tenantId: string,
    type: T,
    payload: DeskEventMap[T],
    options: { key?: string } = {},
  ): Promise<DeskEvent<T>> {
    const [event] = await this.publishAll(tenantId, [{ type, payload, key: options.key } as PublishItem]);
    return event as DeskEvent<T>;
  }

  /**
   * Stores several events under consecutive numbers, in order, and resolves once they
   * are all stored. Events published meanwhile by other callers of this process are
   * stored in the same round trips (see `rounds`).
   */
  async publishAll(tenantId: string, items: ReadonlyArray<PublishItem>): Promise<DeskEvent[]> {
    if (items.length === 0) return [];
    const publication: Publication = { items, events: null };
    await this.rounds.run(tenantId, [publication]);
    if (!publication.events) throw new Error('the event log was stopped before storing these events');
    return publication.events;
  }

  /**
   * Numbers the publications' events with one counter update and stores them with one
   * ordered bulk write. An event whose number the feed gave up meanwhile (this writer was
   * slower than its gap timeout) is stored again under a fresh number, after the others.
   */
  private async store(tenantId: string, publications: Publication[]): Promise<void> {
    const items = publications.flatMap((publication) => publication.items);
    const counter = await this.models.Counter.findOneAndUpdate(
      { key: counterId(tenantId) },
      { $inc: { seq: items.length } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const first = counter!.seq - items.length + 1;
    const rows = items.map((item, i) => this.row(tenantId, first + i, item));
    const result = await this.models.Event.bulkWrite(
      rows.map((row) => ({ updateOne: { filter: { tenantId, seq: row.seq }, update: { $setOnInsert: row }, upsert: true } })),
      { ordered: true },
    );
    const stored = new Set(Object.keys(result.upsertedIds ?? {}).map(Number));
    const events = rows.map((row, i) => (stored.has(i) ? toEvent(row) : null));
    for (const event of events) if (event) this.feed.stored(event);
    for (const [i, item] of items.entries()) events[i] ??= await this.storeAlone(tenantId, item);
    let next = 0;
    for (const publication of publications) {
      publication.events = events.slice(next, (next += publication.items.length)) as DeskEvent[];
    }
  }

  /** Stores one event under the next free number. */
  private async storeAlone(tenantId: string, item: PublishItem): Promise<DeskEvent> {
    for (;;) {
      const counter = await this.models.Counter.findOneAndUpdate(
        { key: counterId(tenantId) },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      const row = this.row(tenantId, counter!.seq, item);
      const { upsertedCount } = await this.models.Event.updateOne({ tenantId, seq: row.seq }, { $setOnInsert: row }, { upsert: true }).catch((err) => {
        if (isDuplicateKey(err)) return { upsertedCount: 0 };
        throw err;
      });
      if (upsertedCount !== 1) continue;
      const event = toEvent(row);
      this.feed.stored(event);
      return event;
    }
  }

  private row(tenantId: string, seq: number, item: PublishItem) {
    return {
      tenantId: new Types.ObjectId(tenantId),
      seq,
      type: item.type,
      payload: item.payload,
      createdAt: new Date(),
      ...(item.key ? { key: item.key } : {}),
    };
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
