import type { Model } from 'mongoose';
import type { Services } from '../services/index.js';

/** Fields that change by merely being used (a key's last use), not by what a caller did. */
const volatile: Record<string, Set<string>> = { ApiKey: new Set(['lastUsedAt', 'updatedAt']) };

/**
 * Every document of one tenant, collection by collection, as JSON: equal snapshots
 * before and after a batch of refused calls mean none of them changed anything.
 */
export async function snapshotTenant(services: Services, tenantId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const model of Object.values(services.models) as unknown as Array<Model<unknown>>) {
    const filter = model.modelName === 'Tenant' ? { _id: tenantId } : { tenantId };
    if (model.modelName !== 'Tenant' && !model.schema.path('tenantId')) continue;
    const rows = await model.find(filter).sort({ _id: 1 }).setOptions({ crossTenant: true }).lean<Array<Record<string, unknown>>>();
    snapshot[model.modelName] = rows.map((row) => JSON.stringify(row, (key, value) => (volatile[model.modelName]?.has(key) ? undefined : value)));
  }
  for (const name of ['attachments.files', 'attachment-thumbnails.files']) {
    const files = services.db.connection.db!.collection(name);
    snapshot[name] = (await files.find({}).sort({ _id: 1 }).toArray()).map((row) => JSON.stringify(row));
  }
  return snapshot;
}
