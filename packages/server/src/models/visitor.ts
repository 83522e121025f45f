import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A customer's browser session on the web-chat channel. Only the token's hash is stored. */
export const visitorSessionSchema = new Schema(
  {
    tenantId: tenantIdField,
    customerId: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);
visitorSessionSchema.plugin(tenantScope);
visitorSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type VisitorSessionDoc = InferSchemaType<typeof visitorSessionSchema>;
