import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

export const customerSchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    email: { type: String, default: null, lowercase: true, trim: true },
    phone: { type: String, default: null },
    language: { type: String, default: 'en' },
  },
  { timestamps: true },
);
customerSchema.plugin(tenantScope);
customerSchema.index({ tenantId: 1, email: 1 });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
