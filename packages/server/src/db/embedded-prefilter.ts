/**
 * A cheap first pass for the embedded database's queries. CongoDB matches every document
 * of a collection against every filter with mingo (about a microsecond a document); most
 * of our filters start with plain equalities (`tenantId`, `_id`, `key`, `tokenHash`…), so
 * documents that certainly fail one of those are dropped first with a direct comparison,
 * and mingo decides on the rest. Results are exactly mingo's: a document is dropped only
 * when its value is of a kind that can never equal the filter's, or is a plain number
 * outside a numeric range (`seq: { $gt: n }`); no arrays, no dotted paths, no operators
 * other than `$in` and the numeric comparisons are looked at.
 */
export type Doc = Record<string, unknown>;
type Check = (doc: Doc) => boolean;

interface ObjectIdLike {
  _bsontype: 'ObjectId';
  id: Uint8Array;
}

export const isObjectId = (value: unknown): value is ObjectIdLike =>
  typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'ObjectId';

/** Compared from the end: ids made by one process share their leading time and process bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** Could `actual` (a stored field value) equal `expected`? False only when it certainly cannot. */
function mayEqual(actual: unknown, expected: Checkable): boolean {
  if (actual === undefined || actual === null) return false;
  switch (typeof actual) {
    case 'string':
    case 'boolean':
    case 'number':
      return actual === expected;
    case 'bigint':
      return typeof expected === 'number';
  }
  if (isObjectId(actual)) return isObjectId(expected) && sameBytes(actual.id, expected.id);
  if (actual instanceof Date) return false;
  // Arrays (equality matches an element) and other BSON types: mingo decides.
  return true;
}

export type Checkable = string | boolean | number | ObjectIdLike;

/** Longer `$in` lists (a few thousand agent or session ids) are looked up in a set, not walked. */
const SHORT_LIST = 8;

/** A key that two checkable values share exactly when `mayEqual` says one may equal the other. */
export function keyOf(value: Checkable): string {
  if (isObjectId(value)) return `o${Buffer.from(value.id).toString('hex')}`;
  return `${typeof value}:${String(value)}`;
}

/** `list.some((value) => mayEqual(actual, value))`, with the list's keys in a set. */
function mayBeIn(actual: unknown, keys: ReadonlySet<string>, list: readonly Checkable[]): boolean {
  if (actual === undefined || actual === null) return false;
  switch (typeof actual) {
    case 'string':
    case 'boolean':
    case 'number':
      return keys.has(keyOf(actual));
    case 'bigint':
      return list.some((value) => typeof value === 'number');
  }
  if (isObjectId(actual)) return keys.has(keyOf(actual));
  if (actual instanceof Date) return false;
  return true;
}

export const checkable = (value: unknown): value is Checkable =>
  typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value) || isObjectId(value);

const ranges = {
  $gt: (a: number, b: number) => a > b,
  $gte: (a: number, b: number) => a >= b,
  $lt: (a: number, b: number) => a < b,
  $lte: (a: number, b: number) => a <= b,
} as const;

/** `{ $gt: 3, $lte: 9 }`: only numeric bounds; a stored value that is not a plain number is left to mingo. */
function rangeCheck(field: string, condition: Record<string, unknown>): Check | null {
  const bounds = Object.entries(condition);
  if (bounds.length === 0 || !bounds.every(([op, bound]) => op in ranges && Number.isFinite(bound))) return null;
  const tests = bounds.map(([op, bound]) => [ranges[op as keyof typeof ranges], bound as number] as const);
  return (doc) => {
    const actual = doc[field];
    return typeof actual !== 'number' || tests.every(([test, bound]) => test(actual, bound));
  };
}

/** A check for one top-level condition, or null when only mingo can tell. */
function conditionCheck(field: string, condition: unknown): Check | null {
  if (field.startsWith('$') || field.includes('.')) return null;
  if (checkable(condition)) return (doc) => mayEqual(doc[field], condition);
  if (typeof condition !== 'object' || condition === null || isObjectId(condition) || condition instanceof Date) return null;
  const keys = Object.keys(condition);
  const list = (condition as { $in?: unknown }).$in;
  if (keys.length === 1 && Array.isArray(list) && list.length > 0 && list.every(checkable)) {
    if (list.length <= SHORT_LIST) return (doc) => list.some((value) => mayEqual(doc[field], value));
    const keys = new Set(list.map(keyOf));
    return (doc) => mayBeIn(doc[field], keys, list);
  }
  return rangeCheck(field, condition as Record<string, unknown>);
}

/** Rough cost of checking a condition: `_id`, plain values, then ids, then ranges, then `$in` lists. */
function cost(field: string, condition: unknown): number {
  if (field === '_id' && isObjectId(condition)) return 0;
  if (typeof condition !== 'object' || condition === null) return 1;
  if (isObjectId(condition)) return 2;
  return '$in' in condition ? 4 : 3;
}

/** The checks a filter allows, or null when none. */
export function prefilterOf(filter: Doc | null | undefined): Check | null {
  if (!filter) return null;
  // Cheapest and most selective first: a document's own `_id`, or a unique string (a key, a
  // token hash), usually rules it out at once, where `tenantId` passes every document.
  const entries = Object.entries(filter).sort(([fa, a], [fb, b]) => cost(fa, a) - cost(fb, b));
  const checks = entries
    .map(([field, condition]) => conditionCheck(field, condition))
    .filter((check): check is Check => check !== null);
  if (checks.length === 0) return null;
  return (doc) => checks.every((check) => check(doc));
}
