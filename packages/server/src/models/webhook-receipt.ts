import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** How long a provider event id is remembered (providers retry for hours, at most days). */
export const RECEIPT_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * A provider webhook event we accepted, keyed by the provider's event id: stored
 * before acting, so a replay of the same id does nothing.
 */
export const webhookReceiptSchema = new Schema({
  tenantId: tenantIdField,
  channel: { type: String, enum: ['sms', 'whatsapp'], required: true },
  eventId: { type: String, required: true },
  type: { type: String, enum: ['message', 'status'], required: true },
  receivedAt: { type: Date, required: true },
  /** Whoever is acting on it took it at this time (a crashed attempt is taken over later). */
  claimedAt: { type: Date, required: true },
  /** Acted on completely; replays are acknowledged as duplicates. */
  processedAt: { type: Date, default: null },
});
webhookReceiptSchema.plugin(tenantScope);
webhookReceiptSchema.index({ tenantId: 1, channel: 1, eventId: 1 }, { unique: true });
webhookReceiptSchema.index({ receivedAt: 1 }, { expireAfterSeconds: RECEIPT_RETENTION_MS / 1000 });

export type WebhookReceiptDoc = InferSchemaType<typeof webhookReceiptSchema>;
