import type { Types } from 'mongoose';
import type { ConversationAccess } from '../events/types.js';
import { majorUnits } from '../schemas/payments.js';

/** A conversation as agents see it in queues and windows. */
export interface ConversationView {
  id: string;
  kind: 'chat' | 'ticket';
  channel: string;
  status: 'pending' | 'open' | 'on-hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  subject: string;
  customer: {
    id: string;
    name: string;
    verified: boolean;
    /** When the customer was last verified in this conversation, and how. */
    verifiedAt: string | null;
    verifiedBy: VerifiedBy | null;
  };
  departmentId: string | null;
  assigneeId: string | null;
  tags: string[];
  createdAt: string;
  queuedAt: string;
  assignedAt: string | null;
  firstResponseAt: string | null;
  lastMessageAt: string;
  lastCustomerMessageAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  lastSeq: number;
  unread: { agent: number; customer: number };
  /** Highest seq each side has read. */
  read: { agent: number; customer: number };
  /** Increases with every change: keep the view with the highest revision. */
  revision: number;
}

/** How a customer was verified: by the portal's identity token, or by a one-time code (and which agent asked). */
export interface VerifiedBy {
  method: 'identity-token' | 'code';
  agentId: string | null;
  agentName: string | null;
}

export type MessageKind = 'text' | 'event' | 'attachment' | 'voice' | 'location' | 'template' | 'payment';

/** A payment the agent asked the customer for, as its chat card shows it (same for both sides). */
export interface PaymentView {
  requestId: string;
  /** In the currency's minor unit (cents; yen have none). */
  amountMinor: number;
  /** The same in major units with the currency's ISO 4217 decimals: `"12.50"` EUR, `"1500"` JPY. */
  amount: string;
  /** ISO 4217. */
  currency: string;
  description: string;
  status: 'pending' | 'paid' | 'failed' | 'expired';
  /** The customer's checkout link: absolute, or a path relative to the desk's URL (the demo provider). */
  url: string | null;
  expiresAt: string;
  updatedAt: string;
}

/** An uploaded file a message carries (fetch it through a link from `files.links`). */
export interface AttachmentView {
  fileId: string;
  name: string;
  /** The type found in the content itself, never the one the uploader claimed. */
  contentType: string;
  size: number;
  category: 'image' | 'audio' | 'video' | 'document';
  width: number | null;
  height: number | null;
  /** Raster images: the size of their thumbnail (link from `files.links`'s `thumbnailUrl`); null when there is none. */
  thumbnail: { width: number; height: number } | null;
  /** Voice recordings: length as recorded. */
  durationMs: number | null;
}

export interface LocationView {
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  address: string | null;
}

/** A WhatsApp template message as sent: its parts with the variables filled in. */
export interface TemplateMessageView {
  templateId: string;
  name: string;
  language: string;
  header: string | null;
  footer: string | null;
  buttons: Array<{ type: 'quick_reply' | 'url' | 'phone'; text: string; value: string | null }>;
  variables: string[];
}

/** Where an outbound SMS/WhatsApp message is on its way to the customer's phone. */
export interface DeliveryView {
  channel: 'sms' | 'whatsapp';
  to: string;
  status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
  error: string | null;
  updatedAt: string;
  /** A one-way SMS: no reply is expected. */
  oneWay: boolean;
}

/** One entry of a conversation's timeline: a message, or a chat event such as `assigned`. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  author: { kind: 'customer' | 'agent' | 'system'; id: string | null; name: string };
  kind: MessageKind;
  /** Text; the caption of an attachment; the rendered body of a template. */
  body: string;
  event: ChatEvent | null;
  attachment: AttachmentView | null;
  location: LocationView | null;
  template: TemplateMessageView | null;
  delivery: DeliveryView | null;
  payment: PaymentView | null;
  clientMessageId: string | null;
  createdAt: string;
}

