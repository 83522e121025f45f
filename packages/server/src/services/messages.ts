import { Types } from 'mongoose';
import type { ConversationAccess } from '../events/types.js';
import type { Models } from '../models/index.js';
import {
  accessOf,
  toConversationView,
  toMessageView,
  type AttachmentView,
  type ChatEvent,
  type ConversationView,
  type DeliveryView,
  type LocationView,
  type MessageView,
  type PaymentView,
  type TemplateMessageView,
} from './conversation-views.js';
import { notFound } from './errors.js';
import type { EventService } from './events.js';

export interface NewMessage {
  authorKind: 'customer' | 'agent' | 'system';
  authorId?: string | null;
  authorName?: string;
  body?: string;
  event?: ChatEvent;
  /** What a message carries besides text; `kind` follows from it. */
  content?: StoredContent;
  clientMessageId?: string;
  /** The conversation as it was before the change this entry records (for who loses sight of it). */
  before?: ConversationView;
}

/** Non-text content as stored (files already checked, templates already rendered). */
export type StoredContent =
  | { kind: 'attachment' | 'voice'; attachment: AttachmentView; delivery?: StoredDelivery }
  | { kind: 'location'; location: LocationView; delivery?: StoredDelivery }
  | { kind: 'template'; template: TemplateMessageView; delivery?: StoredDelivery }
  | { kind: 'payment'; payment: PaymentView; delivery?: StoredDelivery }
  | { kind: 'text'; delivery?: StoredDelivery };

/** A delivery as first stored: queued for the channel's provider. */
export type StoredDelivery = Pick<DeliveryView, 'channel' | 'to' | 'oneWay'>;

function contentFields(input: NewMessage, now: Date) {
  const content = input.content;
  const delivery = content?.delivery ? { ...content.delivery, status: 'queued' as const, error: null, providerMessageId: null, updatedAt: now } : null;
  return {
    kind: input.event ? ('event' as const) : (content?.kind ?? ('text' as const)),
    attachment: content && 'attachment' in content ? { ...content.attachment, fileId: new Types.ObjectId(content.attachment.fileId) } : null,
    location: content && 'location' in content ? content.location : null,
    template: content && 'template' in content ? { ...content.template, templateId: new Types.ObjectId(content.template.templateId) } : null,
    delivery,
    payment:
      content && 'payment' in content
        ? { ...content.payment, requestId: new Types.ObjectId(content.payment.requestId), expiresAt: new Date(content.payment.expiresAt), updatedAt: new Date(content.payment.updatedAt) }
        : null,
  };
}

/**
 * Appends to a conversation's timeline. Each entry gets the next `seq` from one
 * atomic `$inc` on the conversation; a retried send (same author and
 * `clientMessageId`) returns the stored message instead of adding another.
 * The write is durable before anything is published or acknowledged.
 */
export class MessageService {
  constructor(
    private readonly models: Models,
    private readonly events: EventService,
  ) {}

  async append(
    tenantId: string,
    conversationId: string,
    input: NewMessage,
  ): Promise<{ message: MessageView; conversation: ConversationView; created: boolean }> {
    const key = { tenantId, conversationId, authorKind: input.authorKind, clientMessageId: input.clientMessageId };
    if (input.clientMessageId) {
      const existing = await this.models.Message.findOne(key).lean();
      if (existing) return { message: toMessageView(existing), conversation: await this.view(tenantId, conversationId), created: false };
    }

    const now = new Date();
    const isText = !input.event;
    const side = input.authorKind === 'customer' ? 'Agent' : 'Customer';
    // Writing is reading: the author has seen everything up to their own message.
    const conversation = await this.models.Conversation.findOneAndUpdate(
      { tenantId, _id: conversationId },
      {
        $inc: { lastSeq: 1, revision: 1, ...(isText ? { [`unreadBy${side}`]: 1 } : {}) },
        ...(isText ? { $set: { lastMessageAt: now, ...(input.authorKind === 'customer' ? { lastCustomerMessageAt: now } : {}) } } : {}),
      },
      { returnDocument: 'after' },
    ).lean();
    if (!conversation) throw notFound('conversation');

    const doc = {
      _id: new Types.ObjectId(),
      tenantId: new Types.ObjectId(tenantId),
      conversationId: new Types.ObjectId(conversationId),
      seq: conversation.lastSeq,
      authorKind: input.authorKind,
      authorId: input.authorId ? new Types.ObjectId(input.authorId) : null,
      authorName: input.authorName ?? '',
      ...contentFields(input, now),
      body: input.body ?? '',
      event: input.event ?? null,
      clientMessageId: input.clientMessageId ?? null,
      createdAt: now,
    };
    if (input.clientMessageId) {
      const { upsertedCount } = await this.models.Message.updateOne(key, { $setOnInsert: doc }, { upsert: true });
      if (upsertedCount === 0) {
        // A concurrent retry stored it first. The seq we took stays unused: the
        // timeline is ordered by seq, and readers never wait for a missing number.
        const existing = (await this.models.Message.findOne(key).lean())!;
        return { message: toMessageView(existing), conversation: await this.view(tenantId, conversationId), created: false };
      }
    } else {
      await this.models.Message.create(doc);
    }
    if (isText && input.authorKind !== 'system') await this.readUpTo(tenantId, conversationId, input.authorKind, doc.seq);
    if (isText && input.authorKind === 'agent') {
      await this.models.Conversation.updateOne({ tenantId, _id: conversationId, firstResponseAt: null }, { $set: { firstResponseAt: now } });
    }

    const message = toMessageView(doc);
    const view = await this.view(tenantId, conversationId);
    await this.events.publish(tenantId, 'message.created', { access: accessOf(view), message });
    await this.events.publish(tenantId, 'conversation.changed', { access: accessOf(view, input.before), conversation: view });
    return { message, conversation: view, created: true };
  }

