/**
 * Equality indexes for the embedded database. CongoDB keeps a collection as a Map by `_id`
 * and answers every query by matching all of its documents; here each collection's Map
 * also files its documents by the value of every top-level field a filter has asked for
 * by equality or `$in`, so the matching sees only the documents filed under the
 * filter's most selective such condition (plus those whose value only mingo can judge:
 * arrays, subdocuments), in the collection's own order. Results are a full scan's of
 * the collection as it is when the filter runs. An index is built the first time a field
 * is asked for and kept current by the Map's own `set`/`delete`/`clear`, which every
 * storage write goes through.
 */
import { QueryEngine } from '@push.rocks/smartmongo/dist_ts/congodb/engine/QueryEngine.js';
import { MemoryStorageAdapter } from '@push.rocks/smartmongo/dist_ts/congodb/storage/MemoryStorageAdapter.js';
import { checkable, isObjectId, keyOf, prefilterOf, type Checkable, type Doc } from './embedded-prefilter.js';

/** Filed where only mingo can tell whether it equals a value (arrays match by element, subdocuments, other BSON types). */
const LOOSE = Symbol('loose');

/** Where a stored value is filed: under its key, as `LOOSE`, or nowhere (missing, null or a date equal no plain value). */
function filingOf(value: unknown): string | typeof LOOSE | null {
  if (value === undefined || value === null || value instanceof Date) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number' || isObjectId(value)) return keyOf(value);
  return LOOSE;
}

/** The values a condition asks for by equality (`'a'`, `{ $in: ['a', 'b'] }`), or null when it is anything else. */
function equalities(condition: unknown): readonly Checkable[] | null {
  if (checkable(condition)) return [condition];
  if (typeof condition !== 'object' || condition === null || isObjectId(condition) || condition instanceof Date) return null;
  const list = (condition as { $in?: unknown }).$in;
  if (Object.keys(condition).length !== 1 || !Array.isArray(list) || list.length === 0 || !list.every(checkable)) return null;
  return list;
}

/** One field's index: document ids by key (a lone id kept as itself), and the loose ones. */
class FieldIndex {
  private readonly byKey = new Map<string, string | Set<string>>();
  private readonly loose = new Set<string>();
  private readonly filed = new Map<string, string | typeof LOOSE>();

  add(id: string, value: unknown): void {
    const filing = filingOf(value);
    if (filing === null) return;
    this.filed.set(id, filing);
    if (filing === LOOSE) return void this.loose.add(id);
    const ids = this.byKey.get(filing);
    if (ids === undefined) this.byKey.set(filing, id);
    else if (typeof ids === 'string') this.byKey.set(filing, new Set([ids, id]));
    else ids.add(id);
  }

  remove(id: string): void {
    const filing = this.filed.get(id);
    if (filing === undefined) return;
    this.filed.delete(id);
    if (filing === LOOSE) return void this.loose.delete(id);
    const ids = this.byKey.get(filing)!;
    if (typeof ids === 'string' || (ids.delete(id) && ids.size === 0)) this.byKey.delete(filing);
  }

  /** How many documents may hold one of `keys`. */
  count(keys: ReadonlySet<string>): number {
    let count = this.loose.size;
    for (const key of keys) {
      const ids = this.byKey.get(key);
      count += ids === undefined ? 0 : typeof ids === 'string' ? 1 : ids.size;
    }
    return count;
  }

  *ids(keys: ReadonlySet<string>): Iterable<string> {
    yield* this.loose;
    for (const key of keys) {
      const ids = this.byKey.get(key);
      if (typeof ids === 'string') yield ids;
      else if (ids) yield* ids;
    }
  }
}

/** Fields indexed per collection at most; a filter on any other is answered by the full scan. */
const MAX_FIELDS = 32;

/** A collection's documents by id (CongoDB's own Map), with its equality indexes. */
export class IndexedCollection extends Map<string, Doc> {
  private readonly fields = new Map<string, FieldIndex>();
  /** Each id's place in the Map's order (insertion order of the key). */
  private readonly ranks = new Map<string, number>();
  private nextRank = 0;

  constructor(entries: Iterable<[string, Doc]> = []) {
    super();
    for (const [id, doc] of entries) this.set(id, doc);
  }

  override set(id: string, doc: Doc): this {
    if (!super.has(id)) this.ranks.set(id, this.nextRank++);
    super.set(id, doc);
    for (const [field, index] of this.fields) {
      index.remove(id);
      index.add(id, doc[field]);
    }
    return this;
  }

  override delete(id: string): boolean {
    for (const index of this.fields.values()) index.remove(id);
    this.ranks.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.fields.clear();
    this.ranks.clear();
  }

  /** The documents that may match `filter`, in the collection's order; null when no equality narrows it down. */
  candidates(filter: Doc): Doc[] | null {
    let best: { index: FieldIndex; keys: Set<string>; count: number } | null = null;
    for (const [field, condition] of Object.entries(filter)) {
      if (field.startsWith('$') || field.includes('.')) continue;
      const values = equalities(condition);
      const index = values && this.indexOf(field);
      if (!index) continue;
      const keys = new Set(values.map(keyOf));
      const count = index.count(keys);
      if (!best || count < best.count) best = { index, keys, count };
      if (count === 0) break;
    }
    if (!best || best.count >= this.size) return null;
    const ids = [...best.index.ids(best.keys)];
    if (ids.length > 1) ids.sort((a, b) => this.ranks.get(a)! - this.ranks.get(b)!);
    return ids.map((id) => super.get(id)!);
  }

  private indexOf(field: string): FieldIndex | null {
    let index = this.fields.get(field);
    if (index) return index;
    if (this.fields.size >= MAX_FIELDS) return null;
    index = new FieldIndex();
    for (const [id, doc] of super.entries()) index.add(id, doc[field]);
    this.fields.set(field, index);
    return index;
  }
}

interface Storage {
  databases: Map<string, Map<string, Map<string, Doc>>>;
  ensureCollection(dbName: string, collName: string): Map<string, Doc>;
  findAll(dbName: string, collName: string): Promise<Doc[]>;
}

/** The collection each `findAll` result was read from, for the filter that follows. */
const sources = new WeakMap<Doc[], IndexedCollection>();

let installed = false;

/**
 * Puts the indexes and the prefilter in front of CongoDB's matching (once per process):
 * its collections become `IndexedCollection`s as they are first touched, and a filter
 * over a collection's documents matches only the index's candidates that pass the
 * prefilter.
 */
export function installEmbeddedIndexes(): void {
  if (installed) return;
  installed = true;
  const storage = MemoryStorageAdapter.prototype as unknown as Storage;
  const ensureCollection = storage.ensureCollection;
  storage.ensureCollection = function (this: Storage, dbName, collName) {
    const collection = ensureCollection.call(this, dbName, collName);
    if (collection instanceof IndexedCollection) return collection;
    const indexed = new IndexedCollection(collection);
    this.databases.get(dbName)!.set(collName, indexed);
    return indexed;
  };
  storage.findAll = async function (this: Storage, dbName, collName) {
    const collection = this.ensureCollection(dbName, collName) as IndexedCollection;
    const documents = Array.from(collection.values());
    sources.set(documents, collection);
    return documents;
  };
  const engine = QueryEngine as unknown as { filter(documents: Doc[], filter: Doc): Doc[] };
  const filter = engine.filter.bind(QueryEngine);
  engine.filter = (documents, query) => {
    const narrowed = (query && sources.get(documents)?.candidates(query)) ?? documents;
    const check = prefilterOf(query);
    return filter(check ? narrowed.filter(check) : narrowed, query);
  };
}
