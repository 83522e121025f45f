import { Types } from 'mongoose';
import type { AgentDoc } from '../models/agent.js';
import type { Models } from '../models/index.js';
import type { AgentStatus } from '../schemas/presence.js';
import { rolePermissions, ungrantable, type Permission, type Role } from '../schemas/roles.js';
import { conflict, type ConversationService } from './conversations.js';
import { forbidden, isDuplicateKey, invalidField, notFound } from './errors.js';
import type { EventService } from './events.js';
import type { PresenceService } from './presence.js';
import { hashPassword } from './secrets.js';

/** What an agent's own profile shows. Password hashes never leave this module. */
export interface AgentProfile {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  permissions: Permission[];
  status: AgentStatus;
  departmentIds: string[];
  maxChats: number;
  disabled: boolean;
}

type AgentRow = AgentDoc & { _id: Types.ObjectId };

/** Who gives an agent a role: an agent's or a partner key's permissions. */
export interface Grantor {
  permissions: readonly Permission[];
}

/** FORBIDDEN (saying `refusal`) unless `grantor` holds every permission of `role` (see `ungrantable`). */
function assertGrantable(grantor: Grantor | undefined, role: Role, refusal: string): void {
  const missing = grantor ? ungrantable(grantor.permissions, role) : [];
  if (missing.length) throw forbidden(`${refusal}: the ${role} role grants ${missing.join(', ')}, which you do not hold`);
}

export function toProfile(agent: AgentRow): AgentProfile {
  return {
    id: String(agent._id),
    tenantId: String(agent.tenantId),
    email: agent.email,
    name: agent.name,
    avatarUrl: agent.avatarUrl ?? null,
    role: agent.role,
    permissions: [...rolePermissions[agent.role]],
    status: agent.status,
    departmentIds: agent.departmentIds.map(String),
    maxChats: agent.maxChats,
    disabled: Boolean(agent.disabledAt),
  };
}

/** Agents of a tenant: listing and the admin's create/update/disable. */
export class AgentService {
  constructor(
    private readonly models: Models,
    private readonly events: EventService,
    private readonly presence: PresenceService,
    private readonly conversations: ConversationService,
  ) {}

