import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** Sort key for the queue: higher first. */
export const priorityRank = { low: 0, normal: 1, high: 2, urgent: 3 } as const;

/** A live chat or a ticket. Its messages are separate documents numbered by `lastSeq`. */
export const conversationSchema = new Schema(
  {
    tenantId: tenantIdField,
    kind: { type: String, enum: ['chat', 'ticket'], required: true, default: 'chat' },
    channel: { type: String, enum: ['web', 'sms', 'whatsapp', 'email'], required: true, default: 'web' },
    customerId: { type: Schema.Types.ObjectId, required: true },
    customerName: { type: String, default: '' },
    /** The customer proved who they are (host portal identity token, or later a one-time code). */
    customerVerified: { type: Boolean, default: false },
    /** When and how the customer was last verified (token at start or later, or a one-time code). */
    verifiedAt: { type: Date, default: null },
    verifiedBy: {
      type: new Schema(
        { method: { type: String, enum: ['identity-token', 'code'], required: true }, agentId: { type: Schema.Types.ObjectId, default: null }, agentName: { type: String, default: null } },
        { _id: false },
      ),
      default: null,
    },
    departmentId: { type: Schema.Types.ObjectId, default: null },
    status: {
      type: String,
      enum: ['pending', 'open', 'on-hold', 'solved', 'closed'],
      required: true,
      default: 'pending',
    },
    priority: { type: String, enum: ['low', 'normal', 'high', 'urgent'], default: 'normal' },
    priorityRank: { type: Number, default: 1 },
    subject: { type: String, default: '' },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    tags: { type: [String], default: [] },
    /** When it (last) entered a pending queue. */
    queuedAt: { type: Date, default: () => new Date() },
    /** When the current assignee got it (a transfer moves it). */
    assignedAt: { type: Date, default: null },
    /** When an agent first picked it up (routing or accept); set once, never moved by a transfer. Absent on older documents. */
    firstAssignedAt: { type: Date, default: null },
    firstResponseAt: { type: Date, default: null },
    lastMessageAt: { type: Date, default: () => new Date() },
    /** The customer's latest message (WhatsApp allows free-form replies for 24 h after it). */
    lastCustomerMessageAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    closeReason: { type: String, default: null },
    /** Highest message seq handed out. */
    lastSeq: { type: Number, default: 0 },
    /**
     * The append that took `lastSeq` and has not yet stored and published its message
     * (`{ message, before, leaseUntil }`): the next writer finishes it if its writer died.
     */
    pendingAppend: { type: Schema.Types.Mixed, default: null },
    /**
     * The latest sends' `authorKind:clientMessageId` (newest last, a few dozen at most): the
     * claim of an append refuses one of these, a retry; one not listed needs no lookup first.
     */
    recentSends: { type: [String], default: [] },
    unreadByAgent: { type: Number, default: 0 },
    unreadByCustomer: { type: Number, default: 0 },
    /** Highest seq each side has read: the other side shows it as read state. */
    agentReadSeq: { type: Number, default: 0 },
    customerReadSeq: { type: Number, default: 0 },
    /**
     * Web chats: a hash of the `webchat.start` request that created it (its long first-message
     * id included), so only a retry of that very request finds it again.
     */
    startKey: { type: String, default: null },
    /** Bumped by every change, so clients keep the newest view whatever order events arrive in. */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true },
);
conversationSchema.plugin(tenantScope);
conversationSchema.index({ tenantId: 1, status: 1, departmentId: 1, priorityRank: -1, queuedAt: 1 });
conversationSchema.index({ tenantId: 1, assigneeId: 1, status: 1 });
conversationSchema.index({ tenantId: 1, lastMessageAt: -1, _id: -1 });
conversationSchema.index({ tenantId: 1, customerId: 1 });
conversationSchema.index({ tenantId: 1, tags: 1 });
conversationSchema.index({ tenantId: 1, startKey: 1 }, { unique: true, partialFilterExpression: { startKey: { $type: 'string' } } });
/** Suggestions pick up conversations closed or reopened since their last look. */
conversationSchema.index({ tenantId: 1, updatedAt: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
