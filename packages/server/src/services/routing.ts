import type { Models } from '../models/index.js';
import type { PresenceLeases } from './presence-leases.js';
import type { ConversationView } from './conversation-views.js';
import { toConversationView } from './conversation-views.js';

export type AssignFailure = 'agent-unavailable' | 'at-capacity' | 'taken';

/** A chat routing gave to an agent, with the conversation as it was before. */
export type Assignment = { conversation: ConversationView; before: ConversationView };

/**
 * Puts pending chats with agents. Every step is one single-document atomic update:
 * reserving a slot on the agent (`freeSlots > 0` → `-1`), then claiming the chat
 * (`pending` and unassigned → assigned), giving the slot back if the claim loses.
 * So any number of processes can route at once with no double assignment and no
 * agent over their cap.
 */
export class RoutingService {
  constructor(
    private readonly models: Models,
    private readonly leases: PresenceLeases,
  ) {}

  /** Reserves one chat slot on an Available, online agent. */
  async reserve(tenantId: string, agentId: string): Promise<AssignFailure | null> {
    if (!(await this.leases.isOnline(tenantId, agentId))) return 'agent-unavailable';
    const agent = await this.models.Agent.findOneAndUpdate(
      { tenantId, _id: agentId, disabledAt: null, status: 'available', freeSlots: { $gt: 0 } },
      { $inc: { freeSlots: -1 }, $set: { lastAssignedAt: new Date() } },
    ).lean();
    if (agent) return null;
    const exists = await this.models.Agent.findOne({ tenantId, _id: agentId, disabledAt: null, status: 'available' })
      .select({ _id: 1 })
      .lean();
    return exists ? 'at-capacity' : 'agent-unavailable';
  }

  async release(tenantId: string, agentId: string): Promise<void> {
    await this.models.Agent.updateOne({ tenantId, _id: agentId }, { $inc: { freeSlots: 1 } });
  }

  /**
   * Assigns a pending conversation to an agent, or says why not. A chat takes one of
   * the agent's slots; a ticket (async work) takes none.
   */
  async assign(
    tenantId: string,
    conversationId: string,
    agentId: string,
    kind: 'chat' | 'ticket' = 'chat',
  ): Promise<Assignment | { failure: AssignFailure }> {
    const failure = kind === 'chat' ? await this.reserve(tenantId, agentId) : await this.activeCheck(tenantId, agentId);
    if (failure) return { failure };
    const claimed = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: conversationId, kind, status: 'pending', assigneeId: null },
      { $set: { status: 'open', assigneeId: agentId, assignedAt: new Date() }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!claimed) {
      if (kind === 'chat') await this.release(tenantId, agentId);
      return { failure: 'taken' };
    }
    const before = { ...claimed, status: 'pending', assigneeId: null, assignedAt: null };
    return { conversation: toConversationView(claimed), before: toConversationView(before) };
  }

  /** Tickets need an enabled agent, not an Available one. */
  private async activeCheck(tenantId: string, agentId: string): Promise<AssignFailure | null> {
    const agent = await this.models.Agent.exists({ tenantId, _id: agentId, disabledAt: null });
    return agent ? null : 'agent-unavailable';
  }

  /**
   * Automatic routing over some queues (department ids; `null` is the general queue):
   * while one of them has a pending chat and an Available agent with room, gives the
   * highest-priority, longest-waiting chat of them all to the least-loaded agent who
   * serves its queue. Queues in manual mode are left alone. Yields each assignment as it
   * is made. Safe to run in every process at once. Ends early, between two assignments,
   * once `signal` aborts (process shutdown): what is left waits for the next run.
   */
  async *route(tenantId: string, queues: ReadonlyArray<string | null>, signal?: AbortSignal): AsyncGenerator<Assignment> {
    let open = await this.autoQueues(tenantId, queues);
    for (let attempt = 0; attempt < 500 && open.length > 0 && !signal?.aborted; attempt++) {
      const chat = await this.models.Conversation.findOne({
        tenantId,
        departmentId: { $in: open },
        kind: 'chat',
        status: 'pending',
        assigneeId: null,
      })
        .sort({ priorityRank: -1, queuedAt: 1, _id: 1 })
        .select({ departmentId: 1 })
        .lean();
      if (!chat) break;
      const queue = chat.departmentId ? String(chat.departmentId) : null;
      const agent = await this.leastLoaded(tenantId, queue);
      // Nobody has room for this queue: leave its chats waiting and go on with the others.
      if (!agent) {
        open = open.filter((q) => q !== queue);
        continue;
      }
      const result = await this.assign(tenantId, String(chat._id), agent);
      if ('conversation' in result) yield result;
    }
  }

  /**
   * The queues of `queues` that route automatically: a department's own `routingMode`
   * wins; `'tenant'` (and the general queue) follow the tenant's setting.
   */
  private async autoQueues(tenantId: string, queues: ReadonlyArray<string | null>): Promise<Array<string | null>> {
    const unique = [...new Set(queues)];
    const tenant = await this.models.Tenant.findOne({ _id: tenantId }).select({ routingMode: 1 }).lean();
    const tenantAuto = tenant?.routingMode === 'auto';
    const ids = unique.filter((q): q is string => q !== null);
    const departments = ids.length
      ? await this.models.Department.find({ tenantId, _id: { $in: ids } }).select({ routingMode: 1 }).lean()
      : [];
    const auto = new Set(
      departments.filter((d) => d.routingMode === 'auto' || (d.routingMode !== 'manual' && tenantAuto)).map((d) => String(d._id)),
    );
    return unique.filter((q) => (q === null ? tenantAuto : auto.has(q)));
  }

  /** The Available, online agent serving the queue with the most room (ties: longest since last chat). */
  private async leastLoaded(tenantId: string, departmentId: string | null): Promise<string | null> {
    const online = await this.leases.onlineAgents(tenantId);
    const candidates = await this.models.Agent.find({
      tenantId,
      _id: { $in: online },
      disabledAt: null,
      status: 'available',
      freeSlots: { $gt: 0 },
      ...(departmentId ? { departmentIds: departmentId } : {}),
    })
      .select({ freeSlots: 1, maxChats: 1, lastAssignedAt: 1 })
      .lean();
    if (candidates.length === 0) return null;
    const load = (a: (typeof candidates)[number]) => a.maxChats - a.freeSlots;
    const since = (a: (typeof candidates)[number]) => a.lastAssignedAt?.getTime() ?? 0;
    candidates.sort((a, b) => load(a) - load(b) || since(a) - since(b));
    return String(candidates[0]!._id);
  }

  /**
   * Sets every agent's free slots from the chats they hold. Only for when nothing
   * routes meanwhile (seeding, maintenance): it is a read followed by a write.
   */
  async recountSlots(tenantId: string): Promise<void> {
    const agents = await this.models.Agent.find({ tenantId }).select({ maxChats: 1 }).lean();
    for (const agent of agents) {
      const held = await this.models.Conversation.countDocuments({
        tenantId,
        assigneeId: agent._id,
        kind: 'chat',
        status: { $in: ['open', 'on-hold'] },
      });
      await this.models.Agent.updateOne({ tenantId, _id: agent._id }, { $set: { freeSlots: agent.maxChats - held } });
    }
  }
}
