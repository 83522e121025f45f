import type { Types } from 'mongoose';
import type { ConversationAccess } from '../events/types.js';

/** A conversation as agents see it in queues and windows. */
export interface ConversationView {
  id: string;
  kind: 'chat' | 'ticket';
  channel: string;
  status: 'pending' | 'open' | 'on-hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  subject: string;
  customer: { id: string; name: string };
  departmentId: string | null;
  assigneeId: string | null;
  tags: string[];
  createdAt: string;
  queuedAt: string;
  assignedAt: string | null;
  firstResponseAt: string | null;
  lastMessageAt: string;
  closedAt: string | null;
  closeReason: string | null;
  lastSeq: number;
  unread: { agent: number; customer: number };
}

/** One entry of a conversation's timeline: a message, or a chat event such as `assigned`. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  author: { kind: 'customer' | 'agent' | 'system'; id: string | null; name: string };
  kind: 'text' | 'event';
  body: string;
  event: ChatEvent | null;
  clientMessageId: string | null;
  createdAt: string;
}

/** Chat events stored in the timeline. */
export type ChatEvent =
  | { type: 'created' }
  | { type: 'assigned'; agentId: string; agentName: string; by: 'routing' | 'accept' }
  | { type: 'transferred'; from: string | null; toAgentId: string | null; toDepartmentId: string | null; note: string | null }
  | { type: 'closed'; reason: string | null }
  | { type: 'reopened' };

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const id = (value: Types.ObjectId | null | undefined) => (value ? String(value) : null);

// The row shapes as stored; kept loose so lean() results of any selection fit.
type Row = Record<string, any>;

export function toConversationView(row: Row): ConversationView {
  return {
    id: String(row._id),
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    subject: row.subject ?? '',
    customer: { id: String(row.customerId), name: row.customerName ?? '' },
    departmentId: id(row.departmentId),
    assigneeId: id(row.assigneeId),
    tags: row.tags ?? [],
    createdAt: iso(row.createdAt)!,
    queuedAt: iso(row.queuedAt ?? row.createdAt)!,
    assignedAt: iso(row.assignedAt),
    firstResponseAt: iso(row.firstResponseAt),
    lastMessageAt: iso(row.lastMessageAt)!,
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason ?? null,
    lastSeq: row.lastSeq ?? 0,
    unread: { agent: row.unreadByAgent ?? 0, customer: row.unreadByCustomer ?? 0 },
  };
}

export function toMessageView(row: Row): MessageView {
  return {
    id: String(row._id),
    conversationId: String(row.conversationId),
    seq: row.seq,
    author: { kind: row.authorKind, id: id(row.authorId), name: row.authorName ?? '' },
    kind: row.kind,
    body: row.body ?? '',
    event: row.event ?? null,
    clientMessageId: row.clientMessageId ?? null,
    createdAt: iso(row.createdAt)!,
  };
}

export function accessOf(view: ConversationView): ConversationAccess {
  return {
    conversationId: view.id,
    customerId: view.customer.id,
    departmentId: view.departmentId,
    assigneeId: view.assigneeId,
    status: view.status,
  };
}
