import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { DeskEvent } from '../events/types.js';
import type { AgentNames } from './agent-names.js';
import { BatchedFinds } from './batched-finds.js';
import { canSee, isQueued, isSupervisor } from './conversation-access.js';
import {
  toDeskMessage,
  toVisitorConversation,
  toVisitorMessage,
  type ConversationView,
  type MessageView,
  type VisitorConversationView,
  type VisitorMessageView,
} from './conversation-views.js';
import { EventStream } from './event-stream.js';
import { idString } from './id-strings.js';
import type { AgentPrincipal, Principal, VisitorPrincipal } from './principal.js';
import type { StreamService } from './streams.js';
import type { AgentDoc } from '../models/agent.js';
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
  | ({ type: 'typing' } & Typing)
  /** An agent's presence changed (streams opened with `presence: true`): one stream serves a whole desk page. */
  | { type: 'presence'; entry: PresenceChange };

/** What a web-chat visitor's live stream carries: their own conversations only. */
export type VisitorLiveEvent =
  | { type: 'conversation'; conversation: VisitorConversationView }
  | { type: 'message'; message: VisitorMessageView }
  | ({ type: 'typing' } & Omit<Typing, 'author'> & { author: { kind: 'agent'; name: string } });

type Opts = { lastEventId?: string | null };

/** Whether an agent's stream also carries the tenant's presence changes. */
type AgentOpts = Opts & { presence?: boolean };

/** A presence change as `presence.onChange` carries it. */
export type PresenceChange = DeskEvent<'presence.changed'>['payload'];

/**
 * Turns the tenant's event log into each subscriber's own stream, re-checking
 * on every event that this subscriber may see it (role and departments are
 * re-read whenever the agent's profile changes). Yields tRPC's tracked envelopes
 * (id = the event's seq, for `lastEventId`), so a subscription returns the stream
 * as it is rather than holding one more generator per connection to wrap it.
 */
export class LiveService {
  /** Agents' roles and departments, read together: a burst of streams rescoping costs one read. */
  private readonly scopes: BatchedFinds<Pick<AgentDoc, 'role' | 'departmentIds'>>;

  constructor(
    private readonly streams: StreamService,
    models: Models,
    /** Assignees' names as visitors see them (a rename shows within seconds). */
    private readonly names: AgentNames,
  ) {
    this.scopes = new BatchedFinds(models.Agent, { select: { role: 1, departmentIds: 1 } });
  }

  agent(caller: AgentPrincipal, opts: AgentOpts): EventStream<TrackedEnvelope<AgentLiveEvent>> {
    return new AgentStream(this, this.streams, caller, opts.lastEventId, opts.presence === true);
  }

  visitor(caller: VisitorPrincipal, opts: Opts): EventStream<TrackedEnvelope<VisitorLiveEvent>> {
    return new VisitorStream(this, this.streams, caller, opts.lastEventId);
  }

  /** Every presence change in the tenant (for an agent, the stream also makes them online). */
  presence(caller: Principal, opts: Opts): EventStream<TrackedEnvelope<PresenceChange>> {
    return new PresenceStream(this.streams, caller, opts.lastEventId);
  }

  /** The assigned agent's name as a visitor sees it. */
  async agentName(tenantId: string, agentId: string | null): Promise<string | null> {
    return agentId ? (await this.names.get(tenantId, agentId)) || null : null;
  }

  /** The agent's current role and departments (an admin may have changed them). */
  async rescope(caller: AgentPrincipal): Promise<Scope> {
    const agent = await this.scopes.findOne(caller.tenantId, { _id: caller.agentId });
    if (!agent) return { principal: { ...caller, permissions: [] }, departments: [] };
    return {
      // The caller as is while their role stands (one principal less per stream).
      principal: agent.role === caller.role ? caller : { ...caller, role: agent.role, permissions: rolePermissions[agent.role] },
      departments: agent.departmentIds.map(idString),
    };
  }
}

type Scope = { principal: AgentPrincipal; departments: string[] };

/** An agent's stream: their queues and open conversations, as their role and departments allow now. */
class AgentStream extends EventStream<TrackedEnvelope<AgentLiveEvent>> {
  // Read once the stream is watching (at its first event), so a change made while it
  // opened is either already in the read or arrives as an event after it.
  private scope: Scope | null = null;
  // A change of scope is on its way through the stream: until it is read, let everything
  // through (what this stream carries is decided again in `convert`, in order).
  private rescoping = false;

  constructor(
    private readonly live: LiveService,
    streams: StreamService,
    caller: AgentPrincipal,
    lastEventId: string | null | undefined,
    /** Carries presence changes too. */
    private readonly presence: boolean,
  ) {
    super(streams, caller, lastEventId);
  }

  private get caller(): AgentPrincipal {
    return this.principal as AgentPrincipal;
  }

  protected carries(event: DeskEvent): boolean {
    if (rescopes(event, this.caller.agentId)) {
      this.rescoping = true;
      this.readdress();
      return true;
    }
    return !this.scope || this.rescoping || carriesToAgent(event, this.scope.principal, this.scope.departments, this.presence);
  }

