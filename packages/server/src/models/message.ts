import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

const thumbnailSchema = new Schema(
  {
    width: { type: Number, required: true },
    height: { type: Number, required: true },
  },
  { _id: false },
);

const attachmentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    category: { type: String, enum: ['image', 'audio', 'video', 'document'], required: true },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    thumbnail: { type: thumbnailSchema, default: null },
    durationMs: { type: Number, default: null },
  },
  { _id: false },
);

const locationSchema = new Schema(
  {
    latitude: { type: Number, default: null },
    longitude: { type: Number, default: null },
    accuracy: { type: Number, default: null },
    address: { type: String, default: null },
  },
  { _id: false },
);

const templateSchema = new Schema(
  {
    templateId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    language: { type: String, required: true },
    header: { type: String, default: null },
    footer: { type: String, default: null },
    buttons: { type: [{ _id: false, type: { type: String }, text: String, value: { type: String, default: null } }], default: [] },
    variables: { type: [String], default: [] },
  },
  { _id: false },
);

/** Outbound SMS/WhatsApp: the provider's id for the message and the latest receipt. */
const deliverySchema = new Schema(
  {
    channel: { type: String, enum: ['sms', 'whatsapp'], required: true },
    to: { type: String, required: true },
    status: { type: String, enum: ['queued', 'sent', 'delivered', 'read', 'failed'], required: true },
    error: { type: String, default: null },
    providerMessageId: { type: String, default: null },
    oneWay: { type: Boolean, default: false },
    updatedAt: { type: Date, default: () => new Date() },
    /** When the provider was last asked about a message left without receipts (see the gateway's sweep). */
    checkedAt: { type: Date, default: null },
  },
  { _id: false },
);

/** A payment request's card: a copy of the request's shown fields, updated with its status. */
const paymentSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    description: { type: String, required: true },
    status: { type: String, enum: ['pending', 'paid', 'failed', 'expired'], required: true },
    url: { type: String, default: null },
    expiresAt: { type: Date, required: true },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

/**
 * One message or chat event of a conversation, numbered by `seq` (per conversation,
 * increasing). `clientMessageId` makes sends idempotent per author.
 */
export const messageSchema = new Schema({
  tenantId: tenantIdField,
  conversationId: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, required: true },
  authorKind: { type: String, enum: ['customer', 'agent', 'system'], required: true },
  authorId: { type: Schema.Types.ObjectId, default: null },
  authorName: { type: String, default: '' },
  kind: {
    type: String,
    enum: ['text', 'event', 'attachment', 'voice', 'location', 'template', 'payment'],
    required: true,
    default: 'text',
  },
  body: { type: String, default: '' },
  event: { type: Schema.Types.Mixed, default: null },
  attachment: { type: attachmentSchema, default: null },
  location: { type: locationSchema, default: null },
  template: { type: templateSchema, default: null },
  delivery: { type: deliverySchema, default: null },
  payment: { type: paymentSchema, default: null },
  clientMessageId: { type: String, default: null },
  createdAt: { type: Date, default: () => new Date() },
});
messageSchema.plugin(tenantScope);
messageSchema.index({ tenantId: 1, conversationId: 1, seq: 1 }, { unique: true });
/** Full-text search of message bodies where the database has it (real MongoDB). */
messageSchema.index({ body: 'text' });
messageSchema.index(
  { tenantId: 1, conversationId: 1, authorKind: 1, clientMessageId: 1 },
  { unique: true, partialFilterExpression: { clientMessageId: { $type: 'string' } } },
);

messageSchema.index({ tenantId: 1, 'delivery.providerMessageId': 1 }, { sparse: true });
/** The orphan-upload sweep: does any message reference this file? */
messageSchema.index({ tenantId: 1, 'attachment.fileId': 1 }, { partialFilterExpression: { 'attachment.fileId': { $exists: true } } });
/** The gateway's sweep for sends a crash left queued. */
messageSchema.index(
  { 'delivery.status': 1, 'delivery.updatedAt': 1 },
  { partialFilterExpression: { 'delivery.status': 'queued' } },
);
/** The gateway's sweep for sent messages whose receipts never came. */
messageSchema.index(
  { 'delivery.status': 1, 'delivery.updatedAt': 1, 'delivery.checkedAt': 1 },
  { partialFilterExpression: { 'delivery.status': 'sent' } },
);

export type MessageDoc = InferSchemaType<typeof messageSchema>;
