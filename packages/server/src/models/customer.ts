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
  },
  { timestamps: true },
);
customerSchema.plugin(tenantScope);
customerSchema.index({ tenantId: 1, email: 1 });
customerSchema.index({ tenantId: 1, externalId: 1 }, { unique: true, partialFilterExpression: { externalId: { $type: 'string' } } });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
