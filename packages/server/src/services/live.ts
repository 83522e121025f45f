import type { DeskEvent } from '../events/types.js';
import { canSee } from './conversation-access.js';
import {
  toDeskMessage,
  toVisitorConversation,
  toVisitorMessage,
  type ConversationView,
  type MessageView,
  type VisitorConversationView,
  type VisitorMessageView,
} from './conversation-views.js';
import type { AgentPrincipal, VisitorPrincipal } from './principal.js';
import type { StreamService } from './streams.js';
import type { Models } from '../models/index.js';
import { rolePermissions } from '../schemas/roles.js';

interface Typing {
  conversationId: string;
  author: { kind: 'customer' | 'agent'; id: string; name: string };
  typing: boolean;
  at: string;
}

/** What an agent's one live stream carries: their queues and open conversations. */
export type AgentLiveEvent =
  | { type: 'conversation'; conversation: ConversationView }
  /** The conversation left the agent's sight (taken by someone else, transferred away). */
  | { type: 'removed'; conversationId: string; revision: number }
  /** A new timeline entry, or a newer state of one already seen (same id): replace it. */
  | { type: 'message'; message: MessageView }
  | ({ type: 'typing' } & Typing);

/** What a web-chat visitor's live stream carries: their own conversations only. */
export type VisitorLiveEvent =
  | { type: 'conversation'; conversation: VisitorConversationView }
  | { type: 'message'; message: VisitorMessageView }
  | ({ type: 'typing' } & Omit<Typing, 'author'> & { author: { kind: 'agent'; name: string } });

type Opts = { lastEventId?: string | null; signal?: AbortSignal };

/**
 * Turns the tenant's event log into each subscriber's own stream, re-checking
 * on every event that this subscriber may see it (role and departments are
 * re-read whenever the agent's profile changes).
 */
export class LiveService {
  constructor(
    private readonly models: Models,
    private readonly streams: StreamService,
  ) {}

  async *agent(caller: AgentPrincipal, opts: Opts): AsyncGenerator<{ id: string; event: AgentLiveEvent }> {
    // Read once the stream is watching (at its first event), so a change made while it
    // opened is either already in the read or arrives as an event after it.
    let scope: { principal: AgentPrincipal; departments: string[] } | null = null;
    for await (const event of this.streams.open(caller, opts)) {
      // The agent's profile or department membership changed: re-read what they may see.
      if (
        (event.type === 'presence.changed' && event.payload.agentId === caller.agentId) ||
        (event.type === 'agent.departments.changed' && event.payload.agentIds.includes(caller.agentId))
      ) {
        scope = await this.rescope(caller);
        continue;
      }
      scope ??= await this.rescope(caller);
      const { principal, departments } = scope;
      const live = toAgentEvent(event, principal, departments);
      if (live) yield { id: String(event.seq), event: live };
    }
  }

  async *visitor(caller: VisitorPrincipal, opts: Opts): AsyncGenerator<{ id: string; event: VisitorLiveEvent }> {
    const names = new Map<string, string>();
    const agentName = async (agentId: string | null) => {
      if (!agentId) return null;
      if (!names.has(agentId)) {
        const agent = await this.models.Agent.findOne({ tenantId: caller.tenantId, _id: agentId }).select({ name: 1 }).lean();
        names.set(agentId, agent?.name ?? '');
      }
      return names.get(agentId) || null;
    };
    // The customer this stream speaks for: a merge moves it to the surviving customer.
    let customerId = caller.customerId;
    for await (const event of this.streams.open(caller, opts)) {
      const id = String(event.seq);
      // Only a merge changes a conversation's customer: the visitor now acts for the target.
      if (event.type === 'conversation.changed' && event.payload.access.before?.customerId === customerId) customerId = event.payload.access.customerId;
      if (event.type === 'conversation.changed' && event.payload.access.customerId === customerId) {
        const { conversation } = event.payload;
        yield { id, event: { type: 'conversation', conversation: toVisitorConversation(conversation, await agentName(conversation.assigneeId)) } };
      } else if (
        (event.type === 'message.created' || event.type === 'message.updated') &&
        event.payload.access.customerId === customerId
      ) {
        const message = toVisitorMessage(event.payload.message);
        if (message) yield { id, event: { type: 'message', message } };
      } else if (
        event.type === 'conversation.typing' &&
        event.payload.access.customerId === customerId &&
        event.payload.author.kind === 'agent'
      ) {
        const { conversationId, typing, author } = event.payload;
        yield { id, event: { type: 'typing', conversationId, typing, author: { kind: 'agent', name: author.name }, at: event.at.toISOString() } };
      }
    }
  }

  /** The agent's current role and departments (an admin may have changed them). */
  private async rescope(caller: AgentPrincipal): Promise<{ principal: AgentPrincipal; departments: string[] }> {
    const agent = await this.models.Agent.findOne({ tenantId: caller.tenantId, _id: caller.agentId })
      .select({ role: 1, departmentIds: 1 })
      .lean();
    if (!agent) return { principal: { ...caller, permissions: [] }, departments: [] };
    return {
      principal: { ...caller, role: agent.role, permissions: rolePermissions[agent.role] },
      departments: agent.departmentIds.map(String),
    };
  }
}

function toAgentEvent(event: DeskEvent, caller: AgentPrincipal, departments: string[]): AgentLiveEvent | null {
  if (!caller.permissions.includes('conversations:read')) return null;
  switch (event.type) {
    case 'conversation.changed': {
      const { access, conversation } = event.payload;
      if (canSee(caller, access, departments)) return { type: 'conversation', conversation };
      if (access.before && canSee(caller, access.before, departments)) {
        return { type: 'removed', conversationId: conversation.id, revision: conversation.revision };
      }
      return null;
    }
    case 'message.created':
    case 'message.updated':
      return canSee(caller, event.payload.access, departments) ? { type: 'message', message: toDeskMessage(event.payload.message) } : null;
    case 'conversation.typing': {
      const { access, conversationId, author, typing } = event.payload;
      if (author.kind === 'agent' && author.id === caller.agentId) return null;
      return canSee(caller, access, departments) ? { type: 'typing', conversationId, author, typing, at: event.at.toISOString() } : null;
    }
    default:
      return null;
  }
}