  async get(tenantId: string, agentId: string): Promise<AgentProfile> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).lean<AgentRow>();
    if (!agent) throw notFound('agent');
    return toProfile(agent);
  }

  async list(tenantId: string): Promise<AgentProfile[]> {
    const agents = await this.models.Agent.find({ tenantId }).sort({ name: 1 }).lean<AgentRow[]>();
    return agents.map(toProfile);
  }

  /** `grantor`: the caller, who may only give a role they hold in full (omitted by the desk itself: seeding). */
  async create(
    tenantId: string,
    input: { email: string; name: string; password: string; role: Role; departmentIds: string[]; maxChats: number },
    grantor?: Grantor,
  ): Promise<AgentProfile> {
    assertGrantable(grantor, input.role, `cannot grant the ${input.role} role`);
    await this.assertDepartments(tenantId, input.departmentIds);
    const passwordHash = await hashPassword(input.password);
    // Idempotent on (tenant, email) even where unique indexes are not enforced.
    const result = await this.models.Agent.updateOne(
      { tenantId, email: input.email },
      {
        $setOnInsert: {
          tenantId: new Types.ObjectId(tenantId),
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          departmentIds: input.departmentIds.map((id) => new Types.ObjectId(id)),
          maxChats: input.maxChats,
          freeSlots: input.maxChats,
        },
      },
      { upsert: true },
    ).catch((err) => {
      if (isDuplicateKey(err)) return { upsertedCount: 0, upsertedId: null };
      throw err;
    });
    if (result.upsertedCount !== 1) throw invalidField('email', 'an agent with this email already exists');
    return this.get(tenantId, String(result.upsertedId));
  }

  /** `grantor`: the caller, who may only change a role to and from roles they hold in full (omitted by the desk itself). */
  async update(
    tenantId: string,
    input: { agentId: string; role?: Role; departmentIds?: string[]; maxChats?: number },
    grantor?: Grantor,
  ): Promise<AgentProfile> {
    const { agentId, departmentIds, ...rest } = input;
    if (rest.role) assertGrantable(grantor, rest.role, `cannot grant the ${rest.role} role`);
    if (departmentIds) await this.assertDepartments(tenantId, departmentIds);
    const set = {
      ...rest,
      ...(departmentIds ? { departmentIds: departmentIds.map((id) => new Types.ObjectId(id)) } : {}),
    };
    // One update, guarded on the cap it started from, sets the new cap and moves the free
    // slots by the same amount; concurrent reserves ($inc -1) commute with it, so no agent
    // goes over the new cap. A cap changed meanwhile means reading it again (as does a role
    // changed since it was checked).
    let before: AgentRow | null = null;
    let agent: AgentRow | null = null;
    for (let attempt = 0; !agent; attempt++) {
      if (attempt === 5) throw conflict('the agent changed meanwhile; try again');
      before = await this.models.Agent.findOne({ tenantId, _id: agentId }).lean<AgentRow>();
      if (!before) throw notFound('agent');
      // Nor may they change the role of someone who holds more than they do.
      if (rest.role && rest.role !== before.role) assertGrantable(grantor, before.role, `cannot change the role of an agent whose role is ${before.role}`);
      const moved = rest.maxChats === undefined ? 0 : rest.maxChats - before.maxChats;
      agent = await this.models.Agent.findOneAndUpdate(
        { tenantId, _id: agentId, maxChats: before.maxChats, ...(rest.role ? { role: before.role } : {}) },
        { $set: set, ...(moved ? { $inc: { freeSlots: moved, slotsRev: 1 } } : {}) },
        { returnDocument: 'after' },
      ).lean<AgentRow>();
    }
    await this.presence.publish(tenantId, agentId);
    if (departmentIds) await this.events.publish(tenantId, 'agent.departments.changed', { agentIds: [agentId] });
    // More room or new queues: what waits there may be theirs now.
    const joined = agent.departmentIds.some((d) => !before!.departmentIds.some((b) => String(b) === String(d)));
    if (agent.maxChats > before!.maxChats || joined) this.conversations.routeFor(tenantId, agentId);
    return toProfile(agent);
  }

  /** Disables an agent and ends every session and live stream of theirs at once. */
  async disable(tenantId: string, agentId: string, grantor?: Grantor & { agentId?: string }): Promise<AgentProfile> {
    // Locking oneself out (perhaps the last admin) is never what was meant.
    if (grantor?.agentId === agentId) throw forbidden('you cannot disable your own account');
    const role = await this.roleOf(tenantId, agentId, grantor, 'disable');
    const agent = await this.models.Agent.findOneAndUpdate(
      { tenantId, _id: agentId, role },
      { $set: { disabledAt: new Date(), status: 'unavailable' } },
      { returnDocument: 'after' },
    ).lean<AgentRow>();
    if (!agent) throw conflict('the agent changed meanwhile; try again');
    await this.models.Session.deleteMany({ tenantId, agentId });
    await this.events.publish(tenantId, 'agent.disabled', { agentId });
    await this.presence.dropConnections(tenantId, agentId);
    return toProfile(agent);
  }

  async enable(tenantId: string, agentId: string, grantor?: Grantor): Promise<AgentProfile> {
    const role = await this.roleOf(tenantId, agentId, grantor, 'enable');
    const agent = await this.models.Agent.findOneAndUpdate(
      { tenantId, _id: agentId, role },
      { $set: { disabledAt: null } },
      { returnDocument: 'after' },
    ).lean<AgentRow>();
    if (!agent) throw conflict('the agent changed meanwhile; try again');
    return toProfile(agent);
  }

  /** The agent's role, once `grantor` is shown to hold all it grants (so a key cannot switch admins off or on). */
  private async roleOf(tenantId: string, agentId: string, grantor: Grantor | undefined, action: string): Promise<Role> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ role: 1 }).lean<AgentRow>();
    if (!agent) throw notFound('agent');
    assertGrantable(grantor, agent.role, `cannot ${action} an agent whose role is ${agent.role}`);
    return agent.role;
  }

  private async assertDepartments(tenantId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.models.Department.countDocuments({ tenantId, _id: { $in: ids } });
    if (found !== new Set(ids).size) throw invalidField('departmentIds', 'unknown department');
  }
}
