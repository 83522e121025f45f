import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A live chat or a ticket. Routing and messages build on this in the conversations issue. */
export const conversationSchema = new Schema(
  {
    tenantId: tenantIdField,
    kind: { type: String, enum: ['chat', 'ticket'], required: true, default: 'chat' },
    channel: { type: String, enum: ['web', 'sms', 'whatsapp', 'email'], required: true, default: 'web' },
    customerId: { type: Schema.Types.ObjectId, required: true },
    departmentId: { type: Schema.Types.ObjectId, default: null },
    status: {
      type: String,
      enum: ['pending', 'open', 'on-hold', 'solved', 'closed'],
      required: true,
      default: 'pending',
    },
    priority: { type: String, enum: ['low', 'normal', 'high', 'urgent'], default: 'normal' },
    subject: { type: String, default: '' },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    tags: { type: [String], default: [] },
    lastMessageAt: { type: Date, default: () => new Date() },
    closedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
conversationSchema.plugin(tenantScope);
conversationSchema.index({ tenantId: 1, status: 1, departmentId: 1, createdAt: 1 });
conversationSchema.index({ tenantId: 1, assigneeId: 1, status: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
