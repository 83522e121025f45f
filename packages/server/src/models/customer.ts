import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

export const customerSchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    email: { type: String, default: null, lowercase: true, trim: true },
    phone: { type: String, default: null },
    /** The phone number's digits only, so `600111` finds `+34 600 111 222`. */
    phoneDigits: { type: String, default: null },
    language: { type: String, default: 'en' },
    /** The host portal's own id for this customer, from a signed identity token. */
    externalId: { type: String, default: null },
    verified: { type: Boolean, default: false },
    verifiedAt: { type: Date, default: null },
    /** Free text agents keep about the customer (≤ 10,000 characters). */
    notes: { type: String, default: '' },
    /** Custom attributes (≤ 50, unique keys), e.g. `{ key: 'plan', value: 'gold' }`; a list, since keys may hold dots. */
    attributes: { type: [{ _id: false, key: { type: String, required: true }, value: { type: String, default: '' } }], default: [] },
    /** Set when this customer was merged into another: a tombstone that redirects to it. */
    mergedInto: { type: Schema.Types.ObjectId, default: null },
    mergedAt: { type: Date, default: null },
    /** The external id this customer had before its merge moved it to the target. */
    formerExternalId: { type: String, default: null },
    /** Customers merged into this one (their fields are folded in exactly once). */
    mergedFrom: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true },
);
customerSchema.plugin(tenantScope);
customerSchema.index({ tenantId: 1, email: 1 });
customerSchema.index({ tenantId: 1, phoneDigits: 1 });
customerSchema.index({ tenantId: 1, externalId: 1 }, { unique: true, partialFilterExpression: { externalId: { $type: 'string' } } });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
