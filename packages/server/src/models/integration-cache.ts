import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * One integration's answer for one customer, reused until `expiresAt` (checked in
 * every query; the TTL index only tidies up on databases that apply it).
 */
export const integrationCacheSchema = new Schema(
  {
    tenantId: tenantIdField,
    integrationId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    /** The integration's revision the answer was fetched with. */
    revision: { type: Number, required: true },
    /** Hash of the customer's identifiers as sent: an answer is only reused for the same ones. */
    requestKey: { type: String, default: '' },
    fields: { type: [{ _id: false, label: String, value: String, url: { type: String, default: null } }], default: [] },
    fetchedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: false },
);
integrationCacheSchema.plugin(tenantScope);
integrationCacheSchema.index({ tenantId: 1, integrationId: 1, customerId: 1 }, { unique: true });
integrationCacheSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type IntegrationCacheDoc = InferSchemaType<typeof integrationCacheSchema>;
