import { Types } from 'mongoose';
import type { ConversationAccess } from '../events/types.js';
import type { Models } from '../models/index.js';
import {
  accessOf,
  recentSendsOf,
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
import { BatchedFinds } from './batched-finds.js';
import { BatchedUpdates } from './batched-updates.js';
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
  /**
   * When the customer was last active, as this entry shows (the WhatsApp window runs
   * from it): a customer's message defaults to now; a system entry the customer caused
   * (a file of theirs that could not be fetched) gives it. Never moves the stored time back.
   */
  customerActiveAt?: Date;
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

/** How many of a conversation's latest sends its claims check for retries without a lookup. */
const RECENT_SENDS = 32;

/** How long an append may hold its conversation's next seq before another writer finishes it for it. */
const APPEND_LEASE_MS = 5_000;
/** How often a writer waiting on another process's append looks again. */
const APPEND_POLL_MS = 20;

type MessageDoc = ReturnType<typeof newMessage>;
type ConversationRow = Parameters<typeof toConversationView>[0];
type MessageRow = Parameters<typeof toMessageView>[0];

/**
 * An append in progress, kept on the conversation (`pendingAppend`) from taking its
 * seq until its message is stored and published: a write-ahead entry, so a writer
 * that dies midway is finished by the next one and seq never has a hole.
 */
interface PendingAppend {
  message: MessageDoc;
  before: ConversationAccess | null;
  leaseUntil: Date;
  /** What the claim overwrote, put back if the append turns out to be a retry stored before. */
  restore?: Record<string, unknown>;
  /** A chat event the append's change calls for (a ticket the customer reopened), appended once it is done. */
  then?: ChatEvent;
}

function newMessage(tenantId: string, conversationId: string, input: NewMessage, seq: number | null, now: Date) {
  return {
    _id: new Types.ObjectId(),
    tenantId: new Types.ObjectId(tenantId),
    conversationId: new Types.ObjectId(conversationId),
    seq,
    authorKind: input.authorKind,
    authorId: input.authorId ? new Types.ObjectId(input.authorId) : null,
    authorName: input.authorName ?? '',
    ...contentFields(input, now),
    body: input.body ?? '',
    event: input.event ?? null,
    clientMessageId: input.clientMessageId ?? null,
    createdAt: now,
  };
}

const unreadField = (authorKind: NewMessage['authorKind']) => (authorKind === 'customer' ? 'unreadByAgent' : 'unreadByCustomer');
const sideFields = { agent: { read: 'agentReadSeq', unread: 'unreadByAgent' }, customer: { read: 'customerReadSeq', unread: 'unreadByCustomer' } } as const;
const asDate = (iso: string | null) => (iso ? new Date(iso) : null);
/** Matches a counter as a view showed it (a view shows an absent counter as 0). */
const counterIs = (value: number) => (value === 0 ? { $in: [0, null] } : value);

/** Ticket statuses a customer's message ends: the ticket is theirs to answer again. */
const REOPENED_BY_CUSTOMER: ReadonlyArray<ConversationView['status']> = ['solved', 'pending'];

/**
 * The one update that takes the next seq for `message` on a conversation last seen as
 * `known`, and everything the append changes on it: unread counts, last-message times,
 * the author's read mark (writing is reading), an agent's first response, and a
 * customer's answer reopening their assigned ticket that was solved or pending on them
 * (`then`: the status event to record). It holds only while `lastSeq` (and what else it
 * changes from) are still as seen; `restore` is what it overwrites.
 */
function claimOf(message: MessageDoc, known: ConversationView, now: Date, customerActiveAt: Date | null) {
  const guard: Record<string, unknown> = { lastSeq: counterIs(known.lastSeq) };
  const set: Record<string, unknown> = {};
  const max: Record<string, Date> = {};
  const inc: Record<string, number> = { lastSeq: 1, revision: 1 };
  const restore: Record<string, unknown> = {};
  let then: ChatEvent | undefined;
  const change = (field: string, value: unknown, before: unknown) => {
    set[field] = value;
    restore[field] = before;
  };
  if (customerActiveAt) {
    // The later of the stored and the new time: a provider's late retry carries an older one.
    max.lastCustomerMessageAt = customerActiveAt;
    restore.lastCustomerMessageAt = asDate(known.lastCustomerMessageAt);
  }
  if (!message.event) {
    inc[unreadField(message.authorKind)] = 1;
    change('lastMessageAt', now, asDate(known.lastMessageAt));
    if (message.authorKind !== 'system') {
      const side = message.authorKind;
      const own = sideFields[side];
      guard[own.read] = counterIs(known.read[side]);
      change(own.read, known.lastSeq + 1, known.read[side]);
      change(own.unread, 0, known.unread[side]);
    }
    if (message.authorKind === 'agent' && known.firstResponseAt === null) {
      guard.firstResponseAt = null;
      change('firstResponseAt', now, null);
    }
    if (message.authorKind === 'customer' && known.kind === 'ticket' && known.assigneeId && REOPENED_BY_CUSTOMER.includes(known.status)) {
      Object.assign(guard, { kind: 'ticket', status: known.status, assigneeId: known.assigneeId });
      change('status', 'open', known.status);
      then = { type: 'updated', field: 'status', from: known.status, to: 'open' };
    }
  }
  return { guard, set, inc, max, restore, then };
}

/**
 * Appends to a conversation's timeline. Appends to one conversation take turns:
 * each takes the next `seq` with one atomic update that also makes every other
 * change the message brings (unread counts, the author's read mark…) and records it
 * as the conversation's pending append, stores its message, publishes it with the
 * conversation as that update left it, then clears the mark. The update holds only
 * while the conversation's `lastSeq` is the one the writer last saw, so the writer
 * knows its seq beforehand. The next writer waits for a pending append, or finishes
 * it once its lease has run out (its process died), so seq runs without holes and
 * every stored message is published. A retried send (same author and
 * `clientMessageId`) returns the stored message instead of adding another. Nothing
 * is acknowledged before it is durable.
 */
export class MessageService {
  /** This process's appends in progress, by message id: a second writer here awaits them instead of polling. */
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Storing messages and clearing marks, group-committed across this process's appends. */
  private readonly messageWrites: BatchedUpdates;
  private readonly conversationWrites: BatchedUpdates;
  /** Conversations by id and sends by their client's id, read together across this process's requests. */
  private readonly conversationReads: BatchedFinds<ConversationRow>;
  private readonly sendReads: BatchedFinds<MessageRow>;

  constructor(
    private readonly models: Models,
    private readonly events: EventService,
  ) {
    this.messageWrites = new BatchedUpdates(models.Message);
    this.conversationWrites = new BatchedUpdates(models.Conversation);
    this.conversationReads = new BatchedFinds(models.Conversation);
    this.sendReads = new BatchedFinds(models.Message);
  }

  /**
   * `seen` is the conversation as the caller last read it (for its access check): the
   * append claims from it instead of reading the conversation again, and reads it only
   * if the claim finds it out of date.
   */
  async append(
    tenantId: string,
    conversationId: string,
    input: NewMessage,
    seen?: ConversationView,
  ): Promise<{ message: MessageView; conversation: ConversationView; created: boolean }> {
    const sent = input.clientMessageId ? { conversationId, authorKind: input.authorKind, clientMessageId: input.clientMessageId } : null;
    const sendKey = sent && `${sent.authorKind}:${sent.clientMessageId}`;
    let known = seen ?? null;
    for (;;) {
      known ??= await this.view(tenantId, conversationId);
      // A send among the conversation's latest is a retry: found stored. One not among them
      // is new, or a retry of an older send, which its claim stores and then takes back (finish).
      const recent = recentSendsOf(known);
      const lookUp = sent !== null && (!recent || recent.includes(sendKey!));
      if (lookUp) {
        const existing = await this.sendReads.findOne(tenantId, sent!);
        if (existing) {
          // An earlier attempt stored it; it may still be publishing it, or have died doing so.
          const conversation = await this.settle(tenantId, conversationId, String(existing._id));
          return { message: toMessageView(existing), conversation, created: false };
        }
      }
      const now = new Date();
      const message = newMessage(tenantId, conversationId, input, known.lastSeq + 1, now);
      const customerActiveAt = input.customerActiveAt ?? (input.authorKind === 'customer' && !input.event ? now : null);
      const { guard, set, inc, max, restore, then } = claimOf(message, known, now, customerActiveAt);
      // Not looked up, it must not be among the latest as stored either (a view can be behind).
      if (sendKey && !lookUp) guard.recentSends = { $ne: sendKey };
      const pending: PendingAppend = {
        message,
        before: input.before ? accessOf(input.before) : null,
        leaseUntil: new Date(now.getTime() + APPEND_LEASE_MS),
        restore,
        ...(then ? { then } : {}),
      };
      const claimed = await this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: conversationId, pendingAppend: null, ...guard },
        {
          $inc: inc,
          $set: { ...set, pendingAppend: pending },
          ...(Object.keys(max).length ? { $max: max } : {}),
          ...(sendKey ? { $push: { recentSends: { $each: [sendKey], $slice: -RECENT_SENDS } } } : {}),
        },
        { returnDocument: 'after', projection: { pendingAppend: 0 } },
      ).lean();
      if (!claimed) {
        // Another append holds the conversation or got in first (or it is gone): wait, look again.
        known = await this.settle(tenantId, conversationId);
        continue;
      }
      const id = String(message._id);
      const work = this.finish(tenantId, conversationId, pending, toConversationView(claimed));
      this.inflight.set(id, work);
      try {
        return await work;
      } catch (err) {
        // Let the next writer finish it at once rather than after the lease (best effort: the database may be down).
        await this.models.Conversation.updateOne(
          { tenantId, _id: conversationId, 'pendingAppend.message._id': message._id },
          { $set: { 'pendingAppend.leaseUntil': new Date(0) } },
        ).catch(() => undefined);
        throw err;
      } finally {
        this.inflight.delete(id);
      }
    }
  }

  /**
   * Waits until the conversation has no pending append (or, given `messageId`, until
   * that message's append is done), finishing one whose lease has run out; returns
   * the conversation as it then is.
   */
  private async settle(tenantId: string, conversationId: string, messageId?: string): Promise<ConversationView> {
    for (;;) {
      const row = await this.models.Conversation.findOne({ tenantId, _id: conversationId }).lean();
      if (!row) throw notFound('conversation');
      const pending = (row.pendingAppend ?? null) as PendingAppend | null;
      if (!pending || (messageId && String(pending.message._id) !== messageId)) return toConversationView(row);
      // While an append is pending, its seq is the conversation's lastSeq.
      pending.message.seq = row.lastSeq;
      const local = this.inflight.get(String(pending.message._id));
      if (local) {
        await local.catch(() => undefined);
        continue;
      }
      const wait = new Date(pending.leaseUntil).getTime() - Date.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, APPEND_POLL_MS)));
        continue;
      }
      // Its writer is gone: take the lease over and finish the append.
      const renewed: PendingAppend = { ...pending, leaseUntil: new Date(Date.now() + APPEND_LEASE_MS) };
      const { modifiedCount } = await this.models.Conversation.updateOne(
        { tenantId, _id: conversationId, 'pendingAppend.message._id': pending.message._id, 'pendingAppend.leaseUntil': pending.leaseUntil },
        { $set: { pendingAppend: renewed } },
      );
      if (modifiedCount) await this.finish(tenantId, conversationId, renewed);
    }
  }

  /**
   * Stores, publishes and clears a pending append. `claimed` is the conversation as
   * its claim left it; a writer finishing another's append (that writer died) reads it.
   */
  private async finish(
    tenantId: string,
    conversationId: string,
    pending: PendingAppend,
    claimed?: ConversationView,
  ): Promise<{ message: MessageView; conversation: ConversationView; created: boolean }> {
    const seq = pending.message.seq;
    if (seq === null) throw new Error('a pending append without its seq');
    const doc = { ...pending.message, seq };
    const filter = doc.clientMessageId
      ? { tenantId, conversationId, authorKind: doc.authorKind, clientMessageId: doc.clientMessageId }
      : { tenantId, _id: doc._id };
    const { _id, ...fields } = doc;
    const { upsertedCount } = await this.messageWrites.updateOne(filter, { $setOnInsert: doc.clientMessageId ? doc : fields }, { upsert: true });
    const stored = upsertedCount ? null : await this.models.Message.findOne(filter).lean();
    if (stored && String(stored._id) !== String(_id)) {
      // An earlier attempt of the same send is stored under another seq: this one goes back.
      // (Writers look for the earlier attempt before claiming and claim only the seq after
      // the last one they saw, so this takes a retry racing past both checks.)
      const otherRead = doc.authorKind === 'customer' ? sideFields.agent.read : sideFields.customer.read;
      await this.models.Conversation.updateOne(
        { tenantId, _id: conversationId, lastSeq: seq, 'pendingAppend.message._id': _id },
        {
          $inc: { lastSeq: -1, revision: 1 },
          $unset: { pendingAppend: 1 },
          ...(pending.restore && Object.keys(pending.restore).length ? { $set: pending.restore } : {}),
          // The other side cannot have read past what is left.
          $min: { [otherRead]: seq - 1 },
        },
      );
      if (!doc.event) {
        const unread = unreadField(doc.authorKind);
        await this.models.Conversation.updateOne({ tenantId, _id: conversationId, [unread]: { $gt: 0 } }, { $inc: { [unread]: -1 } });
      }
      return { message: toMessageView(stored), conversation: await this.view(tenantId, conversationId), created: false };
    }

    const message = toMessageView(doc);
    const view = claimed ?? (await this.view(tenantId, conversationId));
    const key = `message.created:${message.id}`;
    const changed = { type: 'conversation.changed', payload: { access: accessOf(view, pending.before ?? undefined), conversation: view } } as const;
    // A writer that died after publishing but before clearing its mark: publish once only.
    if (claimed || !(await this.events.published(tenantId, key))) {
      await this.events.publishAll(tenantId, [{ type: 'message.created', payload: { access: accessOf(view), message }, key }, changed]);
    } else {
      await this.events.publishAll(tenantId, [changed]);
    }
    await this.conversationWrites.updateOne({ tenantId, _id: conversationId, 'pendingAppend.message._id': _id }, { $unset: { pendingAppend: 1 } });
    // Its id derives from the message's, so the writer and one finishing for it record it once.
    if (pending.then) await this.append(tenantId, conversationId, { authorKind: 'system', event: pending.then, clientMessageId: `then:${String(_id)}` });
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
    return this.publishView(tenantId, await this.view(tenantId, conversationId), before);
  }

  /** One side has read up to `seq`: its unread count drops to what is newer, the other side sees the read mark. */
  async markRead(tenantId: string, conversationId: string, side: 'agent' | 'customer', seq: number): Promise<ConversationView> {
    const row = await this.readUpTo(tenantId, conversationId, side, seq);
    if (!row) return this.view(tenantId, conversationId);
    return this.publishView(tenantId, toConversationView(row));
  }

  private async publishView(tenantId: string, view: ConversationView, before?: ConversationView): Promise<ConversationView> {
    await this.events.publish(tenantId, 'conversation.changed', { access: accessOf(view, before), conversation: view });
    return view;
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
    const row = await this.conversationReads.findOne(tenantId, { _id: conversationId });
    if (!row) throw notFound('conversation');
    return toConversationView(row);
  }

  /**
   * Moves one side's read mark forward to `seq` (never back, never past what exists); the
   * conversation after, or null if it did not move. Its unread count becomes the other
   * side's messages after `seq`: zero when `seq` is the newest. Counted messages are only
   * known while no append runs, so the update holds only while `lastSeq` is the one counted
   * at (an append meanwhile: count again), and `$min` keeps a read from ever raising it.
   */
  private async readUpTo(tenantId: string, conversationId: string, side: 'agent' | 'customer', seq: number) {
    const { read, unread } = sideFields[side];
    const moveTo = (lastSeq: number, after: number) =>
      this.models.Conversation.findOneAndUpdate(
        { tenantId, _id: conversationId, [read]: { $lt: seq }, lastSeq, pendingAppend: null },
        { $set: { [read]: seq }, $min: { [unread]: after }, $inc: { revision: 1 } },
        { returnDocument: 'after', projection: { pendingAppend: 0 } },
      ).lean();
    // Read to the newest (the usual case): nothing to count.
    const newest = await moveTo(seq, 0);
    if (newest) return newest;
    const others: Array<NewMessage['authorKind']> = side === 'agent' ? ['customer'] : ['agent', 'system'];
    for (;;) {
      const row = await this.settle(tenantId, conversationId);
      if (row.read[side] >= seq || row.lastSeq < seq) return null;
      const after = await this.models.Message.countDocuments({
        tenantId,
        conversationId,
        seq: { $gt: seq, $lte: row.lastSeq },
        authorKind: { $in: others },
        kind: { $ne: 'event' },
      });
      const moved = await moveTo(row.lastSeq, after);
      if (moved) return moved;
    }
  }
}
