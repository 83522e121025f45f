import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { DeskEvent } from './types.js';

type Listener = (event: DeskEvent) => void;

interface TenantCursor {
  /** Highest seq delivered to this process's listeners. */
  position: number;
  ready: Promise<void>;
  listeners: Set<Listener>;
  /** When the current gap in the sequence was first seen. */
  gapSince?: number;
}

/**
 * Delivers each tenant's events to this process's listeners exactly once and in
 * `seq` order, by tailing the event log. Writers in this process `nudge()` it;
 * a change stream (where the database has them) nudges it for other processes'
 * writes; a timer covers everything else. A gap (a writer that took a number
 * but has not inserted yet) is waited for before it is skipped.
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
    private readonly options: { pollMs: number; gapTimeoutMs?: number; changeStreams: boolean },
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
  async watch(tenantId: string, listener: Listener): Promise<{ position: number; unwatch: () => void }> {
    let cursor = this.cursors.get(tenantId);
    if (!cursor) {
      const created: TenantCursor = { position: 0, listeners: new Set(), ready: Promise.resolve() };
      created.ready = this.latestSeq(tenantId).then((seq) => {
        created.position = seq;
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
      watched.listeners.delete(listener);
      if (this.cursors.get(tenantId) === watched) this.cursors.delete(tenantId);
      throw err;
    }
    return {
      position: watched.position,
      unwatch: () => {
        watched.listeners.delete(listener);
        if (watched.listeners.size === 0 && this.cursors.get(tenantId) === watched) this.cursors.delete(tenantId);
      },
    };
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
      if (row.seq !== cursor.position + 1) {
        cursor.gapSince ??= Date.now();
        // Wait for the missing event on the regular poll interval, then give up on it.
        if (Date.now() - cursor.gapSince < (this.options.gapTimeoutMs ?? 3_000)) return;
        this.log.warn({ tenantId, from: cursor.position + 1, to: row.seq - 1 }, 'event log gap skipped');
      }
      cursor.gapSince = undefined;
      cursor.position = row.seq;
      const event = toEvent(row);
      for (const listener of cursor.listeners) listener(event);
    }
    if (rows.length === 1000) this.pending.add(tenantId);
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

export function toEvent(row: { tenantId: unknown; seq: number; type: string; payload: unknown; createdAt?: Date | null }): DeskEvent {
  return {
    tenantId: String(row.tenantId),
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    at: row.createdAt ?? new Date(),
  } as DeskEvent;
}
