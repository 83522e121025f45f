import { Types } from 'mongoose';
import type { Logger } from '../logger.js';
import { isDuplicateKey } from '../services/errors.js';
import type { Models } from '../models/index.js';
import type { DeskEvent } from './types.js';

/** A function, or (as `EventTarget` takes them) an object whose `handleEvent` gets each event: no closure per listener. */
export type FeedListener = ((event: DeskEvent) => void) | { handleEvent(event: DeskEvent): void };

/**
 * The few addresses an event concerns (say its conversation's assignee and customer), or null
 * when any listener may take it. A listener filed under an address (`readdress`) is handed the
 * events addressed to it and every unaddressed one; unfiled listeners get every event.
 */
export type EventAddresses = (event: DeskEvent) => readonly string[] | null;

/** The type of the placeholder that takes a sequence number given up as a gap; never delivered. */
export const SKIPPED_EVENT = 'event.skipped';

interface TenantCursor {
  /** Highest seq delivered to this process's listeners. */
  position: number;
  /** The start position has been read: local events can be delivered. */
  known: boolean;
  ready: Promise<void>;
  /** Listeners that take every event. */
  listeners: Set<FeedListener>;
  /** Listeners that take only the addressed events at their address, by address (mostly one each); and each one's address. */
  addressed: Map<string, FeedListener[]>;
  addresses: Map<FeedListener, string>;
  /** Events this process stored ahead of a number not delivered yet, by seq. */
  held: Map<number, DeskEvent>;
  /** When the current gap in the sequence was first seen. */
  gapSince?: number;
}

/**
 * Delivers each tenant's events to this process's listeners exactly once and in
 * `seq` order. Events this process stored are handed over at once (`stored()`),
 * without reading them back, when they are next in line; everything else comes
 * from tailing the event log: a change stream (where the database has them)
 * nudges it for other processes' writes, and a timer covers the rest.
 *
 * A gap (a writer that took a number but has not stored its event yet) is waited
 * for, then given up by storing a placeholder under the missing number. Writers
 * store with an upsert keyed on the number, so a late writer finds it taken and
 * publishes again under a new one (`EventService.publish`): its event is delivered
 * late, after the ones numbered before it, but never lost, and no listener ever
 * goes back in `seq` (which would break resuming by `lastEventId`).
 *
 * With thousands of listeners per tenant, most events concern a few of them (a message in an
 * assigned chat: its agent, its customer, supervisors): listeners filed under an address
 * (`readdress`) are not asked about events addressed elsewhere (`addressesOf`).
 */
export class EventFeed {
  private readonly cursors = new Map<string, TenantCursor>();
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private polling?: Promise<void>;
  private stopChangeStream?: () => Promise<void>;

  constructor(
    private readonly models: Models,
    private readonly log: Logger,
    private readonly options: { pollMs: number; gapTimeoutMs?: number; changeStreams: boolean; addressesOf?: EventAddresses },
  ) {}

