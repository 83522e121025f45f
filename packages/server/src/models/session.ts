import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A signed-in agent. Only the SHA-256 of the token is stored; signing out deletes the row. */
export const sessionSchema = new Schema(
  {
    tenantId: tenantIdField,
    agentId: { type: Schema.Types.ObjectId, required: true, index: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    userAgent: { type: String, default: null },
  },
  { timestamps: true },
);
sessionSchema.plugin(tenantScope);
// Real MongoDB also reaps expired rows; expiry is enforced in queries either way.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
