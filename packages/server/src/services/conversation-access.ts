import type { ConversationAccess } from '../events/types.js';
import type { Types } from 'mongoose';
import type { Models } from '../models/index.js';
import { BatchedFinds } from './batched-finds.js';
import type { Principal } from './principal.js';

type AgentCaller = Extract<Principal, { kind: 'agent' }>;
type Access = Omit<ConversationAccess, 'before'>;

/** Who may see a conversation, as one rule used by queries, procedures and every live event. */
export class ConversationAccessService {
  /** Agents' departments, read together across this process's requests. */
  private readonly departments: BatchedFinds<{ departmentIds: Types.ObjectId[] }>;

  constructor(models: Models) {
    this.departments = new BatchedFinds(models.Agent, { select: { departmentIds: 1 } });
  }

  /** The departments an agent works in (read fresh: an admin may have just changed them). */
  async departmentsOf(tenantId: string, agentId: string): Promise<string[]> {
    const agent = await this.departments.findOne(tenantId, { _id: agentId });
    return (agent?.departmentIds ?? []).map(String);
  }

  async canSee(caller: Principal, access: Access): Promise<boolean> {
    if (caller.kind !== 'agent' || isSupervisor(caller)) return canSee(caller, access, []);
    return canSee(caller, access, await this.departmentsOf(caller.tenantId, caller.agentId));
  }

  /** A query filter matching exactly the conversations `canSee` allows an agent. */
  async filterFor(caller: AgentCaller): Promise<Record<string, unknown>> {
    if (isSupervisor(caller)) return {};
    const departments = await this.departmentsOf(caller.tenantId, caller.agentId);
    return {
      $or: [
        { assigneeId: caller.agentId },
        { ...queuedFilter, departmentId: { $in: [...departments, null] } },
      ],
    };
  }
}

export const isSupervisor = (caller: Principal) => caller.permissions.includes('conversations:supervise');

/**
 * Waiting in a queue for an agent: pending and unassigned. `pending` alone is not enough:
 * a ticket set to "pending" (waiting on the customer) keeps its assignee and is theirs.
 */
export const isQueued = (c: { status: string; assigneeId: string | null }) => c.status === 'pending' && !c.assigneeId;

/** The query filter for `isQueued`. */
export const queuedFilter = { status: 'pending', assigneeId: null } as const;

/**
 * The rule: a visitor sees their own conversations; a partner key with
 * `conversations:read` and supervisors see the tenant's; an agent sees what is
 * assigned to them and what waits in their departments' queues (`isQueued`).
 */
export function canSee(caller: Principal, access: Access, departments: readonly string[]): boolean {
  if (caller.kind === 'visitor') return access.customerId === caller.customerId;
  if (caller.kind === 'partner') return caller.permissions.includes('conversations:read');
  if (isSupervisor(caller)) return true;
  if (access.assigneeId === caller.agentId) return true;
  if (!isQueued(access)) return false;
  return access.departmentId === null || departments.includes(access.departmentId);
}