  /** Once its scope is known, an agent who is no supervisor takes no chat event addressed elsewhere (see `eventAddresses`). */
  protected override address(): string | null {
    return this.scope && !this.rescoping && !isSupervisor(this.scope.principal) ? this.caller.agentId : null;
  }

  protected async convert(event: DeskEvent): Promise<TrackedEnvelope<AgentLiveEvent> | null> {
    // The agent's profile or department membership changed: re-read what they may see
    // (their own presence change is then passed on like anyone's).
    if (rescopes(event, this.caller.agentId)) {
      this.scope = await this.live.rescope(this.caller);
      this.rescoping = false;
      this.readdress();
    } else if (!this.scope) {
      this.scope = await this.live.rescope(this.caller);
      this.readdress();
    }
    const { principal, departments } = this.scope;
    const live = toAgentEvent(event, principal, departments, this.presence);
    return live ? tracked(String(event.seq), live) : null;
  }
}

/** A web-chat visitor's stream: their own conversations only. */
class VisitorStream extends EventStream<TrackedEnvelope<VisitorLiveEvent>> {
  /** The customer this stream speaks for: a merge moves it to the surviving customer. */
  private customerId: string;
  /** A merge is on its way through the stream: until it is read, let every conversation event through. */
  private merging = false;

  constructor(
    private readonly live: LiveService,
    streams: StreamService,
    caller: VisitorPrincipal,
    lastEventId: string | null | undefined,
  ) {
    super(streams, caller, lastEventId);
    this.customerId = caller.customerId;
  }

  protected carries(event: DeskEvent): boolean {
    if (mergesAway(event, this.customerId)) {
      this.merging = true;
      this.readdress();
      return true;
    }
    return 'access' in event.payload && (this.merging || event.payload.access.customerId === this.customerId);
  }

  /** A visitor takes only their own customer's chat events (but while a merge is on its way). */
  protected override address(): string | null {
    return this.merging ? null : this.customerId;
  }

  protected async convert(event: DeskEvent): Promise<TrackedEnvelope<VisitorLiveEvent> | null> {
    const id = String(event.seq);
    // Only a merge changes a conversation's customer: the visitor now acts for the target.
    if (mergesAway(event, this.customerId)) {
      this.customerId = event.payload.access.customerId;
      this.merging = false;
      this.readdress();
    }
    const { customerId } = this;
    if (event.type === 'conversation.changed' && event.payload.access.customerId === customerId) {
      const { conversation } = event.payload;
      const agentName = await this.live.agentName(this.principal.tenantId, conversation.assigneeId);
      return tracked(id, { type: 'conversation', conversation: toVisitorConversation(conversation, agentName) });
    }
    if ((event.type === 'message.created' || event.type === 'message.updated') && event.payload.access.customerId === customerId) {
      const message = toVisitorMessage(event.payload.message);
      return message ? tracked(id, { type: 'message', message }) : null;
    }
    if (event.type === 'conversation.typing' && event.payload.access.customerId === customerId && event.payload.author.kind === 'agent') {
      const { conversationId, typing, author } = event.payload;
      return tracked(id, { type: 'typing', conversationId, typing, author: { kind: 'agent', name: author.name }, at: event.at.toISOString() });
    }
    return null;
  }
}

/** Every presence change in the tenant. */
class PresenceStream extends EventStream<TrackedEnvelope<PresenceChange>> {
  protected carries(event: DeskEvent): boolean {
    return event.type === 'presence.changed';
  }

  protected convert(event: DeskEvent): TrackedEnvelope<PresenceChange> | null {
    return event.type === 'presence.changed' ? tracked(String(event.seq), event.payload) : null;
  }
}

/**
 * The streams a chat event can concern besides those that take everything (supervisors,
 * streams whose scope is being read): its assignee's and its customer's, before and after the
 * change, addressed by their ids. `null` (every stream) while the chat is or was queued, when
 * its department's agents see it too, and for every other kind of event. Streams filed under
 * an address rely on it: `carriesToAgent` and `VisitorStream.carries` take no chat event
 * addressed elsewhere. (An agent's id equal to a customer's would only hand a stream an event
 * its `carries` then refuses.)
 */
export function eventAddresses(event: DeskEvent): string[] | null {
  if (!('access' in event.payload)) return null;
  const { access } = event.payload;
  const { before } = access;
  if (isQueued(access) || (before && isQueued(before))) return null;
  const to = [access.customerId];
  if (access.assigneeId) to.push(access.assigneeId);
  if (before) {
    if (!to.includes(before.customerId)) to.push(before.customerId);
    if (before.assigneeId && !to.includes(before.assigneeId)) to.push(before.assigneeId);
  }
  return to;
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
function carriesToAgent(event: DeskEvent, caller: AgentPrincipal, departments: readonly string[], presence: boolean): boolean {
  if (event.type === 'presence.changed') return presence && caller.permissions.includes('presence:read');
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

function toAgentEvent(event: DeskEvent, caller: AgentPrincipal, departments: string[], presence: boolean): AgentLiveEvent | null {
  if (!carriesToAgent(event, caller, departments, presence)) return null;
  switch (event.type) {
    case 'presence.changed':
      return { type: 'presence', entry: event.payload };
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
