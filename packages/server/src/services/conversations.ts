import { TRPCError } from '@trpc/server';
import type { Models } from '../models/index.js';
import type { ConversationAccessService } from './conversation-access.js';
import { isQueued, isSupervisor, queuedFilter } from './conversation-access.js';
import { accessOf, toConversationView, toDeskMessage, type ConversationView } from './conversation-views.js';
import { invalidField, notFound } from './errors.js';
import type { OutboundChannels } from './channels/outbound.js';
import type { MessageContentService } from './message-content.js';
import type { MessageService } from './messages.js';
import type { MessageContent } from '../schemas/messages.js';
import type { Principal } from './principal.js';
import type { Logger } from '../logger.js';
import type { AssignFailure, RoutingService } from './routing.js';
import { CoalescedRuns } from './coalesced-runs.js';

type AgentCaller = Extract<Principal, { kind: 'agent' }>;

export const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

export const failureMessage: Record<AssignFailure, string> = {
  'agent-unavailable': 'the agent is not available',
  'at-capacity': 'the agent has reached their maximum number of chats',
  taken: 'the chat was already taken',
};

type TransferInput = { conversationId: string; to: { agentId: string } | { departmentId: string }; note?: string };

const TRANSFERABLE: ReadonlyArray<ConversationView['status']> = ['open', 'on-hold', 'pending'];

/** A conversation's life on the agent side: accept, reply, transfer, close, reopen. */
export class ConversationService {
  constructor(
    private readonly models: Models,
    private readonly messages: MessageService,
    private readonly routing: RoutingService,
    private readonly access: ConversationAccessService,
    private readonly content: MessageContentService,
    private readonly outbound: OutboundChannels,
    private readonly log: Logger,
  ) {}

  /** A conversation the caller may see, or NOT_FOUND (never revealing that it exists). */
  async get(caller: Principal, conversationId: string): Promise<ConversationView> {
    const view = await this.messages.view(caller.tenantId, conversationId);
    if (!(await this.access.canSee(caller, accessOf(view)))) throw notFound('conversation');
    return view;
  }

  async messagesPage(caller: Principal, input: { conversationId: string; beforeSeq?: number; limit: number }) {
    const view = await this.get(caller, input.conversationId);
    const page = await this.messages.page(caller.tenantId, view.id, input);
    return caller.kind === 'visitor' ? page : page.map(toDeskMessage);
  }

  /** An agent picks up a queued chat (manual routing). */
  async accept(caller: AgentCaller, conversationId: string): Promise<ConversationView> {
    const view = await this.get(caller, conversationId);
    if (!isQueued(view)) throw conflict('the chat was already taken');
    const result = await this.routing.assign(caller.tenantId, conversationId, caller.agentId, view.kind);
    if ('failure' in result) throw conflict(failureMessage[result.failure]);
    return this.announceAssignment(caller.tenantId, result.conversation, 'accept', view);
  }

  /** An agent's message; on SMS/WhatsApp it is stored first, then handed to the provider. */
  async reply(caller: AgentCaller, input: MessageContent & { conversationId: string; clientMessageId: string }) {
    const view = await this.get(caller, input.conversationId);
    this.assertHandles(caller, view);
    if (view.status === 'closed' || isQueued(view)) throw conflict(`cannot reply to a ${stateOf(view)} conversation`);
    await this.outbound.assertCanSend(caller.tenantId, view, 'free-form', input.attachment || input.voice ? 'media' : 'text');
    const { body, content } = await this.content.resolve(caller, view.id, input);
    const delivery = await this.outbound.deliveryFor(caller.tenantId, view);
    const result = await this.messages.append(caller.tenantId, view.id, {
      authorKind: 'agent',
      authorId: caller.agentId,
      authorName: caller.name,
      body,
      content: delivery ? { ...(content ?? { kind: 'text' }), delivery } : content,
      clientMessageId: input.clientMessageId,
    }, view);
    if (result.created && delivery) await this.outbound.dispatch(caller.tenantId, result.message);
    return result;
  }

