import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { PresenceLeases } from './presence-leases.js';
import type { LeasedConnection, PresenceService } from './presence.js';

/** An agent's live connection held by this process. */
export interface HeldConnection extends LeasedConnection {
  sessionId: string;
  sessionExpiresAt: Date;
  /** Ends the connection: its session was signed out, expired or its agent disabled; `message` says which. */
  revoke(message?: string): void;
}

/** Sessions re-read from the database per beat (a safety net; see `beat`). */
const SESSION_CHECKS_PER_BEAT = 100;

/** `setTimeout`'s longest delay (~24.8 days): a session that ends later is left to the beats. */
const LONGEST_TIMEOUT = 2 ** 31 - 1;

const SESSION_EXPIRED = 'session expired; sign in again';

/** A held connection's session has reached its expiry (a timer's callback: no closure per connection). */
function expire(connection: HeldConnection): void {
  connection.revoke(SESSION_EXPIRED);
}

/**
 * One heartbeat per process, not per connection: every `heartbeatMs` it renews the
 * process's presence lease (one single-document update, however many connections it
 * holds). Sign-out, password changes and disabling end streams at once through their
 * events, and each held connection has one timer, at its session's expiry, so it ends
 * exactly then (each beat also ends any expired one, as for a session beyond the longest
 * timer); as a safety net for a session deleted any other way, each beat also re-reads a
 * slice of the held sessions, so every one is looked at again within a bounded number of
 * beats. An idle connection costs that one timer and no database work of its own.
 */
export class HeartbeatService {
  private readonly held = new Map<string, HeldConnection>();
  /** Each held connection's timer at its session's expiry, by connection id. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  /** Held connections whose session is still to be re-read this round. */
  private unchecked: HeldConnection[] = [];
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;

  constructor(
    private readonly models: Models,
    private readonly presence: PresenceService,
    private readonly leases: PresenceLeases,
    private readonly log: Logger,
    private readonly options: { heartbeatMs: number },
  ) {}

  hold(connection: HeldConnection): void {
    const { connectionId } = connection;
    this.held.set(connectionId, connection);
    clearTimeout(this.expiries.get(connectionId));
    const ms = connection.sessionExpiresAt.getTime() - Date.now();
    if (ms <= LONGEST_TIMEOUT) {
      const timer = setTimeout(expire, Math.max(0, ms), connection);
      timer.unref();
      this.expiries.set(connectionId, timer);
    }
    if (!this.timer) {
      this.timer = setInterval(() => void (this.beating ??= this.beat().finally(() => (this.beating = undefined))), this.options.heartbeatMs);
      this.timer.unref();
    }
  }

  release(connectionId: string): void {
    this.held.delete(connectionId);
    clearTimeout(this.expiries.get(connectionId));
    this.expiries.delete(connectionId);
    if (this.held.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** One round: renew the lease, end expired sessions, re-read a slice of the others. */
  async beat(): Promise<void> {
    if (this.held.size === 0) return;
    const now = new Date();
    for (const connection of this.held.values()) if (connection.sessionExpiresAt <= now) connection.revoke(SESSION_EXPIRED);
    try {
      const leaseId = await this.leases.renew();
      // This process stalled past its lease: its connections were offline (maybe reaped) meanwhile.
      const moved = [...this.held.values()].filter((c) => c.leaseId !== leaseId);
      if (moved.length) {
        this.log.warn({ connections: moved.length }, 'presence lease ran out; connections moved to a new one');
        await this.presence.moveToLease(moved, leaseId);
        for (const connection of moved) {
          connection.leaseId = leaseId;
          // Closed while being moved: the move may have re-created the row its disconnect deleted.
          if (!this.held.has(connection.connectionId)) {
            await this.presence.disconnect(connection.tenantId, connection.agentId, connection.connectionId);
          }
        }
      }
    } catch (err) {
      this.log.warn({ err, connections: this.held.size }, 'presence lease renewal failed');
    }
    try {
      await this.recheckSessions(now);
    } catch (err) {
      this.log.warn({ err }, 'session re-check failed');
    }
  }

  /** Re-reads the next slice of held sessions and revokes the connections of any that ended. */
  private async recheckSessions(now: Date): Promise<void> {
    if (this.unchecked.length === 0) this.unchecked = [...this.held.values()];
    const slice = this.unchecked.splice(0, SESSION_CHECKS_PER_BEAT).filter((c) => this.held.has(c.connectionId));
    if (slice.length === 0) return;
    const live = await this.models.Session.find({ _id: { $in: [...new Set(slice.map((c) => c.sessionId))] }, expiresAt: { $gt: now } })
      .setOptions({ crossTenant: true })
      .select({ _id: 1 })
      .lean();
    const liveIds = new Set(live.map((s) => String(s._id)));
    for (const connection of slice) if (!liveIds.has(connection.sessionId)) connection.revoke();
  }
}
