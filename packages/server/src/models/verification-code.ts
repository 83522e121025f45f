import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A conversation's one-time verification code: one document per conversation, so a new
 * request replaces the old code in one atomic update. Only a salted hash of the code is
 * stored. The same document counts requests per window (rate limit).
 */
export const verificationCodeSchema = new Schema(
  {
    tenantId: tenantIdField,
    conversationId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    /** HMAC-SHA256 of the code with `salt`, hex. Null once used. */
    codeHash: { type: String, default: null },
    salt: { type: String, default: null },
    channel: { type: String, enum: ['sms', 'whatsapp'], required: true },
    requestedBy: { type: Schema.Types.ObjectId, required: true },
    requestedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    usedAt: { type: Date, default: null },
    /** Rate limit: requests since `windowStart`. */
    windowStart: { type: Date, required: true },
    windowCount: { type: Number, default: 0 },
  },
  { timestamps: true },
);
verificationCodeSchema.plugin(tenantScope);
verificationCodeSchema.index({ tenantId: 1, conversationId: 1 }, { unique: true });

export type VerificationCodeDoc = InferSchemaType<typeof verificationCodeSchema>;
