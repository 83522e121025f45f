import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/**
 * One server process's lease on presence: a single document the process renews every
 * heartbeat. Every connection the process holds names the lease it was made under, and
 * counts as live exactly while that lease is unexpired. A process whose lease ran out
 * (it died or stalled) takes a new one, so connections made under the old lease never
 * come back to life by accident.
 */
export const presenceLeaseSchema = new Schema({
  processId: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  createdAt: { type: Date, default: () => new Date() },
});

export type PresenceLeaseDoc = InferSchemaType<typeof presenceLeaseSchema>;

/**
 * One live connection of an agent (an open subscription on some server process).
 * An agent is online while any of their connections' leases is unexpired.
 */
export const presenceConnectionSchema = new Schema({
  tenantId: tenantIdField,
  agentId: { type: Schema.Types.ObjectId, required: true },
  connectionId: { type: String, required: true, unique: true },
  processId: { type: String, required: true },
  /** The lease of the process holding the connection (`PresenceLease._id`). */
  leaseId: { type: Schema.Types.ObjectId, required: true },
  /** When the connection was put under `leaseId` (orphans are swept only once this is old). */
  leasedAt: { type: Date, required: true },
  createdAt: { type: Date, default: () => new Date() },
});
presenceConnectionSchema.plugin(tenantScope);
presenceConnectionSchema.index({ tenantId: 1, agentId: 1, leaseId: 1 });
presenceConnectionSchema.index({ leaseId: 1 });

export type PresenceConnectionDoc = InferSchemaType<typeof presenceConnectionSchema>;
