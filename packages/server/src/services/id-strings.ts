/**
 * An id as one flat string, for ids a long-lived object holds (a principal, a stream's
 * scope). bson 7 builds an ObjectId's hex by concatenation, which V8 keeps as a rope of a
 * dozen pieces (about 450 bytes) until something flattens it; the flat copy is 40 bytes.
 * Ids are lowercase hex, so `toLowerCase()` changes nothing but hands back a flat string.
 */
export function idString(id: unknown): string {
  return String(id).toLowerCase();
}
