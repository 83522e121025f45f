import { Schema, type InferSchemaType } from 'mongoose';
import { tenantIdField, tenantScope } from './tenant-scope.js';

/** A saved answer agents insert by typing `/shortcut`; `departmentId: null` is tenant-wide. */
export const cannedReplySchema = new Schema(
  {
    tenantId: tenantIdField,
    departmentId: { type: Schema.Types.ObjectId, default: null },
    shortcut: { type: String, required: true },
    title: { type: String, required: true },
    /** Text with `{{customer.firstName}}`-style placeholders, filled when inserted. */
    body: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
cannedReplySchema.plugin(tenantScope);
cannedReplySchema.index({ tenantId: 1, departmentId: 1, shortcut: 1 });

export type CannedReplyDoc = InferSchemaType<typeof cannedReplySchema>;

/**
 * Who holds a shortcut in one scope (a department, or `tenant`). One document per
 * (tenant, scope, shortcut), claimed by an upsert: the atomic single-document check
 * that keeps shortcuts unique on databases that do not enforce unique indexes.
 */
export const cannedReplyKeySchema = new Schema(
  {
    tenantId: tenantIdField,
    scope: { type: String, required: true },
    shortcut: { type: String, required: true },
    replyId: { type: Schema.Types.ObjectId, required: true },
    claimedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
cannedReplyKeySchema.plugin(tenantScope);
cannedReplyKeySchema.index({ tenantId: 1, scope: 1, shortcut: 1 }, { unique: true });

export type CannedReplyKeyDoc = InferSchemaType<typeof cannedReplyKeySchema>;
