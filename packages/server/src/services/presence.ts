import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { PresenceEntry } from '../events/types.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { AgentStatus } from '../schemas/presence.js';
import { notFound } from './errors.js';
import type { EventService } from './events.js';

interface PresenceOptions {
  processId: string;
  /** How long a connection counts as live after its last heartbeat. */
  ttlMs: number;
}

/**
 * Presence: the status an agent chose (Available/Unavailable) plus whether any of
 * their connections is live. Connections are heartbeat rows shared by every server
 * process; expiry is enforced in every query, and `reap()` tells everyone about the
 * rows that expired because a process died.
 */
export class PresenceService {
  /** Called after an agent sets themselves Available or comes online Available (routing hooks in here; it must not wait for the run). */
  onAvailable?: (tenantId: string, agentId: string) => void;

  constructor(
    private readonly models: Models,
    private readonly events: EventService,
    private readonly log: Logger,
    private readonly options: PresenceOptions,
  ) {}

  private liveFilter(tenantId: string) {
    return { tenantId, expiresAt: { $gt: new Date() } };
  }

  /**
   * Online agents plus the event id they reflect: subscribing to `onChange` from
   * that id follows on without a gap (an event both reflected and replayed is
   * harmless, as each carries the agent's whole entry).
   */
  async snapshot(tenantId: string): Promise<{ agents: PresenceEntry[]; lastEventId: string }> {
    const position = await this.events.position(tenantId);
    return { agents: await this.list(tenantId), lastEventId: String(position) };
  }

  /** Online agents with their status. */
  async list(tenantId: string): Promise<PresenceEntry[]> {
    const agentIds = await this.models.PresenceConnection.distinct('agentId', this.liveFilter(tenantId));
    const agents = await this.models.Agent.find({ tenantId, _id: { $in: agentIds }, disabledAt: null })
      .select({ name: 1, avatarUrl: 1, role: 1, status: 1 })
      .sort({ name: 1 })
      .lean();
    return agents.map((agent) => ({
      agentId: String(agent._id),
      name: agent.name,
      avatarUrl: agent.avatarUrl ?? null,
      role: agent.role,
      status: agent.status,
      online: true,
    }));
  }

  /** The current entry of one agent, online or not. */
  async entry(tenantId: string, agentId: string): Promise<PresenceEntry> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId })
      .select({ name: 1, avatarUrl: 1, role: 1, status: 1, disabledAt: 1 })
      .lean();
    if (!agent) throw notFound('agent');
    const live = agent.disabledAt
      ? 0
      : await this.models.PresenceConnection.countDocuments({ ...this.liveFilter(tenantId), agentId });
    return {
      agentId,
      name: agent.name,
      avatarUrl: agent.avatarUrl ?? null,
      role: agent.role,
      status: agent.status,
      online: live > 0,
    };
  }

  /** Publishes an agent's current entry to every subscriber of the tenant. */
  async publish(tenantId: string, agentId: string): Promise<PresenceEntry> {
    const entry = await this.entry(tenantId, agentId);
    await this.events.publish(tenantId, 'presence.changed', entry);
    return entry;
  }

  async setStatus(tenantId: string, agentId: string, status: AgentStatus): Promise<PresenceEntry> {
    const { matchedCount } = await this.models.Agent.updateOne(
      { tenantId, _id: agentId, disabledAt: null },
      { $set: { status } },
    );
    if (matchedCount === 0) throw notFound('agent');
    const entry = await this.publish(tenantId, agentId);
    if (status === 'available') {
      this.onAvailable?.(tenantId, agentId);
    }
    return entry;
  }

  /** Registers a live connection; returns its id for heartbeats and disconnect. */
  async connect(tenantId: string, agentId: string): Promise<string> {
    const connectionId = randomUUID();
    await this.models.PresenceConnection.create({
      tenantId: new Types.ObjectId(tenantId),
      agentId: new Types.ObjectId(agentId),
      connectionId,
      processId: this.options.processId,
      expiresAt: this.expiry(),
    });
    const entry = await this.publish(tenantId, agentId);
    // An Available agent coming online can take queued chats.
    if (entry.status === 'available') {
      this.onAvailable?.(tenantId, agentId);
    }
    return connectionId;
  }

  /** Extends a connection's life; re-creates it if it had already been reaped. */
  async heartbeat(tenantId: string, agentId: string, connectionId: string): Promise<void> {
    const { upsertedCount } = await this.models.PresenceConnection.updateOne(
      { tenantId, connectionId },
      {
        $set: { expiresAt: this.expiry() },
        $setOnInsert: {
          tenantId: new Types.ObjectId(tenantId),
          agentId: new Types.ObjectId(agentId),
          processId: this.options.processId,
        },
      },
      { upsert: true },
    );
    if (upsertedCount) await this.publish(tenantId, agentId);
  }

  /**
   * Extends many connections' lives with one update; any already reaped (this process
   * stalled past their expiry) are re-created and announced again.
   */
  async extend(connections: ReadonlyArray<{ tenantId: string; agentId: string; connectionId: string }>): Promise<void> {
    if (connections.length === 0) return;
    const ids = connections.map((c) => c.connectionId);
    const { matchedCount } = await this.models.PresenceConnection.updateMany(
      { connectionId: { $in: ids } },
      { $set: { expiresAt: this.expiry() } },
    ).setOptions({ crossTenant: true });
    if (matchedCount === ids.length) return;
    const present = await this.models.PresenceConnection.find({ connectionId: { $in: ids } })
      .setOptions({ crossTenant: true })
      .select({ connectionId: 1 })
      .lean();
    const found = new Set(present.map((row) => row.connectionId));
    for (const c of connections) if (!found.has(c.connectionId)) await this.heartbeat(c.tenantId, c.agentId, c.connectionId);
  }

  async disconnect(tenantId: string, agentId: string, connectionId: string): Promise<void> {
    const { deletedCount } = await this.models.PresenceConnection.deleteOne({ tenantId, connectionId });
    if (deletedCount) await this.publish(tenantId, agentId);
  }

  /** Ends every connection of an agent (disabled, signed out everywhere). */
  async dropConnections(tenantId: string, agentId: string): Promise<void> {
    await this.models.PresenceConnection.deleteMany({ tenantId, agentId });
    await this.publish(tenantId, agentId);
  }

  /**
   * Deletes expired connections (any tenant) and announces the agents that went
   * offline. Safe to run in every process at once: only the process whose delete
   * removed a row announces it.
   */
  async reap(): Promise<number> {
    const expired = await this.models.PresenceConnection.find({ expiresAt: { $lte: new Date() } })
      .setOptions({ crossTenant: true })
      .select({ tenantId: 1, agentId: 1, connectionId: 1 })
      .limit(1000)
      .lean();
    let reaped = 0;
    for (const row of expired) {
      const tenantId = String(row.tenantId);
      const { deletedCount } = await this.models.PresenceConnection.deleteOne({
        tenantId,
        connectionId: row.connectionId,
        expiresAt: { $lte: new Date() },
      });
      if (!deletedCount) continue;
      reaped++;
      await this.publish(tenantId, String(row.agentId)).catch((err) =>
        this.log.warn({ err, tenantId }, 'presence publish after reap failed'),
      );
    }
    return reaped;
  }

  private expiry(): Date {
    return new Date(Date.now() + this.options.ttlMs);
  }
}
