import type { AgentLiveEvent, ConversationView, MessageView } from '@deskkit/client';
import type { DeskAlertKind } from '../../events/desk-alert.js';
import { isQueued } from '../../internal/conversation-state.js';

/** What the agent is alerted to; the element words it. */
export interface Alert {
  kind: DeskAlertKind;
  conversationId: string;
  customer: string;
  /** The customer's message, or the note of a transfer. */
  message: MessageView | null;
  /** Who transferred the chat, for `assigned` by a transfer. */
  by: string | null;
}

type Known = Pick<ConversationView, 'kind' | 'status' | 'assigneeId' | 'revision'> & { customer: string; gone: boolean };
type Candidate = Omit<Alert, 'customer'>;

/** How many conversations and message ids are remembered (the oldest go first). */
const MEMORY = 2_000;

/**
 * Decides what an agent is alerted to from their live events (a waiting chat only while they are Available). A timeline entry says what
 * happened (a chat was created, reopened, put back in a queue, routed or transferred to the
 * agent, a customer wrote) and is taken once by its id; whether it still calls for an alert is
 * judged in `take()` against the conversation as it stands by then, so a chat routed away
 * (or accepted by this agent) a moment after it was queued alerts nobody, and the order of a
 * message and its conversation's change in the stream does not matter.
 */
export class AlertRules {
  private readonly conversations = new Map<string, Known>();
  private readonly seen = new Set<string>();
  private candidates: Candidate[] = [];

  constructor(
    private readonly agentId: string,
    /** Whether the agent is Available (they take chats): a waiting chat alerts only then. */
    private available: boolean,
  ) {}

  apply(event: AgentLiveEvent): void {
    if (event.type === 'presence') {
      if (event.entry.agentId === this.agentId) this.available = event.entry.status === 'available';
    } else if (event.type === 'conversation') this.know(event.conversation);
    else if (event.type === 'removed') {
      const known = this.conversations.get(event.conversationId);
      if (known && known.revision <= event.revision) this.conversations.set(event.conversationId, { ...known, revision: event.revision, gone: true });
    } else if (event.type === 'message' && !this.seen.has(event.message.id)) {
      remember(this.seen, event.message.id);
      const candidate = this.candidate(event.message);
      if (candidate) this.candidates.push(candidate);
    }
  }

  /** The alerts due now, at most one per conversation: being given a chat says more than its message; of two messages, the later. */
  take(): Alert[] {
    const due = new Map<string, Alert>();
    for (const candidate of this.candidates) {
      const known = this.conversations.get(candidate.conversationId);
      if (!known || known.gone || !this.stands(candidate.kind, known)) continue;
      const earlier = due.get(candidate.conversationId);
      if (earlier && rank(earlier.kind) > rank(candidate.kind)) continue;
      due.set(candidate.conversationId, { ...candidate, customer: known.customer });
    }
    this.candidates = [];
    return [...due.values()];
  }

  private know(conversation: ConversationView): void {
    const known = this.conversations.get(conversation.id);
    if (known && known.revision > conversation.revision) return;
    const { kind, status, assigneeId, revision } = conversation;
    this.conversations.delete(conversation.id);
    remember(this.conversations, conversation.id, { kind, status, assigneeId, revision, customer: conversation.customer.name, gone: false });
  }

  private candidate(message: MessageView): Candidate | null {
    const { conversationId } = message;
    if (message.author.kind === 'customer') return { kind: 'message', conversationId, message, by: null };
    const event = message.event;
    switch (event?.type) {
      case 'created':
      case 'reopened':
        return { kind: 'queued', conversationId, message: null, by: null };
      case 'converted':
        return event.to === 'chat' ? { kind: 'queued', conversationId, message: null, by: null } : null;
      case 'assigned':
        // Routed here; accepting a chat oneself calls for no alert.
        return event.by === 'routing' && event.agentId === this.agentId ? { kind: 'assigned', conversationId, message: null, by: null } : null;
      case 'transferred':
        if (event.toAgentId === this.agentId) return { kind: 'assigned', conversationId, message, by: message.author.name };
        return event.toAgentId === null ? { kind: 'queued', conversationId, message: null, by: null } : null;
      default:
        return null;
    }
  }

  /** Whether the conversation, as it is now, still calls for this kind of alert. */
  private stands(kind: DeskAlertKind, known: Known): boolean {
    switch (kind) {
      case 'queued':
        return this.available && known.kind === 'chat' && isQueued(known);
      case 'assigned':
        return known.assigneeId === this.agentId && known.status !== 'closed';
      case 'message':
        return known.assigneeId === this.agentId && known.status !== 'closed';
    }
  }
}

const rank = (kind: DeskAlertKind) => (kind === 'message' ? 0 : 1);

/** Adds to a Set or Map, forgetting the oldest entries past `MEMORY`. */
function remember<V>(into: Set<string> | Map<string, V>, key: string, value?: V): void {
  if (into instanceof Map) into.set(key, value!);
  else into.add(key);
  if (into.size <= MEMORY) return;
  for (const oldest of into.keys()) {
    into.delete(oldest);
    if (into.size <= MEMORY / 2) break;
  }
}
