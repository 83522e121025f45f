import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

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
  kind: { type: String, enum: ['text', 'event'], required: true, default: 'text' },
  body: { type: String, default: '' },
  event: { type: Schema.Types.Mixed, default: null },
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

export type MessageDoc = InferSchemaType<typeof messageSchema>;
