import { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import type { DepartmentRoutingMode } from '../schemas/conversations.js';
import { conflict, type ConversationService } from './conversations.js';
import { invalidField, isDuplicateKey, notFound } from './errors.js';
import type { EventService } from './events.js';

export interface DepartmentView {
  id: string;
  name: string;
  description: string;
  /** Agents in the department (membership lives on the agent documents). */
  memberIds: string[];
  /** `'tenant'` follows the tenant's routing mode; `'manual'` or `'auto'` override it for this queue. */
  routingMode: DepartmentRoutingMode;
}

/**
 * A tenant's departments: the queues chats are routed and transferred to. Membership
 * changes are published, so open live streams re-read what their agents may see.
 */
export class DepartmentService {
  constructor(
    private readonly models: Models,
    private readonly events: EventService,
    private readonly conversations: ConversationService,
  ) {}

  async list(tenantId: string): Promise<DepartmentView[]> {
    const rows = await this.models.Department.find({ tenantId }).sort({ name: 1 }).lean();
    const agents = await this.models.Agent.find({ tenantId, disabledAt: null }).select({ departmentIds: 1 }).lean();
    return rows.map((row) => ({
      id: String(row._id),
      name: row.name,
      description: row.description ?? '',
      memberIds: agents.filter((a) => a.departmentIds.some((d) => String(d) === String(row._id))).map((a) => String(a._id)),
      routingMode: (row.routingMode ?? 'tenant') as DepartmentRoutingMode,
    }));
  }

  async get(tenantId: string, departmentId: string): Promise<DepartmentView> {
    const found = (await this.list(tenantId)).find((d) => d.id === departmentId);
    if (!found) throw notFound('department');
    return found;
  }

  async create(
    tenantId: string,
    input: { name: string; description: string; memberIds: string[]; routingMode: DepartmentRoutingMode },
  ): Promise<DepartmentView> {
    if (await this.models.Department.exists({ tenantId, name: input.name })) throw invalidField('name', 'a department with that name exists');
    await this.assertAgents(tenantId, input.memberIds, 'memberIds');
    const row = await this.models.Department.create({
      tenantId,
      name: input.name,
      description: input.description,
      routingMode: input.routingMode,
    }).catch((err) => {
      if (isDuplicateKey(err)) throw invalidField('name', 'a department with that name exists');
      throw err;
    });
    await this.setMembers(tenantId, String(row._id), input.memberIds, []);
    return this.get(tenantId, String(row._id));
  }

  async update(
    tenantId: string,
    input: {
      departmentId: string;
      name?: string;
      description?: string;
      addMemberIds: string[];
      removeMemberIds: string[];
      routingMode?: DepartmentRoutingMode;
    },
  ): Promise<DepartmentView> {
    const row = await this.models.Department.findOne({ tenantId, _id: input.departmentId }).lean();
    if (!row) throw notFound('department');
    if (input.name !== undefined && input.name !== row.name && (await this.models.Department.exists({ tenantId, name: input.name }))) {
      throw invalidField('name', 'a department with that name exists');
    }
    await this.assertAgents(tenantId, input.addMemberIds, 'addMemberIds');
    await this.assertAgents(tenantId, input.removeMemberIds, 'removeMemberIds');
    const set: Record<string, unknown> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description;
    if (input.routingMode !== undefined) set.routingMode = input.routingMode;
    if (Object.keys(set).length) await this.models.Department.updateOne({ tenantId, _id: row._id }, { $set: set });
    await this.setMembers(tenantId, input.departmentId, input.addMemberIds, input.removeMemberIds);
    // New members, or a queue now routed automatically: hand out what waits there.
    if (input.addMemberIds.length || (input.routingMode && input.routingMode !== row.routingMode)) {
      this.conversations.route(tenantId, input.departmentId);
    }
    return this.get(tenantId, input.departmentId);
  }

  /** Removes a department no open conversation belongs to (closed ones keep their id) and drops it from agents. */
  async remove(tenantId: string, departmentId: string): Promise<{ removed: true }> {
    const row = await this.models.Department.findOne({ tenantId, _id: departmentId }).lean();
    if (!row) throw notFound('department');
    if (await this.models.Conversation.exists({ tenantId, departmentId: row._id, status: { $ne: 'closed' } })) {
      throw conflict('the department has open conversations; transfer or close them first');
    }
    const members = await this.models.Agent.find({ tenantId, departmentIds: row._id }).select({ _id: 1 }).lean();
    await this.models.Department.deleteOne({ tenantId, _id: row._id });
    await this.models.Agent.updateMany({ tenantId, departmentIds: row._id }, { $pullAll: { departmentIds: [row._id] } });
    if (members.length) await this.events.publish(tenantId, 'agent.departments.changed', { agentIds: members.map((m) => String(m._id)) });
    return { removed: true };
  }

  /**
   * Single-document membership changes on each agent ($addToSet / $pullAll), then one
   * event naming them, so their open streams rescope before any later event of the queue.
   */
  private async setMembers(tenantId: string, departmentId: string, add: string[], remove: string[]) {
    const id = new Types.ObjectId(departmentId);
    for (const agentId of add) await this.models.Agent.updateOne({ tenantId, _id: agentId }, { $addToSet: { departmentIds: id } });
    for (const agentId of remove) await this.models.Agent.updateOne({ tenantId, _id: agentId }, { $pullAll: { departmentIds: [id] } });
    const agentIds = [...new Set([...add, ...remove])];
    if (agentIds.length) await this.events.publish(tenantId, 'agent.departments.changed', { agentIds });
  }

  private async assertAgents(tenantId: string, agentIds: string[], field: string) {
    if (!agentIds.length) return;
    const found = await this.models.Agent.countDocuments({ tenantId, _id: { $in: [...new Set(agentIds)] } });
    if (found !== new Set(agentIds).size) throw invalidField(field, 'unknown agent');
  }
}
