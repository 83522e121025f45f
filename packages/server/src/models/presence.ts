import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * One live connection of an agent (an open subscription on some server process),
 * kept alive by heartbeats. An agent is online while any row is unexpired.
 */
export const presenceConnectionSchema = new Schema({
  tenantId: tenantIdField,
  agentId: { type: Schema.Types.ObjectId, required: true },
  connectionId: { type: String, required: true, unique: true },
  processId: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  createdAt: { type: Date, default: () => new Date() },
});
presenceConnectionSchema.plugin(tenantScope);
presenceConnectionSchema.index({ tenantId: 1, agentId: 1, expiresAt: 1 });
presenceConnectionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 60 });

export type PresenceConnectionDoc = InferSchemaType<typeof presenceConnectionSchema>;
