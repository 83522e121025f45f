import type { AgentStatus } from '../schemas/presence.js';
import type { Role } from '../schemas/roles.js';
import type { ConversationView, MessageView } from '../services/conversation-views.js';

/** An agent as others see them in the presence list. */
export interface PresenceEntry {
  agentId: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  status: AgentStatus;
  online: boolean;
}

/** Who may see a conversation's events: checked per event, per subscriber. */
export interface ConversationAccess {
  conversationId: string;
  customerId: string;
  departmentId: string | null;
  assigneeId: string | null;
  status: string;
  /** Who could see it before this change: they are told it left them (transferred, taken). */
  before?: Omit<ConversationAccess, 'before'>;
}

/** Someone started or stopped typing in a conversation. Not stored in the timeline. */
export interface TypingEvent {
  access: ConversationAccess;
  conversationId: string;
  author: { kind: 'customer' | 'agent'; id: string; name: string };
  typing: boolean;
}

/** Every event the desk publishes, by type. Payloads are stored as-is in the event log. */
export interface DeskEventMap {
  /** A conversation was created or changed (assigned, transferred, closed, new message…). */
  'conversation.changed': { access: ConversationAccess; conversation: ConversationView };
  /** A message or chat event was stored. */
  'message.created': { access: ConversationAccess; message: MessageView };
  /** A stored message changed (an outbound SMS/WhatsApp delivery receipt): replace it by id. */
  'message.updated': { access: ConversationAccess; message: MessageView };
  'conversation.typing': TypingEvent;
  'presence.changed': PresenceEntry;
  /** A session ended (sign-out, password change); its live streams close. */
  'session.ended': { sessionId: string; agentId: string };
  /** An agent was disabled; all of its streams close. */
  'agent.disabled': { agentId: string };
  /** A partner API key was revoked; every stream opened with it closes. */
  'apiKey.revoked': { keyId: string };
  /** These agents joined or left departments: their live streams re-read what they may see. */
  'agent.departments.changed': { agentIds: string[] };
}

export type DeskEventType = keyof DeskEventMap;

/** One stored event: `seq` increases by one per tenant, with no reuse. */
export type DeskEvent<T extends DeskEventType = DeskEventType> = {
  [K in T]: { tenantId: string; seq: number; type: K; payload: DeskEventMap[K]; at: Date };
}[T];
