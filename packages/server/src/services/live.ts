import { tracked, type TrackedEnvelope } from '@trpc/server';
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
 * re-read whenever the agent's profile changes). Yields tRPC's tracked envelopes
 * (id = the event's seq, for `lastEventId`), so a subscription returns the stream
 * as it is rather than holding one more generator per connection to wrap it.
 */
export class LiveService {
  constructor(
    private readonly models: Models,
    private readonly streams: StreamService,
  ) {}

  async *agent(caller: AgentPrincipal, opts: Opts): AsyncGenerator<TrackedEnvelope<AgentLiveEvent>> {
    // Read once the stream is watching (at its first event), so a change made while it
    // opened is either already in the read or arrives as an event after it.
    let scope: { principal: AgentPrincipal; departments: string[] } | null = null;
    // A change of scope is on its way through the stream: until it is read, let everything
    // through (what this stream carries is decided again below, in order).
    let rescoping = false;
    const stream = this.streams.open(caller, {
      ...opts,
      // A method rather than a named arrow function, as in StreamService.open.
      carries(event) {
        if (rescopes(event, caller.agentId)) return (rescoping = true);
        return !scope || rescoping || carriesToAgent(event, scope.principal, scope.departments);
      },
    });
    for await (const event of stream) {
      // The agent's profile or department membership changed: re-read what they may see.
      if (rescopes(event, caller.agentId)) {
        scope = await this.rescope(caller);
        rescoping = false;
        continue;
      }
      scope ??= await this.rescope(caller);
      const { principal, departments } = scope;
      const live = toAgentEvent(event, principal, departments);
      if (live) yield tracked(String(event.seq), live);
    }
  }

  async *visitor(caller: VisitorPrincipal, opts: Opts): AsyncGenerator<TrackedEnvelope<VisitorLiveEvent>> {
    const names = new Map<string, string>();
    // The customer this stream speaks for: a merge moves it to the surviving customer.
    let customerId = caller.customerId;
    // A merge is on its way through the stream: until it is read, let every conversation event through.
    let merging = false;
    const stream = this.streams.open(caller, {
      ...opts,
      carries(event) {
        if (mergesAway(event, customerId)) return (merging = true);
        return 'access' in event.payload && (merging || event.payload.access.customerId === customerId);
      },
    });
    for await (const event of stream) {
      const id = String(event.seq);
      // Only a merge changes a conversation's customer: the visitor now acts for the target.
      if (mergesAway(event, customerId)) {
        customerId = event.payload.access.customerId;
        merging = false;
      }
      if (event.type === 'conversation.changed' && event.payload.access.customerId === customerId) {
        const { conversation } = event.payload;
        const agentName = await this.agentName(caller.tenantId, conversation.assigneeId, names);
        yield tracked(id, { type: 'conversation', conversation: toVisitorConversation(conversation, agentName) });
      } else if (
        (event.type === 'message.created' || event.type === 'message.updated') &&
        event.payload.access.customerId === customerId
      ) {
        const message = toVisitorMessage(event.payload.message);
        if (message) yield tracked(id, { type: 'message', message });
      } else if (
        event.type === 'conversation.typing' &&
        event.payload.access.customerId === customerId &&
        event.payload.author.kind === 'agent'
      ) {
        const { conversationId, typing, author } = event.payload;
        yield tracked(id, { type: 'typing', conversationId, typing, author: { kind: 'agent', name: author.name }, at: event.at.toISOString() });
      }
    }
  }

  /** The assigned agent's name as a visitor sees it, read once per stream and agent. */
  private async agentName(tenantId: string, agentId: string | null, names: Map<string, string>): Promise<string | null> {
    if (!agentId) return null;
    if (!names.has(agentId)) {
      const agent = await this.models.Agent.findOne({ tenantId, _id: agentId }).select({ name: 1 }).lean();
      names.set(agentId, agent?.name ?? '');
    }
    return names.get(agentId) || null;
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

/** Does the event change what this agent may see (their status or departments)? */
function rescopes(event: DeskEvent, agentId: string): boolean {
  return (
    (event.type === 'presence.changed' && event.payload.agentId === agentId) ||
    (event.type === 'agent.departments.changed' && event.payload.agentIds.includes(agentId))
  );
}

/** Does the event move a conversation of this customer to another (a merge)? */
function mergesAway(event: DeskEvent, customerId: string): event is DeskEvent<'conversation.changed'> {
  return event.type === 'conversation.changed' && event.payload.access.before?.customerId === customerId;
}

/** Whether an agent's stream carries the event: cheap, asked for every subscriber as events are published. */
function carriesToAgent(event: DeskEvent, caller: AgentPrincipal, departments: readonly string[]): boolean {
  if (!caller.permissions.includes('conversations:read')) return false;
  switch (event.type) {
    case 'conversation.changed': {
      const { access } = event.payload;
      return canSee(caller, access, departments) || Boolean(access.before && canSee(caller, access.before, departments));
    }
    case 'message.created':
    case 'message.updated':
      return canSee(caller, event.payload.access, departments);
    case 'conversation.typing': {
      const { access, author } = event.payload;
      return !(author.kind === 'agent' && author.id === caller.agentId) && canSee(caller, access, departments);
    }
    default:
      return false;
  }
}

function toAgentEvent(event: DeskEvent, caller: AgentPrincipal, departments: string[]): AgentLiveEvent | null {
  if (!carriesToAgent(event, caller, departments)) return null;
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