  /**
   * Hands the conversation to another agent (a chat: an Available one with room; a ticket:
   * any active one), or back to a department's queue. A queued one is dispatched instead.
   */
  async transfer(caller: AgentCaller, input: TransferInput): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, input.conversationId);
    if (isQueued(view)) return this.dispatch(caller, view, input);
    this.assertHandles(caller, view);
    // Assigned and being worked on: open, on hold, or (a ticket) pending on the customer.
    if (!view.assigneeId || !TRANSFERABLE.includes(view.status)) throw conflict(`cannot transfer a ${stateOf(view)} conversation`);
    const from = view.assigneeId;
    const usesSlot = view.kind === 'chat';
    let moved;
    let toAgentName: string | null = null;
    let toDepartmentName: string | null = null;
    if ('agentId' in input.to) {
      const target = input.to.agentId;
      if (target === from) throw invalidField('to.agentId', 'the conversation is already assigned to this agent');
      const targetAgent = await this.models.Agent.findOne({ tenantId, _id: target, disabledAt: null }).select({ name: 1 }).lean();
      if (!targetAgent) throw notFound('agent');
      toAgentName = targetAgent.name;
      // Chats go only to Available agents with room; tickets are async and only need an active agent.
      if (usesSlot) {
        const failure = await this.routing.reserve(tenantId, target, view.id);
        if (failure) throw conflict(failureMessage[failure]);
      }
      moved = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: view.id, assigneeId: from, status: view.status },
        { $set: { assigneeId: target, assignedAt: new Date() }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (!moved && usesSlot) await this.routing.release(tenantId, target, view.id);
    } else {
      const department = await this.models.Department.findOne({ tenantId, _id: input.to.departmentId }).lean();
      if (!department) throw notFound('department');
      toDepartmentName = department.name;
      moved = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: view.id, assigneeId: from, status: view.status },
        {
          $set: { assigneeId: null, status: 'pending', departmentId: department._id, queuedAt: new Date(), assignedAt: null },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      ).lean();
    }
    if (!moved) throw conflict('the conversation changed meanwhile; reload it');
    if (from && usesSlot) await this.routing.release(tenantId, from, view.id);
    const toDepartmentId = await this.recordTransfer(caller, view, input, from, { toAgentName, toDepartmentName });
    // The queue the chat went to may hand it out; the agent it left has a slot for any queue they serve.
    const queues = toDepartmentId ? [toDepartmentId] : [];
    if (from && usesSlot) this.routeFor(tenantId, from, queues);
    else if (toDepartmentId) this.route(tenantId, toDepartmentId);
    return this.messages.view(tenantId, view.id);
  }

  /**
   * A queued conversation sent on: to a department it changes queues, keeping its place in
   * time (`queuedAt`), and is routed there; to an agent it is assigned exactly as routing
   * and accept assign (the agent's slot reserved, then the queued conversation claimed, both
   * atomic), so it never goes to two agents nor past a cap. Who may: as for the other
   * actions on an unassigned conversation (tag, convert, close), anyone who sees it may move
   * it between queues; handing it to an agent is dispatching, for supervisors (an agent takes
   * one for themselves with accept).
   */
  private async dispatch(caller: AgentCaller, view: ConversationView, input: TransferInput): Promise<ConversationView> {
    const { tenantId } = caller;
    let toAgentName: string | null = null;
    let toDepartmentName: string | null = null;
    if ('agentId' in input.to) {
      if (!isSupervisor(caller)) throw new TRPCError({ code: 'FORBIDDEN', message: 'only supervisors hand a waiting conversation to an agent; accept it to take it' });
      const targetAgent = await this.models.Agent.findOne({ tenantId, _id: input.to.agentId, disabledAt: null }).select({ name: 1 }).lean();
      if (!targetAgent) throw notFound('agent');
      toAgentName = targetAgent.name;
      const result = await this.routing.assign(tenantId, view.id, input.to.agentId, view.kind);
      if ('failure' in result) throw conflict(failureMessage[result.failure]);
    } else {
      const department = await this.models.Department.findOne({ tenantId, _id: input.to.departmentId }).lean();
      if (!department) throw notFound('department');
      if (view.departmentId === input.to.departmentId) throw invalidField('to.departmentId', 'the conversation already waits in this department');
      toDepartmentName = department.name;
      const moved = await this.models.Conversation.updateOne(
        { tenantId, _id: view.id, ...queuedFilter, departmentId: view.departmentId },
        { $set: { departmentId: department._id }, $inc: { revision: 1 } },
      );
      if (moved.modifiedCount === 0) throw conflict('the conversation changed meanwhile; reload it');
    }
    const toDepartmentId = await this.recordTransfer(caller, view, input, null, { toAgentName, toDepartmentName });
    if (toDepartmentId) this.route(tenantId, toDepartmentId);
    return this.messages.view(tenantId, view.id);
  }

  /** The `transferred` event in the timeline; the department it went to, if any. */
  private async recordTransfer(
    caller: AgentCaller,
    view: ConversationView,
    input: TransferInput,
    from: string | null,
    names: { toAgentName: string | null; toDepartmentName: string | null },
  ): Promise<string | null> {
    const toAgentId = 'agentId' in input.to ? input.to.agentId : null;
    const toDepartmentId = 'departmentId' in input.to ? input.to.departmentId : null;
    await this.messages.append(caller.tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: caller.name,
      event: { type: 'transferred', from, toAgentId, toDepartmentId, ...names, note: input.note ?? null },
      before: view,
    });
    return toDepartmentId;
  }

  async close(caller: AgentCaller, input: { conversationId: string; reason?: string }): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, input.conversationId);
    if (view.assigneeId) this.assertHandles(caller, view);
    const before = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: view.id, status: { $ne: 'closed' } },
      { $set: { status: 'closed', closedAt: new Date(), closeReason: input.reason ?? null }, $inc: { revision: 1 } },
      { returnDocument: 'before' },
    ).lean();
    if (!before) throw conflict('the conversation is already closed');
    // An assigned open chat held a slot: give it back and let routing use it.
    const freed = holdsSlot(before) ? String(before.assigneeId) : null;
    if (freed) await this.routing.release(tenantId, freed, view.id);
    await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: caller.name,
      event: { type: 'closed', reason: input.reason ?? null },
      before: toConversationView(before),
    });
    if (freed) this.routeFor(tenantId, freed);
    return this.messages.view(tenantId, view.id);
  }

  /**
   * The desk itself closes a chat (e.g. customer inactivity): the same path as `close`
   * (slot released, event published, queue routed), guarded by `guard` so a chat that
   * changed meanwhile (say, the customer wrote again) stays open. Returns false if it did.
   */
  async closeBySystem(tenantId: string, conversationId: string, reason: string, guard: Record<string, unknown> = {}): Promise<boolean> {
    const before = await this.models.Conversation.findOneAndUpdate(
      { ...guard, tenantId, _id: conversationId, status: { $ne: 'closed' } },
      { $set: { status: 'closed', closedAt: new Date(), closeReason: reason }, $inc: { revision: 1 } },
      { returnDocument: 'before' },
    ).lean();
    if (!before) return false;
    const freed = holdsSlot(before) ? String(before.assigneeId) : null;
    if (freed) await this.routing.release(tenantId, freed, conversationId);
    await this.messages.append(tenantId, conversationId, {
      authorKind: 'system',
      event: { type: 'closed', reason },
      before: toConversationView(before),
    });
    if (freed) this.routeFor(tenantId, freed);
    return true;
  }

  /** A closed conversation goes back to its department's queue. */
  async reopen(caller: AgentCaller, conversationId: string): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.get(caller, conversationId);
    const reopened = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: view.id, status: 'closed' },
      {
        $set: { status: 'pending', assigneeId: null, assignedAt: null, closedAt: null, closeReason: null, queuedAt: new Date() },
        $inc: { revision: 1 },
      },
      { returnDocument: 'after' },
    ).lean();
    if (!reopened) throw conflict('only closed conversations can be reopened');
    await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: caller.name,
      event: { type: 'reopened' },
      before: view,
    });
    this.route(tenantId, view.departmentId);
    return this.messages.view(tenantId, view.id);
  }

  // Automatic routing runs in the background, never inside a request: `routeFor`, `routeAll`
  // and `route` start a run (coalesced, see `routeQueues`) and return at once. A run that
  // fails is logged with what started it; its chats wait for the next run or the sweep.

  /**
   * An agent has room (a slot freed, Available, a higher cap, a new department): routes
   * every queue they serve — their departments and the general queue — plus `also`.
   */
  routeFor(tenantId: string, agentId: string, also: ReadonlyArray<string | null> = []): void {
    this.inBackground({ tenantId, agentId, queues: also }, async () => {
      const departments = await this.access.departmentsOf(tenantId, agentId);
      await this.routeQueues(tenantId, [...also, ...departments, null]);
    });
  }

  /** Routes every queue (after switching the tenant to automatic routing). */
  routeAll(tenantId: string): void {
    this.inBackground({ tenantId, queues: 'every queue' }, async () => {
      const departments = await this.models.Department.find({ tenantId }).select({ _id: 1 }).lean();
      await this.routeQueues(tenantId, [...departments.map((d) => String(d._id)), null]);
    });
  }

  /** Routes one queue (`null`: the general queue). */
  route(tenantId: string, departmentId: string | null): void {
    this.inBackground({ tenantId, queues: [departmentId] }, () => this.routeQueues(tenantId, [departmentId]));
  }

  private inBackground(context: Record<string, unknown>, work: () => Promise<void>): void {
    if (this.routingStopped) return;
    const job = work()
      .catch((err) => this.log.warn({ err, ...context }, 'background routing failed; the sweep places what waits'))
      .finally(() => this.background.delete(job));
    this.background.add(job);
  }

  private readonly background = new Set<Promise<void>>();
  private routingStopped = false;

  /**
   * Routes every queue that has waiting chats, in every tenant: the safety net (run on a
   * timer in every process) for a routing trigger lost to a race between routers, a failed
   * run, or a process that died between storing a chat and routing it. Queues in manual
   * mode are left alone. One sweep at a time: a call during one shares it.
   */
  routeWaiting(): Promise<void> {
    if (this.routingStopped) return Promise.resolve();
    return (this.sweeping ??= this.sweep().finally(() => (this.sweeping = null)));
  }

  private sweeping: Promise<void> | null = null;

  private async sweep(): Promise<void> {
    const waiting = await this.models.Conversation.find({ kind: 'chat', ...queuedFilter })
      .setOptions({ crossTenant: true })
      .select({ tenantId: 1, departmentId: 1 })
      .lean();
    const queues = new Map<string, Set<string | null>>();
    for (const row of waiting) {
      const tenantId = String(row.tenantId);
      if (!queues.has(tenantId)) queues.set(tenantId, new Set());
      queues.get(tenantId)!.add(row.departmentId ? String(row.departmentId) : null);
    }
    for (const [tenantId, queue] of queues) {
      await this.routeQueues(tenantId, [...queue]).catch((err) => this.log.warn({ err, tenantId, queues: [...queue] }, 'routing sweep failed for a tenant'));
    }
  }

  /**
   * Runs automatic routing over queues (those in manual mode are left alone) and announces
   * each assignment; resolves when a run covering them has finished. One run per tenant at
   * a time in this process: calls meanwhile join the next run, so a burst of new chats is
   * placed in turn instead of by a herd of routers racing for the same agent.
   */
  routeQueues(tenantId: string, queues: ReadonlyArray<string | null>): Promise<void> {
    return this.routeRuns.run(tenantId, queues);
  }

  private readonly routeRuns = new CoalescedRuns<string | null>(async (tenantId, queues, signal) => {
    // A round's assignments are announced together: their appends share round trips.
    for await (const round of this.routing.route(tenantId, queues, signal)) {
      const announced = await Promise.allSettled(
        round.map(({ conversation, before, agentName }) => this.announceAssignment(tenantId, conversation, 'routing', before, agentName)),
      );
      const failed = announced.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
  });

  /** Resolves once every routing triggered so far (and any triggered meanwhile) has finished; the sweep's runs aside. */
  async routingSettled(): Promise<void> {
    while (this.background.size) await Promise.all(this.background);
  }

  /**
   * Process shutdown: the runs going on stop after their current assignment (announced),
   * no more start, and this resolves once nothing routes or sweeps here — so nothing
   * writes to the database after it closes. What still waits is placed by another
   * process's sweep, or this one's after a restart.
   */
  async stopRouting(): Promise<void> {
    this.routingStopped = true;
    await Promise.all([this.routeRuns.stop(), this.sweeping?.catch(() => undefined), this.routingSettled()]);
  }

  private async announceAssignment(tenantId: string, view: ConversationView, by: 'routing' | 'accept', before: ConversationView, agentName?: string) {
    const agentId = view.assigneeId!;
    const { conversation } = await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      event: { type: 'assigned', agentId, agentName: agentName ?? (await this.agentName(tenantId, agentId)), by },
      before,
    }, view);
    return conversation;
  }

  /** Only the assignee or a supervisor acts on an assigned conversation. */
  assertHandles(caller: AgentCaller, view: ConversationView): void {
    if (view.assigneeId === caller.agentId || isSupervisor(caller)) return;
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only the assigned agent or a supervisor can do this' });
  }

  async agentName(tenantId: string, agentId: string): Promise<string> {
    const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ name: 1 }).lean();
    return agent?.name ?? '';
  }
}

/** A conversation's state in words for errors: `queued` rather than `pending` when it waits for an agent. */
export const stateOf = (view: ConversationView) => (isQueued(view) ? 'queued' : view.status);

/** Open and on-hold chats count against their assignee's cap; tickets never do. */
export const holdsSlot = (row: { kind?: string | null; status?: string | null; assigneeId?: unknown }) =>
  Boolean(row.assigneeId) && row.kind !== 'ticket' && (row.status === 'open' || row.status === 'on-hold');
