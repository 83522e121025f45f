import { isObjectIdOrHexString, Types, type Model } from 'mongoose';
import { CoalescedRuns } from './coalesced-runs.js';

/** Plain equalities on scalar fields (strings, or ids as strings): what a lookup asks for. */
export type LookupKey = Record<string, string>;

interface Lookup<T> {
  key: LookupKey;
  /** The documents matching the key, filled in once read. */
  found?: T[];
}

export interface BatchedFindsOptions {
  /** Conditions every lookup shares, made as each read goes out (`{ expiresAt: { $gt: new Date() } }`). */
  where?: () => Record<string, unknown>;
  /** Fields to read (the key's fields are always read). */
  select?: Record<string, 1>;
  /** Lookups that are not within one tenant (a session by its token hash): `find(null, …)`. */
  crossTenant?: boolean;
}

/**
 * Lookups by plain equalities (`{ _id }`, `{ tokenHash }`…) on one collection, read together:
 * lookups made while an earlier read of the same tenant and key fields is on its way wait and go
 * out as one `$in` query in the next, so a burst costs one round trip (and on the embedded
 * database one scan) per round instead of one per caller. Every read stays within its tenant;
 * each lookup gets exactly the documents that match its own key, read after it was made (never
 * older than a query of its own would see). Lookups of the same key may share documents: read
 * them, do not change them.
 */
export class BatchedFinds<T> {
  private readonly rounds: CoalescedRuns<Lookup<T>>;
  private readonly objectIds: Set<string>;

  constructor(
    private readonly model: Model<any>,
    private readonly options: BatchedFindsOptions = {},
  ) {
    this.objectIds = new Set(Object.keys(model.schema.paths).filter((path) => model.schema.path(path).instance === 'ObjectId'));
    this.rounds = new CoalescedRuns(async (round, lookups) => {
      const [tenantId, ...fields] = JSON.parse(round) as [string | null, ...string[]];
      const filter: Record<string, unknown> = { ...(tenantId === null ? {} : { tenantId }), ...options.where?.() };
      for (const field of fields) {
        const values = [...new Set(lookups.map((lookup) => lookup.key[field]!))];
        filter[field] = values.length === 1 ? values[0] : { $in: values };
      }
      const query = this.model.find(filter);
      if (options.select) query.select({ ...options.select, ...Object.fromEntries(fields.map((field) => [field, 1])) });
      if (options.crossTenant) query.setOptions({ crossTenant: true });
      const byKey = new Map<string, T[]>();
      for (const doc of (await query.lean()) as Array<Record<string, unknown>>) {
        const id = idOf(fields.map((field) => doc[field]));
        const same = byKey.get(id);
        if (same) same.push(doc as T);
        else byKey.set(id, [doc as T]);
      }
      for (const lookup of lookups) lookup.found = byKey.get(idOf(fields.map((field) => lookup.key[field]))) ?? [];
    });
  }

  /** The documents matching `key` within `tenantId` (`null` for a cross-tenant lookup). */
  async find(tenantId: string | null, key: LookupKey): Promise<T[]> {
    if ((tenantId === null) !== Boolean(this.options.crossTenant)) throw new Error(`${this.model.modelName} lookup ${tenantId === null ? 'without' : 'with'} a tenant`);
    const fields = Object.keys(key).sort();
    const lookup: Lookup<T> = { key: {} };
    for (const field of fields) {
      const value = key[field]!;
      if (!this.objectIds.has(field)) lookup.key[field] = value;
      // An id that is no id matches nothing (a query of its own would fail to cast it).
      else if (isObjectIdOrHexString(value)) lookup.key[field] = new Types.ObjectId(value).toHexString();
      else return [];
    }
    await this.rounds.run(JSON.stringify([tenantId, ...fields]), [lookup]);
    if (!lookup.found) throw new Error('stopped before this lookup was read');
    return lookup.found;
  }

  async findOne(tenantId: string | null, key: LookupKey): Promise<T | null> {
    return (await this.find(tenantId, key))[0] ?? null;
  }
}

/** One string per combination of key values; ids compare by their hex form. */
const idOf = (values: unknown[]) => JSON.stringify(values.map((value) => (value == null ? null : String(value))));
