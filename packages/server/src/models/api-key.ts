import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A partner's server-to-server key. The secret is stored hashed; `prefix` identifies it. */
export const apiKeySchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    prefix: { type: String, required: true, unique: true },
    secretHash: { type: String, required: true },
    scopes: { type: [String], default: [] },
    createdBy: { type: Schema.Types.ObjectId, default: null },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
apiKeySchema.plugin(tenantScope);

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