  /**
   * Changes a stored message (a delivery receipt) and tells everyone who sees the
   * conversation; `filter` guards the change (e.g. no going back from delivered to sent).
   */
  async update(
    tenantId: string,
    messageId: string,
    filter: Record<string, unknown>,
    set: Record<string, unknown>,
  ): Promise<MessageView | null> {
    const row = await this.models.Message.findOneAndUpdate({ tenantId, _id: messageId, ...filter }, { $set: set }, { returnDocument: 'after' }).lean();
    if (!row) return null;
    const message = toMessageView(row);
    const view = await this.view(tenantId, message.conversationId);
    await this.events.publish(tenantId, 'message.updated', { access: accessOf(view), message });
    return message;
  }

  /** Publishes a change that added nothing to the timeline (read marks, unread counts). */
  async publishChange(tenantId: string, conversationId: string, before?: ConversationView): Promise<ConversationView> {
    const view = await this.view(tenantId, conversationId);
    await this.events.publish(tenantId, 'conversation.changed', { access: accessOf(view, before), conversation: view });
    return view;
  }

  /** One side has read up to `seq`: its unread count drops to zero, the other side sees the read mark. */
  async markRead(tenantId: string, conversationId: string, side: 'agent' | 'customer', seq: number): Promise<ConversationView> {
    if (!(await this.readUpTo(tenantId, conversationId, side, seq))) return this.view(tenantId, conversationId);
    return this.publishChange(tenantId, conversationId);
  }

  /** Tells the other side someone is typing; nothing is stored in the timeline. */
  async typing(
    tenantId: string,
    view: ConversationView,
    author: { kind: 'customer' | 'agent'; id: string; name: string },
    typing: boolean,
  ): Promise<void> {
    const access: ConversationAccess = accessOf(view);
    await this.events.publish(tenantId, 'conversation.typing', { access, conversationId: view.id, author, typing });
  }

  /** A page of the timeline, oldest first, ending before `beforeSeq` (or at the newest). */
  async page(tenantId: string, conversationId: string, opts: { beforeSeq?: number; limit: number }): Promise<MessageView[]> {
    const rows = await this.models.Message.find({
      tenantId,
      conversationId,
      ...(opts.beforeSeq ? { seq: { $lt: opts.beforeSeq } } : {}),
    })
      .sort({ seq: -1 })
      .limit(opts.limit)
      .lean();
    return rows.reverse().map(toMessageView);
  }

  async view(tenantId: string, conversationId: string): Promise<ConversationView> {
    const row = await this.models.Conversation.findOne({ tenantId, _id: conversationId }).lean();
    if (!row) throw notFound('conversation');
    return toConversationView(row);
  }

  /** Moves one side's read mark forward to `seq` (never back, never past what exists); true if it moved. */
  private async readUpTo(tenantId: string, conversationId: string, side: 'agent' | 'customer', seq: number): Promise<boolean> {
    const [field, unread] = side === 'agent' ? ['agentReadSeq', 'unreadByAgent'] : ['customerReadSeq', 'unreadByCustomer'];
    const { modifiedCount } = await this.models.Conversation.updateOne(
      { tenantId, _id: conversationId, [field]: { $lt: seq }, lastSeq: { $gte: seq } },
      { $set: { [field]: seq, [unread]: 0 }, $inc: { revision: 1 } },
    );
    return modifiedCount > 0;
  }
}