/** Chat events stored in the timeline. */
export type ChatEvent =
  | { type: 'created' }
  | { type: 'assigned'; agentId: string; agentName: string; by: 'routing' | 'accept' }
  | {
      type: 'transferred';
      from: string | null;
      toAgentId: string | null;
      toAgentName: string | null;
      toDepartmentId: string | null;
      toDepartmentName: string | null;
      note: string | null;
    }
  | { type: 'closed'; reason: string | null }
  | { type: 'reopened' }
  | { type: 'tagged'; added: string[]; removed: string[] }
  | { type: 'converted'; to: 'chat' | 'ticket' }
  | { type: 'updated'; field: 'status' | 'priority' | 'subject' | 'assignee'; from: string | null; to: string | null }
  /** A one-time code went to the customer's phone (`to` masked); it expires at `expiresAt`. */
  | { type: 'verification-requested'; channel: 'sms' | 'whatsapp'; to: string; expiresAt: string; agentId: string; agentName: string }
  | ({ type: 'verified' } & VerifiedBy)
  /** A payment request was paid, failed or expired (the card changes too). */
  | { type: 'payment'; requestId: string; status: 'paid' | 'failed' | 'expired'; amount: string; currency: string }
  /** A file the customer sent by SMS/WhatsApp could not be fetched or was refused (its caption, if any, arrived as text). */
  | { type: 'media-failed'; name: string; contentType: string; reason: string };

/** A conversation as its customer sees it: no internal fields. */
export interface VisitorConversationView {
  id: string;
  status: ConversationView['status'];
  subject: string;
  /** The agent handling it, by name only. */
  agentName: string | null;
  createdAt: string;
  lastSeq: number;
  unread: number;
  /** Highest seq the agent side has read (for "seen" marks on the customer's messages). */
  agentRead: number;
  /** The customer proved who they are in this conversation. */
  verified: boolean;
  revision: number;
}

/** Events the customer may see, stripped of internal notes, ids and reasons. */
export type VisitorChatEvent =
  | { type: 'created' }
  | { type: 'assigned'; agentName: string }
  | { type: 'transferred'; toAgentName: string | null }
  | { type: 'closed' }
  | { type: 'reopened' }
  | { type: 'verification-requested'; channel: 'sms' | 'whatsapp'; to: string; expiresAt: string }
  | { type: 'verified'; method: VerifiedBy['method'] };

export interface VisitorMessageView {
  id: string;
  conversationId: string;
  seq: number;
  author: { kind: 'customer' | 'agent' | 'system'; name: string };
  kind: MessageKind;
  body: string;
  event: VisitorChatEvent | null;
  attachment: AttachmentView | null;
  location: LocationView | null;
  template: Pick<TemplateMessageView, 'header' | 'footer' | 'buttons'> | null;
  payment: PaymentView | null;
  clientMessageId: string | null;
  createdAt: string;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const id = (value: Types.ObjectId | null | undefined) => (value ? String(value) : null);

// The row shapes as stored; kept loose so lean() results of any selection fit.
type Row = Record<string, any>;

/** The latest sends each view's row listed (`recentSends`; never shown to anyone), for `MessageService`. */
const recentSends = new WeakMap<ConversationView, readonly string[]>();

/** The latest sends (`authorKind:clientMessageId`) of the row `view` was made from; undefined when that row did not list them. */
export const recentSendsOf = (view: ConversationView): readonly string[] | undefined => recentSends.get(view);

export function toConversationView(row: Row): ConversationView {
  const view: ConversationView = {
    id: String(row._id),
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    priority: row.priority,
    subject: row.subject ?? '',
    customer: {
      id: String(row.customerId),
      name: row.customerName ?? '',
      verified: Boolean(row.customerVerified),
      verifiedAt: iso(row.verifiedAt),
      verifiedBy: row.verifiedBy
        ? { method: row.verifiedBy.method, agentId: id(row.verifiedBy.agentId), agentName: row.verifiedBy.agentName ?? null }
        : null,
    },
    departmentId: id(row.departmentId),
    assigneeId: id(row.assigneeId),
    tags: row.tags ?? [],
    createdAt: iso(row.createdAt)!,
    queuedAt: iso(row.queuedAt ?? row.createdAt)!,
    assignedAt: iso(row.assignedAt),
    firstResponseAt: iso(row.firstResponseAt),
    lastMessageAt: iso(row.lastMessageAt)!,
    lastCustomerMessageAt: iso(row.lastCustomerMessageAt),
    closedAt: iso(row.closedAt),
    closeReason: row.closeReason ?? null,
    lastSeq: row.lastSeq ?? 0,
    unread: { agent: row.unreadByAgent ?? 0, customer: row.unreadByCustomer ?? 0 },
    read: { agent: row.agentReadSeq ?? 0, customer: row.customerReadSeq ?? 0 },
    revision: row.revision ?? 0,
  };
  // A row read without the list (or stored before it) says nothing about its latest sends.
  if (Array.isArray(row.recentSends)) recentSends.set(view, row.recentSends);
  return view;
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
    attachment: row.attachment ? { ...row.attachment, fileId: String(row.attachment.fileId), thumbnail: row.attachment.thumbnail ?? null } : null,
    location: row.location ?? null,
    template: row.template ? { ...row.template, templateId: String(row.template.templateId) } : null,
    delivery: row.delivery ? toDeliveryView(row.delivery) : null,
    payment: row.payment ? toPaymentView(row.payment) : null,
    clientMessageId: row.clientMessageId ?? null,
    createdAt: iso(row.createdAt)!,
  };
}

