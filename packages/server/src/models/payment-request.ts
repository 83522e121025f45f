import { Schema, type InferSchemaType } from 'mongoose';
import { RECEIPT_RETENTION_MS } from './webhook-receipt.js';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * A payment an agent asked a customer for in a conversation. `status` only moves
 * forward from `pending` (one conditional update); the chat message showing it is
 * `messageId`. Keyed by requester and `clientMessageId`, so a retried request finds it.
 */
export const paymentRequestSchema = new Schema(
  {
    tenantId: tenantIdField,
    conversationId: { type: Schema.Types.ObjectId, required: true },
    requestedBy: { type: Schema.Types.ObjectId, required: true },
    clientMessageId: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    description: { type: String, required: true },
    status: { type: String, enum: ['pending', 'paid', 'failed', 'expired'], required: true, default: 'pending' },
    /** Key into the payment provider registry. */
    provider: { type: String, required: true },
    /** The provider's id of the link; null until it made one. */
    providerRef: { type: String, default: null },
    url: { type: String, default: null },
    expiresAt: { type: Date, required: true },
    messageId: { type: Schema.Types.ObjectId, default: null },
    /** When it left `pending`. */
    settledAt: { type: Date, default: null },
  },
  { timestamps: true },
);
paymentRequestSchema.plugin(tenantScope);
paymentRequestSchema.index({ tenantId: 1, conversationId: 1, requestedBy: 1, clientMessageId: 1 }, { unique: true });
paymentRequestSchema.index({ tenantId: 1, provider: 1, providerRef: 1 }, { sparse: true });
/** The expiry sweep. */
paymentRequestSchema.index({ status: 1, expiresAt: 1 }, { partialFilterExpression: { status: 'pending' } });

export type PaymentRequestDoc = InferSchemaType<typeof paymentRequestSchema>;

/**
 * A tenant's payments provider: which one, where (for `http`), and the secrets —
 * the provider signs webhooks with `webhookSecret`, the desk signs its calls with `signingSecret`.
 */
export const paymentAccountSchema = new Schema(
  {
    tenantId: tenantIdField,
    provider: { type: String, required: true, default: 'local' },
    endpoint: { type: String, default: null },
    webhookSecret: { type: String, required: true },
    signingSecret: { type: String, required: true },
    enabled: { type: Boolean, default: true },
  },
  { timestamps: true },
);
paymentAccountSchema.plugin(tenantScope);
paymentAccountSchema.index({ tenantId: 1 }, { unique: true });

/** A payment webhook event we accepted, by the provider's event id: a replay does nothing. */
export const paymentWebhookReceiptSchema = new Schema({
  tenantId: tenantIdField,
  eventId: { type: String, required: true },
  receivedAt: { type: Date, required: true },
  /** Acted on completely (a crashed attempt leaves null and is taken over after a minute). */
  processedAt: { type: Date, default: null },
});
paymentWebhookReceiptSchema.plugin(tenantScope);
paymentWebhookReceiptSchema.index({ tenantId: 1, eventId: 1 }, { unique: true });
paymentWebhookReceiptSchema.index({ receivedAt: 1 }, { expireAfterSeconds: RECEIPT_RETENTION_MS / 1000 });
