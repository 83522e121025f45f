import { priorityRank } from '../models/conversation.js';
import type { Models } from '../models/index.js';
import type { Priority } from '../schemas/conversations.js';
import { isQueued, isSupervisor } from './conversation-access.js';
import type { ConversationView } from './conversation-views.js';
import { conflict, holdsSlot, stateOf, type ConversationService } from './conversations.js';
import { invalidField, notFound } from './errors.js';
import type { MessageService } from './messages.js';
import type { AgentPrincipal } from './principal.js';
import type { RoutingService } from './routing.js';

const MAX_TAGS = 30;

type TicketChanges = {
  status?: 'pending' | 'open' | 'on-hold' | 'solved';
  priority?: Priority;
  subject?: string;
  assigneeId?: string | null;
};

/** Tags, chat ↔ ticket conversion, ticket fields, read marks and typing: the smaller agent actions. */
export class ConversationUpdateService {
  constructor(
    private readonly models: Models,
    private readonly conversations: ConversationService,
    private readonly messages: MessageService,
    private readonly routing: RoutingService,
  ) {}

  async tag(caller: AgentPrincipal, input: { conversationId: string; add: string[]; remove: string[] }): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.assigneeId) this.conversations.assertHandles(caller, view);
    const add = [...new Set(input.add)].filter((t) => !view.tags.includes(t));
    const remove = [...new Set(input.remove)].filter((t) => view.tags.includes(t) && !add.includes(t));
    if (view.tags.length + add.length - remove.length > MAX_TAGS) throw invalidField('add', `at most ${MAX_TAGS} tags per conversation`);
    if (add.length === 0 && remove.length === 0) return view;
    // Two single-document updates: one path cannot take $addToSet and $pull at once.
    if (add.length) await this.models.Conversation.updateOne({ tenantId, _id: view.id }, { $addToSet: { tags: { $each: add } }, $inc: { revision: 1 } });
    if (remove.length) await this.models.Conversation.updateOne({ tenantId, _id: view.id }, { $pullAll: { tags: remove }, $inc: { revision: 1 } });
    const { conversation } = await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: caller.name,
      event: { type: 'tagged', added: add, removed: remove },
    });
    return conversation;
  }

  /**
   * Turns a live chat into a ticket (async: it stops taking a chat slot) or a ticket
   * into a chat (it needs a slot on its assignee, else it goes back to the queue).
   */
  async convert(caller: AgentPrincipal, input: { conversationId: string; to: 'chat' | 'ticket' }): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.assigneeId) this.conversations.assertHandles(caller, view);
    if (view.kind === input.to) throw invalidField('to', `the conversation already is a ${input.to}`);
    if (view.status === 'closed') throw conflict('reopen the conversation before converting it');
    const expected = { tenantId, _id: view.id, kind: view.kind, status: view.status, assigneeId: view.assigneeId };

    let set: Record<string, unknown> = { kind: input.to };
    let reserved = false;
    if (input.to === 'chat' && view.assigneeId) {
      reserved = (await this.routing.reserve(tenantId, view.assigneeId, view.id)) === null;
      set = reserved
        ? { ...set, status: 'open' }
        : { ...set, status: 'pending', assigneeId: null, assignedAt: null, queuedAt: new Date() };
    } else if (input.to === 'chat') {
      set = { ...set, status: 'pending', queuedAt: new Date() };
    }
    const before = await this.models.Conversation.findOneAndUpdate(expected, { $set: set, $inc: { revision: 1 } }, { returnDocument: 'before' }).lean();
    if (!before) {
      if (reserved) await this.routing.release(tenantId, view.assigneeId!, view.id);
      throw conflict('the conversation changed meanwhile; reload it');
    }
    const freed = input.to === 'ticket' && holdsSlot(before) ? String(before.assigneeId) : null;
    if (freed) await this.routing.release(tenantId, freed, view.id);
    const { conversation } = await this.messages.append(tenantId, view.id, {
      authorKind: 'system',
      authorId: caller.agentId,
      authorName: caller.name,
      event: { type: 'converted', to: input.to },
      before: view,
    });
    // A chat back in the queue may be handed out; a freed slot may take from any queue its agent serves.
    if (freed) this.conversations.routeFor(tenantId, freed, [view.departmentId]);
    else this.conversations.route(tenantId, view.departmentId);
    return this.messages.view(tenantId, conversation.id);
  }

  /**
   * Changes ticket fields (status, assignee) and the priority or subject of any
   * conversation; each change is recorded in the timeline.
   */
  async updateTicket(caller: AgentPrincipal, input: { conversationId: string } & TicketChanges): Promise<ConversationView> {
    const { tenantId } = caller;
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.kind !== 'ticket' && (input.status !== undefined || input.assigneeId !== undefined)) {
      throw invalidField(input.status !== undefined ? 'status' : 'assigneeId', 'only tickets have this field; convert the chat first');
    }
    if (view.status === 'closed') throw conflict('reopen the conversation before changing it');
    if (view.assigneeId) this.conversations.assertHandles(caller, view);

    const set: Record<string, unknown> = {};
    const changes: Array<{ field: 'status' | 'priority' | 'subject' | 'assignee'; from: string | null; to: string | null }> = [];
    let assigneeName: string | null = null;
    if (input.assigneeId !== undefined && input.assigneeId !== view.assigneeId) {
      if (!isSupervisor(caller) && view.assigneeId !== caller.agentId && input.assigneeId !== caller.agentId) {
        throw invalidField('assigneeId', 'only supervisors assign tickets to others');
      }
      if (input.assigneeId) {
        const agent = await this.models.Agent.findOne({ tenantId, _id: input.assigneeId, disabledAt: null }).select({ name: 1 }).lean();
        if (!agent) throw notFound('agent');
        assigneeName = agent.name;
        Object.assign(set, { assigneeId: agent._id, assignedAt: new Date() }, isQueued(view) ? { status: 'open' } : {});
      } else {
        Object.assign(set, { assigneeId: null, assignedAt: null, status: 'pending', queuedAt: new Date() });
      }
      const fromName = view.assigneeId ? await this.conversations.agentName(tenantId, view.assigneeId) : null;
      changes.push({ field: 'assignee', from: fromName, to: assigneeName });
    }
    const assignee = input.assigneeId !== undefined ? input.assigneeId : view.assigneeId;
    if (input.status && input.status !== view.status) {
      if (!assignee && input.status !== 'pending') throw invalidField('status', 'assign the ticket before changing its status');
      set.status = input.status;
      changes.push({ field: 'status', from: view.status, to: input.status });
    }
    if (input.priority && input.priority !== view.priority) {
      Object.assign(set, { priority: input.priority, priorityRank: priorityRank[input.priority] });
      changes.push({ field: 'priority', from: view.priority, to: input.priority });
    }
    if (input.subject !== undefined && input.subject !== view.subject) {
      set.subject = input.subject;
      changes.push({ field: 'subject', from: view.subject, to: input.subject });
    }
    if (changes.length === 0) return view;

    const updated = await this.models.Conversation.updateOne(
      { tenantId, _id: view.id, kind: view.kind, status: view.status, assigneeId: view.assigneeId, revision: view.revision },
      { $set: set, $inc: { revision: 1 } },
    );
    if (updated.modifiedCount === 0) throw conflict('the ticket changed meanwhile; reload it');
    for (const [i, change] of changes.entries()) {
      await this.messages.append(tenantId, view.id, {
        authorKind: 'system',
        authorId: caller.agentId,
        authorName: caller.name,
        event: { type: 'updated', ...change },
        // The first entry carries who could see it before, so they are told if it left them.
        ...(i === 0 ? { before: view } : {}),
      });
    }
    return this.messages.view(tenantId, view.id);
  }

  /** The assignee has read up to `seq`; anyone else reading (a supervisor monitoring) changes nothing. */
  async markRead(caller: AgentPrincipal, input: { conversationId: string; seq: number }): Promise<ConversationView> {
    const view = await this.conversations.get(caller, input.conversationId);
    if (view.assigneeId !== caller.agentId) return view;
    if (input.seq > view.lastSeq) throw invalidField('seq', 'beyond the newest message');
    return this.messages.markRead(caller.tenantId, view.id, 'agent', input.seq);
  }

  async typing(caller: AgentPrincipal, input: { conversationId: string; typing: boolean }): Promise<void> {
    const view = await this.conversations.get(caller, input.conversationId);
    this.conversations.assertHandles(caller, view);
    if (view.status === 'closed' || isQueued(view)) throw conflict(`cannot type in a ${stateOf(view)} conversation`);
    await this.messages.typing(caller.tenantId, view, { kind: 'agent', id: caller.agentId, name: caller.name }, input.typing);
  }
}

