import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { Role } from '../schemas/roles.js';
import type { AgentStatus } from '../schemas/presence.js';
import type { PresenceLeases } from './presence-leases.js';

/** One agent's row on the supervisor desk. */
export interface AgentLoad {
  agentId: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  status: AgentStatus;
  /** Any live connection (its process's lease unexpired). */
  online: boolean;
  /** Open chats assigned to the agent. */
  openChats: number;
  maxChats: number;
  /** Open or on-hold tickets assigned to the agent. */
  tickets: number;
  departments: { id: string; name: string }[];
}

type Counts = { _id: Types.ObjectId; openChats: number; tickets: number };

/**
 * Load of every active agent of a tenant: one aggregation over assigned
 * conversations grouped by assignee (runs on the embedded database too), joined in
 * memory with agents, departments and live presence connections.
 */
export async function agentLoad(models: Models, leases: PresenceLeases, tenantId: string): Promise<AgentLoad[]> {
  const tenant = new Types.ObjectId(tenantId);
  const [agents, counts, onlineIds, departments] = await Promise.all([
    models.Agent.find({ tenantId, disabledAt: null })
      .select({ name: 1, avatarUrl: 1, role: 1, status: 1, maxChats: 1, departmentIds: 1 })
      .sort({ name: 1 })
      .lean(),
    models.Conversation.aggregate<Counts>([
      { $match: { tenantId: tenant, assigneeId: { $ne: null }, status: { $in: ['open', 'on-hold'] } } },
      {
        $group: {
          _id: '$assigneeId',
          openChats: { $sum: { $cond: [{ $and: [{ $eq: ['$kind', 'chat'] }, { $eq: ['$status', 'open'] }] }, 1, 0] } },
          tickets: { $sum: { $cond: [{ $eq: ['$kind', 'ticket'] }, 1, 0] } },
        },
      },
    ]),
    leases.onlineAgents(tenantId),
    models.Department.find({ tenantId }).select({ name: 1 }).lean(),
  ]);
  const byAgent = new Map(counts.map((row) => [String(row._id), row]));
  const online = new Set(onlineIds.map(String));
  const departmentName = new Map(departments.map((d) => [String(d._id), d.name]));
  return agents.map((agent) => {
    const id = String(agent._id);
    const row = byAgent.get(id);
    return {
      agentId: id,
      name: agent.name,
      avatarUrl: agent.avatarUrl ?? null,
      role: agent.role,
      status: agent.status,
      online: online.has(id),
      openChats: row?.openChats ?? 0,
      maxChats: agent.maxChats,
      tickets: row?.tickets ?? 0,
      departments: agent.departmentIds
        .map((d) => ({ id: String(d), name: departmentName.get(String(d)) ?? '' }))
        .filter((d) => d.name),
    };
  });
}
