import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A tenant's SMS or WhatsApp number at a provider. Both secrets are needed in clear
 * (HMAC, both ways) and are shown to admins only when created or rotated.
 */
export const channelAccountSchema = new Schema(
  {
    tenantId: tenantIdField,
    channel: { type: String, enum: ['sms', 'whatsapp'], required: true },
    /** Key into the provider registry. */
    provider: { type: String, required: true, default: 'http' },
    /** Where sends are POSTed. */
    endpoint: { type: String, required: true },
    /** The E.164 number we send from. */
    fromNumber: { type: String, required: true },
    /** We sign sends with it; the provider verifies. */
    signingSecret: { type: String, required: true },
    /** The provider signs webhooks with it; we verify. */
    webhookSecret: { type: String, required: true },
    enabled: { type: Boolean, default: true },
    /** Files and voice go out as media (WhatsApp media, MMS); `false`: text only. */
    media: { type: Boolean, default: true },
  },
  { timestamps: true },
);
channelAccountSchema.plugin(tenantScope);
channelAccountSchema.index({ tenantId: 1, channel: 1 }, { unique: true });

export type ChannelAccountDoc = InferSchemaType<typeof channelAccountSchema>;
