import { Schema } from 'mongoose';

/** The owning tenant; every tenant-owned schema starts with this field. */
export const tenantIdField = { type: Schema.Types.ObjectId, required: true } as const;

const scopedQueries = [
  'countDocuments',
  'deleteMany',
  'deleteOne',
  'distinct',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
] as const;

/**
 * Refuses any query on a tenant-owned collection whose filter lacks `tenantId`,
 * so a forgotten scope fails loudly instead of leaking another tenant's data.
 * The rare lookup that must cross tenants (a session by token hash) opts out with
 * `.setOptions({ crossTenant: true })`.
 */
export function tenantScope(schema: Schema): void {
  for (const op of scopedQueries) {
    schema.pre(op, function () {
      if (this.getOptions().crossTenant) return;
      if (this.getFilter().tenantId === undefined) {
        throw new Error(`${this.model.modelName}.${op} without tenantId`);
      }
    });
  }
  schema.pre('aggregate', function () {
    const first = this.pipeline()[0] as { $match?: { tenantId?: unknown } } | undefined;
    if (first?.$match?.tenantId === undefined && !this.options.crossTenant) {
      throw new Error('aggregate without a leading $match on tenantId');
    }
  });
}