  start(): void {
    this.running = true;
    if (this.options.changeStreams) this.watchChanges();
    this.schedule(this.options.pollMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.stopChangeStream?.();
    await this.polling;
    this.cursors.clear();
  }

  /** Listens to one tenant's events from now on; resolves once the start position is known. */
  async watch(tenantId: string, listener: FeedListener): Promise<{ position: number; unwatch: () => void }> {
    let cursor = this.cursors.get(tenantId);
    if (!cursor) {
      const created: TenantCursor = {
        position: 0,
        known: false,
        listeners: new Set(),
        addressed: new Map(),
        addresses: new Map(),
        held: new Map(),
        ready: Promise.resolve(),
      };
      created.ready = this.latestSeq(tenantId).then((seq) => {
        created.position = seq;
        created.known = true;
      });
      this.cursors.set(tenantId, created);
      cursor = created;
    }
    cursor.listeners.add(listener);
    const watched = cursor;
    try {
      await watched.ready;
    } catch (err) {
      // The start position could not be read (database unreachable): forget this
      // cursor, so the next watch tries again instead of inheriting the failure.
      this.readdress(tenantId, listener, null);
      watched.listeners.delete(listener);
      if (this.cursors.get(tenantId) === watched) this.cursors.delete(tenantId);
      throw err;
    }
    return { position: watched.position, unwatch: () => this.unwatch(tenantId, listener) };
  }

  /** Stops a `watch` (as its `unwatch` does), for a listener that keeps no closure to do it. */
  unwatch(tenantId: string, listener: FeedListener): void {
    const cursor = this.cursors.get(tenantId);
    if (!cursor) return;
    this.readdress(tenantId, listener, null);
    if (!cursor.listeners.delete(listener)) return;
    if (cursor.listeners.size === 0 && cursor.addresses.size === 0) this.cursors.delete(tenantId);
  }

  /**
   * Files a watching listener under `address`: from now on it is handed only the events
   * addressed to it and the unaddressed ones; `null` hands it every event again.
   */
  readdress(tenantId: string, listener: FeedListener, address: string | null): void {
    const cursor = this.cursors.get(tenantId);
    if (!cursor) return;
    const filed = cursor.addresses.get(listener);
    if (filed === undefined ? !cursor.listeners.has(listener) || address === null : filed === address) return;
    if (filed === undefined) cursor.listeners.delete(listener);
    else {
      const others = cursor.addressed.get(filed)!.filter((other) => other !== listener);
      if (others.length) cursor.addressed.set(filed, others);
      else cursor.addressed.delete(filed);
      cursor.addresses.delete(listener);
    }
    if (address === null) return void cursor.listeners.add(listener);
    cursor.addresses.set(listener, address);
    // A new array each time: a delivery going on keeps iterating the one it had.
    cursor.addressed.set(address, [...(cursor.addressed.get(address) ?? []), listener]);
  }

  /**
   * An event this process has just stored: delivered now when it is the next number,
   * held when an earlier number is still on its way (a poll then fills the gap).
   */
  stored(event: DeskEvent): void {
    const cursor = this.cursors.get(event.tenantId);
    if (!cursor) return;
    if (!cursor.known) return this.nudge(event.tenantId);
    if (event.seq <= cursor.position) return;
    cursor.held.set(event.seq, event);
    this.drainHeld(cursor);
    if (cursor.held.size) this.nudge(event.tenantId);
  }

  /** Asks for a prompt poll of a tenant that just wrote an event. */
  nudge(tenantId: string): void {
    if (!this.cursors.has(tenantId)) return;
    this.pending.add(tenantId);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.polling ??= this.pollAll().finally(() => {
        this.polling = undefined;
        this.schedule(this.pending.size ? 0 : this.options.pollMs);
      });
    }, delayMs);
  }

  private async pollAll(): Promise<void> {
    this.pending.clear();
    await Promise.all(
      [...this.cursors].map(([tenantId, cursor]) =>
        this.poll(tenantId, cursor).catch((err) => this.log.warn({ err, tenantId }, 'event feed poll failed')),
      ),
    );
  }

  private async poll(tenantId: string, cursor: TenantCursor): Promise<void> {
    await cursor.ready;
    const rows = await this.models.Event.find({ tenantId, seq: { $gt: cursor.position } })
      .sort({ seq: 1 })
      .limit(1000)
      .lean();
    for (const row of rows) {
      this.drainHeld(cursor);
      // Delivered meanwhile, from this process's own writes.
      if (row.seq <= cursor.position) continue;
      if (row.seq !== cursor.position + 1) {
        cursor.gapSince ??= Date.now();
        // Wait for the missing event on the regular poll interval, then give up on it.
        if (Date.now() - cursor.gapSince < (this.options.gapTimeoutMs ?? 3_000)) return;
        await this.giveUp(tenantId, cursor.position + 1, row.seq - 1);
        // Read again: the numbers now hold placeholders, or the events that landed meanwhile.
        cursor.gapSince = undefined;
        this.pending.add(tenantId);
        return;
      }
      cursor.gapSince = undefined;
      this.advance(cursor, row.seq, row.type === SKIPPED_EVENT ? null : toEvent(row));
    }
    this.drainHeld(cursor);
    if (rows.length === 1000) this.pending.add(tenantId);
  }

  /** Moves the cursor to `seq`, telling the listeners unless it is a placeholder. */
  private advance(cursor: TenantCursor, seq: number, event: DeskEvent | null): void {
    cursor.position = seq;
    cursor.held.delete(seq);
    if (!event) return;
    // Every-event listeners first: one that a filed listener's handling moves there is not handed this event twice.
    for (const listener of cursor.listeners) deliver(listener, event);
    if (cursor.addressed.size === 0) return;
    const to = this.options.addressesOf?.(event) ?? null;
    if (to === null) {
      for (const filed of cursor.addressed.values()) for (const listener of filed) deliver(listener, event);
      return;
    }
    for (const address of to) {
      const filed = cursor.addressed.get(address);
      if (filed) for (const listener of filed) deliver(listener, event);
    }
  }

  /** Delivers held local events that are next in line. */
  private drainHeld(cursor: TenantCursor): void {
    for (let next = cursor.held.get(cursor.position + 1); next; next = cursor.held.get(cursor.position + 1)) {
      cursor.gapSince = undefined;
      this.advance(cursor, next.seq, next);
    }
    for (const seq of cursor.held.keys()) if (seq <= cursor.position) cursor.held.delete(seq);
  }

  /** Takes the missing numbers with placeholders, unless their events (or another process's placeholders) are there by now. */
  private async giveUp(tenantId: string, from: number, to: number): Promise<void> {
    let skipped = 0;
    for (let seq = from; seq <= to; seq++) {
      const { upsertedCount } = await this.models.Event.updateOne(
        { tenantId, seq },
        { $setOnInsert: { tenantId: new Types.ObjectId(tenantId), seq, type: SKIPPED_EVENT, payload: { skipped: true }, createdAt: new Date() } },
        { upsert: true },
      ).catch((err) => {
        if (isDuplicateKey(err)) return { upsertedCount: 0 };
        throw err;
      });
      skipped += upsertedCount;
    }
    if (skipped) this.log.warn({ tenantId, from, to, skipped }, 'event log gap given up; a late writer publishes again');
  }

  private async latestSeq(tenantId: string): Promise<number> {
    const last = await this.models.Event.findOne({ tenantId }).sort({ seq: -1 }).select({ seq: 1 }).lean();
    return last?.seq ?? 0;
  }

  private watchChanges(): void {
    const stream = this.models.Event.watch([{ $match: { operationType: 'insert' } }]);
    stream.on('change', (change: { fullDocument?: { tenantId?: unknown } }) => {
      const tenantId = change.fullDocument?.tenantId;
      if (tenantId) this.nudge(String(tenantId));
    });
    stream.on('error', (err) => this.log.warn({ err }, 'event change stream failed; polling only'));
    this.stopChangeStream = () => stream.close();
  }
}

function deliver(listener: FeedListener, event: DeskEvent): void {
  if (typeof listener === 'function') listener(event);
  else listener.handleEvent(event);
}

export function toEvent(row: { tenantId: unknown; seq: number; type: string; payload: unknown; createdAt?: Date | null }): DeskEvent {
  return {
    tenantId: String(row.tenantId),
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    at: row.createdAt ?? new Date(),
  } as DeskEvent;
}
