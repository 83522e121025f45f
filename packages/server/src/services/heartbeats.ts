import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { PresenceService } from './presence.js';

/** An agent's live connection held by this process. */
export interface HeldConnection {
  tenantId: string;
  agentId: string;
  connectionId: string;
  sessionId: string;
  sessionExpiresAt: Date;
  /** Ends the connection: its session was signed out, expired or its agent disabled. */
  revoke(): void;
}

/**
 * One heartbeat per process, not per connection: every `heartbeatMs` it re-checks the
 * sessions of all agent connections this process holds with one query, revokes the
 * ended ones, and extends the rest with one update. An idle connection costs no timer
 * and no database work of its own.
 */
export class HeartbeatService {
  private readonly held = new Map<string, HeldConnection>();
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;

  constructor(
    private readonly models: Models,
    private readonly presence: PresenceService,
    private readonly log: Logger,
    private readonly options: { heartbeatMs: number },
  ) {}

  hold(connection: HeldConnection): void {
    this.held.set(connection.connectionId, connection);
    if (!this.timer) {
      this.timer = setInterval(() => void (this.beating ??= this.beat().finally(() => (this.beating = undefined))), this.options.heartbeatMs);
      this.timer.unref();
    }
  }

  release(connectionId: string): void {
    this.held.delete(connectionId);
    if (this.held.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** One round: revoke ended sessions, extend the live connections. */
  async beat(): Promise<void> {
    const connections = [...this.held.values()];
    if (connections.length === 0) return;
    try {
      const now = new Date();
      const sessionIds = [...new Set(connections.map((c) => c.sessionId))];
      const live = await this.models.Session.find({ _id: { $in: sessionIds }, expiresAt: { $gt: now } })
        .setOptions({ crossTenant: true })
        .select({ _id: 1 })
        .lean();
      const liveIds = new Set(live.map((s) => String(s._id)));
      const keep: HeldConnection[] = [];
      for (const connection of connections) {
        if (liveIds.has(connection.sessionId) && connection.sessionExpiresAt > now) keep.push(connection);
        else connection.revoke();
      }
      await this.presence.extend(keep);
    } catch (err) {
      this.log.warn({ err, connections: connections.length }, 'presence heartbeat failed');
    }
  }
}
