import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { PresenceEntry } from '../events/types.js';
import type { Logger } from '../logger.js';
import type { Models } from '../models/index.js';
import type { AgentStatus } from '../schemas/presence.js';
import type { AgentDoc } from '../models/agent.js';
import { BatchedFinds } from './batched-finds.js';
import { BatchedUpdates } from './batched-updates.js';
import { notFound } from './errors.js';
import type { EventService } from './events.js';
import type { PresenceLeases } from './presence-leases.js';

/** Every how many reaps connections left without a lease are swept (a scan of all connections). */
const ORPHAN_SWEEP_EVERY = 10;

interface PresenceOptions {
  processId: string;
  /** How long a lease lives after its last renewal. */
  ttlMs: number;
}

/** A connection this process holds, as far as presence is concerned. */
export interface LeasedConnection {
  tenantId: string;
  agentId: string;
  connectionId: string;
  /** The lease it is registered under. */
  leaseId: string;
}

/**
 * Presence: the status an agent chose (Available/Unavailable) plus whether any of
 * their connections is live. Connections are rows shared by every server process,
 * each under its process's lease (`PresenceLeases`): a connection is live while that
 * lease is unexpired, which every query enforces; `reap()` tells everyone about the
 * agents that went offline because a process's lease ran out.
 */
export class PresenceService {
  /** Called after an agent sets themselves Available or comes online Available (routing hooks in here; it must not wait for the run). */
  onAvailable?: (tenantId: string, agentId: string) => void;
  private reaps = 0;
  /** Agents' entries and new connections: a burst of streams opening shares their round trips. */
  private readonly entries: BatchedFinds<Pick<AgentDoc, 'name' | 'avatarUrl' | 'role' | 'status' | 'disabledAt'>>;
  private readonly connectionWrites: BatchedUpdates;

  constructor(
    private readonly models: Models,
    private readonly events: EventService,
    private readonly leases: PresenceLeases,
    private readonly log: Logger,
    private readonly options: PresenceOptions,
  ) {
    this.entries = new BatchedFinds(models.Agent, { select: { name: 1, avatarUrl: 1, role: 1, status: 1, disabledAt: 1 } });
    this.connectionWrites = new BatchedUpdates(models.PresenceConnection);
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
    const agentIds = await this.leases.onlineAgents(tenantId);
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

  /**
   * The current entry of one agent, online or not. `live`: the caller has just registered a
   * connection of theirs under this process's lease, so they are online if enabled.
   */
  async entry(tenantId: string, agentId: string, live = false): Promise<PresenceEntry> {
    const agent = await this.entries.findOne(tenantId, { _id: agentId });
    if (!agent) throw notFound('agent');
    const online = !agent.disabledAt && (live || (await this.leases.isOnline(tenantId, agentId)));
    return {
      agentId,
      name: agent.name,
      avatarUrl: agent.avatarUrl ?? null,
      role: agent.role,
      status: agent.status,
      online,
    };
  }

  /** Publishes an agent's current entry to every subscriber of the tenant. */
  async publish(tenantId: string, agentId: string, live = false): Promise<PresenceEntry> {
    const entry = await this.entry(tenantId, agentId, live);
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

  /** Registers a live connection under this process's lease. */
  async connect(tenantId: string, agentId: string): Promise<LeasedConnection> {
    const connectionId = randomUUID();
    const leaseId = await this.leases.current();
    // Keyed on the new (random) connection id: an insert, group-committed with other streams' opening.
    await this.connectionWrites.updateOne(
      { tenantId, connectionId },
      {
        $setOnInsert: {
          tenantId: new Types.ObjectId(tenantId),
          agentId: new Types.ObjectId(agentId),
          connectionId,
          processId: this.options.processId,
          leaseId: new Types.ObjectId(leaseId),
          leasedAt: new Date(),
        },
      },
      { upsert: true },
    );
    const entry = await this.publish(tenantId, agentId, true);
    // An Available agent coming online can take queued chats.
    if (entry.status === 'available') {
      this.onAvailable?.(tenantId, agentId);
    }
    return { tenantId, agentId, connectionId, leaseId };
  }

  /**
   * Puts connections made under a lease that ran out (this process stalled past it)
   * under its new lease, re-creating any already reaped, and announces their agents
   * online again. One update per connection: this only follows a stall.
   */
  async moveToLease(connections: ReadonlyArray<LeasedConnection>, leaseId: string): Promise<void> {
    const agents = new Map<string, { tenantId: string; agentId: string }>();
    for (const c of connections) {
      await this.models.PresenceConnection.updateOne(
        { tenantId: c.tenantId, connectionId: c.connectionId },
        {
          $set: { leaseId, leasedAt: new Date() },
          $setOnInsert: {
            tenantId: new Types.ObjectId(c.tenantId),
            agentId: new Types.ObjectId(c.agentId),
            processId: this.options.processId,
          },
        },
        { upsert: true },
      );
      agents.set(`${c.tenantId}/${c.agentId}`, c);
    }
    for (const { tenantId, agentId } of agents.values()) {
      await this.publish(tenantId, agentId).catch((err) => this.log.warn({ err, tenantId }, 'presence publish after a lease change failed'));
    }
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
   * Reaps the leases that ran out (any process's): deletes their connections and
   * announces the agents that went offline. Safe to run in every process at once: a
   * lease is reaped by the one process whose delete removed it. Connections left
   * without a lease (a reaper that died midway) are offline already and deleted too.
   */
  async reap(): Promise<number> {
    const now = new Date();
    const leases = await this.models.PresenceLease.find().select({ expiresAt: 1 }).lean();
    let reaped = 0;
    for (const lease of leases) {
      if (lease.expiresAt > now) continue;
      const { deletedCount } = await this.models.PresenceLease.deleteOne({ _id: lease._id, expiresAt: { $lte: now } });
      if (!deletedCount) continue;
      const rows = await this.models.PresenceConnection.find({ leaseId: lease._id })
        .setOptions({ crossTenant: true })
        .select({ tenantId: 1, agentId: 1 })
        .lean();
      await this.models.PresenceConnection.deleteMany({ leaseId: lease._id }).setOptions({ crossTenant: true });
      const agents = new Map(rows.map((row) => [`${row.tenantId}/${row.agentId}`, { tenantId: String(row.tenantId), agentId: String(row.agentId) }]));
      for (const { tenantId, agentId } of agents.values()) {
        reaped++;
        await this.publish(tenantId, agentId).catch((err) => this.log.warn({ err, tenantId }, 'presence publish after reap failed'));
      }
    }
    // Orphans are rare (a reaper that died midway) and offline already: swept now and then.
    if (++this.reaps % ORPHAN_SWEEP_EVERY === 0) {
      // A lease made after `leases` was read has only connections leased after that.
      await this.models.PresenceConnection.deleteMany({
        leaseId: { $nin: leases.map((lease) => lease._id) },
        leasedAt: { $lt: new Date(now.getTime() - this.options.ttlMs) },
      }).setOptions({ crossTenant: true });
    }
    return reaped;
  }
}
