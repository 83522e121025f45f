import { TRPCError } from '@trpc/server';
import type { Models } from '../models/index.js';
import type { Principal } from './principal.js';
import { toConversationView, type ConversationView, type MessageView } from './conversation-views.js';
import { invalidField, notFound } from './errors.js';
import type { MessageService } from './messages.js';
import type { AssignFailure, RoutingService } from './routing.js';
import type { VisitorService } from './visitors.js';

type AgentCaller = Extract<Principal, { kind: 'agent' }>;
type Caller = Principal;

const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

const failureMessage: Record<AssignFailure, string> = {
  'agent-unavailable': 'the agent is not available',
  'at-capacity': 'the agent has reached their maximum number of chats',
  taken: 'the chat was already taken',
};

export type QueueView = 'pending' | 'mine' | 'all' | 'tickets' | 'closed';

/** Conversations: the web-chat channel's start, the queue, and every agent action on a chat. */
export class ConversationService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly routing: RoutingService,
    private readonly visitors: VisitorService,
  ) {}

  /** A visitor starts a web chat: customer, conversation, first message, visitor token. */
  async startChat(input: {
    tenant: string;
    name?: string;
    email?: string;
    departmentId?: string;
    message: { body: string; clientMessageId: string };
  }): Promise<{ visitorToken: string; conversation: ConversationView; message: MessageView }> {
    const tenant = await this.models.Tenant.findOne({ slug: input.tenant }).lean();
    if (!tenant) throw notFound('tenant');
    const tenantId = String(tenant._id);
    const department = input.departmentId
      ? await this.models.Department.findOne({ tenantId, _id: input.departmentId }).lean()
      : await this.models.Department.findOne({ tenantId }).sort({ name: 1 }).lean();
    if (input.departmentId && !department) throw invalidField('departmentId', 'unknown department');

    const name = input.name ?? 'Visitor';
    const customer = await this.models.Customer.create({ tenantId: tenant._id, name, email: input.email ?? null });
    const row = await this.models.Conversation.create({
      tenantId: tenant._id,
      kind: 'chat',
      channel: 'web',
      customerId: customer._id,
      customerName: name,
      departmentId: department?._id ?? null,
      status: 'pending',
      subject: input.message.body.slice(0, 120),
    });
    const conversationId = String(row._id);
    await this.messages.append(tenantId, conversationId, { authorKind: 'system', event: { type: 'created' } });
    const { message, conversation } = await this.messages.append(tenantId, conversationId, {
      authorKind: 'customer',
      authorId: String(customer._id),
      authorName: name,
      body: input.message.body,
      clientMessageId: input.message.clientMessageId,
    });
    const { token } = await this.visitors.issue(tenantId, String(customer._id));
    await this.route(tenantId, conversation.departmentId);
    return { visitorToken: token, conversation: await this.messages.view(tenantId, conversationId), message };
  }

  /** A conversation the caller may see, or NOT_FOUND. */
  async get(caller: Caller, conversationId: string): Promise<ConversationView> {
    const row = await this.models.Conversation.findOne({ tenantId: caller.tenantId, _id: conversationId }).lean();
    if (!row) throw notFound('conversation');
    const view = toConversationView(row);
    if (!(await this.canSee(caller, view))) throw notFound('conversation');
    return view;
  }

  async list(caller: AgentCaller, view: QueueView, limit: number): Promise<ConversationView[]> {
    const { tenantId, agentId } = caller;
    const supervisor = caller.permissions.includes('conversations:supervise');
    const departments = supervisor ? null : await this.departmentsOf(caller);
    const inMyDepartments = departments ? { departmentId: { $in: departments } } : {};
    const mineOrAll = supervisor ? {} : { assigneeId: agentId };
    const filter: Record<string, unknown> = {
      pending: { status: 'pending', ...inMyDepartments },
      mine: { assigneeId: agentId, status: { $in: ['open', 'on-hold'] } },
      all: supervisor ? {} : { assigneeId: agentId },
      tickets: { kind: 'ticket', ...mineOrAll },
      closed: { status: 'closed', ...mineOrAll },
    }[view];
    const sort: Record<string, 1 | -1> =
      view === 'pending' ? { priorityRank: -1, queuedAt: 1 } : { lastMessageAt: -1 };
    const rows = await this.models.Conversation.find({ tenantId, ...filter }).sort(sort).limit(limit).lean();
    return rows.map(toConversationView);
  }

  /** An agent picks up a pending chat (manual routing). */
  async accept(caller: AgentCaller, conversationId: string): Promise<ConversationView> {
    const view = await this.get(caller, conversationId);
    if (view.status !== 'pending') throw conflict('the chat was already taken');
    const result = await this.routing.assign(caller.tenantId, conversationId, caller.agentId);
    if ('failure' in result) throw conflict(failureMessage[result.failure]);
    return this.announceAssignment(caller.tenantId, result.conversation, 'accept');
  }

  async reply(caller: AgentCaller, input: { conversationId: string; body: string; clientMessageId: string }) {
    const view = await this.get(caller, input.conversationId);
    this.assertHandles(caller, view);
    if (view.status === 'closed' || view.status === 'pending') throw conflict(`cannot reply to a ${view.status} conversation`);
    const name = await this.agentName(caller.tenantId, caller.agentId);
    return this.messages.append(caller.tenantId, view.id, {
      authorKind: 'agent',
      authorId: caller.agentId,
      authorName: name,
      body: input.body,
      clientMessageId: input.clientMessageId,
    });
  }

  /** The visitor writes in their own conversation. */
  async visitorSend(caller: Extract<Principal, { kind: 'visitor' }>, input: { conversationId: string; body: string; clientMessageId: string }) {
    const view = await this.get(caller, input.conversationId);
    if (view.status === 'closed') throw conflict('this chat has ended; start a new one');
    return this.messages.append(caller.tenantId, view.id, {
      authorKind: 'customer',
      authorId: caller.customerId,
      authorName: view.customer.name,
      body: input.body,
      clientMessageId: input.clientMessageId,
    });
  }

  async messagesPage(caller: Caller, input: { conversationId: string; beforeSeq?: number; limit: number }) {
    const view = await this.get(caller, input.conversationId);
    return this.messages.page(caller.tenantId, view.id, input);
  }

  /** Hands the chat to another Available agent, or back to a department's queue. */
  async transfer(
    caller: AgentCaller,
    input: { conversationId: string; to: { agentId: string } | { departmentId: string }; note?: string },
  ): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, input.conversationId);
    this.assertHandles(caller, view);
    if (view.status !== 'open' && view.status !== 'on-hold') throw conflict(`cannot transfer a ${view.status} conversation`);
    const from = view.assigneeId;
    let moved;
    if ('agentId' in input.to) {
      const target = input.to.agentId;
      if (target === from) throw invalidField('to.agentId', 'the chat is already assigned to this agent');
      const targetAgent = await this.models.Agent.findOne({ tenantId, _id: target }).select({ _id: 1 }).lean();
      if (!targetAgent) throw notFound('agent');
      const failure = await this.routing.reserve(tenantId, target);
      if (failure) throw conflict(failureMessage[failure]);
      moved = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: view.id, assigneeId: from, status: view.status },
        { $set: { assigneeId: target, assignedAt: new Date() } },
        { returnDocument: 'after' },
      ).lean();
      if (!moved) await this.routing.release(tenantId, target);
    } else {
      const department = await this.models.Department.findOne({ tenantId, _id: input.to.departmentId }).lean();
      if (!department) throw notFound('department');
      moved = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: view.id, assigneeId: from, status: view.status },
        { $set: { assigneeId: null, status: 'pending', departmentId: department._id, queuedAt: new Date(), assignedAt: null } },
        { returnDocument: 'after' },
      ).lean();
    }
    if (!moved) throw conflict('the conversation changed meanwhile; reload it');
    if (from) await this.routing.release(tenantId, from);
    const toAgentId = 'agentId' in input.to ? input.to.agentId : null;
    const toDepartmentId = 'departmentId' in input.to ? input.to.departmentId : null;
    await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      event: { type: 'transferred', from, toAgentId, toDepartmentId, note: input.note ?? null },
    });
    await this.route(tenantId, toDepartmentId ?? view.departmentId);
    return this.messages.view(tenantId, view.id);
  }

  async close(caller: AgentCaller, input: { conversationId: string; reason?: string }): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, input.conversationId);
    if (view.assigneeId) this.assertHandles(caller, view);
    const before = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: view.id, status: { $ne: 'closed' } },
      { $set: { status: 'closed', closedAt: new Date(), closeReason: input.reason ?? null } },
      { returnDocument: 'before' },
    ).lean();
    if (!before) throw conflict('the conversation is already closed');
    // An assigned open chat held a slot: give it back and let routing use it.
    if (before.assigneeId && (before.status === 'open' || before.status === 'on-hold')) {
      await this.routing.release(tenantId, String(before.assigneeId));
    }
    await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      event: { type: 'closed', reason: input.reason ?? null },
    });
    await this.route(tenantId, view.departmentId);
    return this.messages.view(tenantId, view.id);
  }

  /** A closed conversation goes back to its department's queue. */
  async reopen(caller: AgentCaller, conversationId: string): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, conversationId);
    const reopened = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: view.id, status: 'closed' },
      { $set: { status: 'pending', assigneeId: null, closedAt: null, closeReason: null, queuedAt: new Date() } },
      { returnDocument: 'after' },
    ).lean();
    if (!reopened) throw conflict('only closed conversations can be reopened');
    await this.messages.append(tenantId, view.id, { authorKind: 'system', authorId: caller.agentId, event: { type: 'reopened' } });
    await this.route(tenantId, view.departmentId);
    return this.messages.view(tenantId, view.id);
  }

  /** Who may see a conversation: its visitor; supervisors; its assignee; while pending, its department's agents. */
  async canSee(caller: Caller, view: ConversationView): Promise<boolean> {
    if (caller.kind === 'visitor') return view.customer.id === caller.customerId;
    if (caller.kind === 'partner') return caller.permissions.includes('conversations:read');
    if (caller.permissions.includes('conversations:supervise')) return true;
    if (view.assigneeId === caller.agentId) return true;
    if (view.status !== 'pending') return false;
    return view.departmentId === null || (await this.departmentsOf(caller)).includes(view.departmentId);
  }

  /** An agent became Available: route their departments' queues to them. */
  async agentAvailable(tenantId: string, agentId: string): Promise<void> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ departmentIds: 1 }).lean();
    for (const departmentId of agent?.departmentIds ?? []) await this.route(tenantId, String(departmentId));
  }

  /** Runs automatic routing for a department (no-op in manual mode) and announces what it assigned. */
  async route(tenantId: string, departmentId: string | null): Promise<void> {
    for (const { conversation } of await this.routing.routeDepartment(tenantId, departmentId)) {
      await this.announceAssignment(tenantId, conversation, 'routing');
    }
  }

  private async announceAssignment(tenantId: string, view: ConversationView, by: 'routing' | 'accept') {
    const agentId = view.assigneeId!;
    const agentName = await this.agentName(tenantId, agentId);
    const { conversation } = await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      event: { type: 'assigned', agentId, agentName, by },
    });
    return conversation;
  }

  private assertHandles(caller: AgentCaller, view: ConversationView): void {
    if (view.assigneeId === caller.agentId || caller.permissions.includes('conversations:supervise')) return;
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only the assigned agent or a supervisor can do this' });
  }

  private async departmentsOf(caller: AgentCaller): Promise<string[]> {
    const agent = await this.models.Agent.findOne({ tenantId: caller.tenantId, _id: caller.agentId })
      .select({ departmentIds: 1 })
      .lean();
    return (agent?.departmentIds ?? []).map(String);
  }

  private async agentName(tenantId: string, agentId: string): Promise<string> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ name: 1 }).lean();
    return agent?.name ?? '';
  }
}
