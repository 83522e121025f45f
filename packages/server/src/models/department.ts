import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

export const departmentSchema = new Schema(
  {
    tenantId: tenantIdField,
    name: { type: String, required: true },
    description: { type: String, default: '' },
    /** `'tenant'` follows the tenant's routing mode; `'manual'` or `'auto'` override it for this queue. */
    routingMode: { type: String, enum: ['tenant', 'manual', 'auto'], default: 'tenant' },
  },
  { timestamps: true },
);
departmentSchema.plugin(tenantScope);
departmentSchema.index({ tenantId: 1, name: 1 }, { unique: true });

export type DepartmentDoc = InferSchemaType<typeof departmentSchema>;
