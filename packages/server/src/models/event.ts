import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** The durable event log: every published event, numbered per tenant. */
export const eventSchema = new Schema({
  tenantId: tenantIdField,
  seq: { type: Number, required: true },
  type: { type: String, required: true },
  payload: { type: Schema.Types.Mixed, required: true },
  /** Names an event that must be published once (`message.created:<id>`), for recovery after a crash. */
  key: { type: String, default: undefined },
  createdAt: { type: Date, default: () => new Date() },
});
eventSchema.plugin(tenantScope);
eventSchema.index({ tenantId: 1, seq: 1 }, { unique: true });
eventSchema.index({ tenantId: 1, key: 1 }, { partialFilterExpression: { key: { $type: 'string' } } });

export type EventDoc = InferSchemaType<typeof eventSchema>;

/** Per-tenant sequence counters, advanced with one atomic `$inc`. */
export const counterSchema = new Schema({
  key: { type: String, required: true, unique: true },
  seq: { type: Number, required: true, default: 0 },
});