export const toPaymentView = (p: Row): PaymentView => ({
  requestId: String(p.requestId),
  amountMinor: p.amountMinor,
  amount: majorUnits(p.amountMinor, p.currency),
  currency: p.currency,
  description: p.description,
  status: p.status,
  url: p.url ?? null,
  expiresAt: iso(p.expiresAt)!,
  updatedAt: iso(p.updatedAt)!,
});

// The provider's own message id stays on the server.
const toDeliveryView = (d: Row): DeliveryView => ({
  channel: d.channel,
  to: d.to,
  status: d.status,
  error: d.error ?? null,
  updatedAt: iso(d.updatedAt)!,
  oneWay: Boolean(d.oneWay),
});

export function toVisitorConversation(view: ConversationView, agentName: string | null): VisitorConversationView {
  return {
    id: view.id,
    status: view.status,
    subject: view.subject,
    agentName,
    createdAt: view.createdAt,
    lastSeq: view.lastSeq,
    unread: view.unread.customer,
    agentRead: view.read.agent,
    verified: view.customer.verified,
    revision: view.revision,
  };
}

/**
 * The desk's view of a timeline entry: a customer's idempotency key stays the customer's
 * (knowing a web-chat start's key is what lets a lost start be retried).
 */
export const toDeskMessage = (message: MessageView): MessageView =>
  message.author.kind === 'customer' && message.clientMessageId ? { ...message, clientMessageId: null } : message;

/** The customer's view of a timeline entry, or `null` for internal events they must not see. */
export function toVisitorMessage(message: MessageView): VisitorMessageView | null {
  let event: VisitorChatEvent | null = null;
  if (message.event) {
    const e = message.event;
    if (e.type === 'created' || e.type === 'reopened') event = { type: e.type };
    else if (e.type === 'closed') event = { type: 'closed' };
    else if (e.type === 'assigned') event = { type: 'assigned', agentName: e.agentName };
    else if (e.type === 'transferred') event = { type: 'transferred', toAgentName: e.toAgentName };
    else if (e.type === 'verification-requested') event = { type: e.type, channel: e.channel, to: e.to, expiresAt: e.expiresAt };
    else if (e.type === 'verified') event = { type: 'verified', method: e.method };
    else return null;
  }
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    // Internal actors of system events stay anonymous.
    author: { kind: message.author.kind, name: message.author.kind === 'system' ? '' : message.author.name },
    kind: message.kind,
    body: message.body,
    event,
    attachment: message.attachment,
    location: message.location,
    template: message.template && { header: message.template.header, footer: message.template.footer, buttons: message.template.buttons },
    payment: message.payment,
    clientMessageId: message.author.kind === 'customer' ? message.clientMessageId : null,
    createdAt: message.createdAt,
  };
}

export function accessOf(view: ConversationView, before?: ConversationView | ConversationAccess): ConversationAccess {
  const access: ConversationAccess = {
    conversationId: view.id,
    customerId: view.customer.id,
    departmentId: view.departmentId,
    assigneeId: view.assigneeId,
    status: view.status,
  };
  if (before) {
    const b = 'conversationId' in before ? before : accessOf(before);
    access.before = {
      conversationId: b.conversationId,
      customerId: b.customerId,
      departmentId: b.departmentId,
      assigneeId: b.assigneeId,
      status: b.status,
    };
  }
  return access;
}
