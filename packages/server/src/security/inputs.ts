/** Walking and rewriting sample inputs: leaves, ids and record keys. */

export type Path = Array<string | number>;

export interface Leaf {
  path: Path;
  value: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf (string, number, boolean, null) of an input, with its path. */
export function leavesOf(input: unknown, path: Path = []): Leaf[] {
  if (Array.isArray(input)) return input.flatMap((item, i) => leavesOf(item, [...path, i]));
  if (isObject(input)) return Object.entries(input).flatMap(([key, value]) => leavesOf(value, [...path, key]));
  return [{ path, value: input }];
}

/** Every object inside the input (the input itself included), with its path. */
export function objectsOf(input: unknown, path: Path = []): Array<{ path: Path; value: Record<string, unknown> }> {
  if (Array.isArray(input)) return input.flatMap((item, i) => objectsOf(item, [...path, i]));
  if (!isObject(input)) return [];
  return [{ path, value: input }, ...Object.entries(input).flatMap(([key, value]) => objectsOf(value, [...path, key]))];
}

/** A copy of `input` with the value at `path` replaced. */
export function setAt(input: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(input) ? [...input] : { ...(input as object) };
  copy[head!] = setAt(copy[head!], rest, value);
  return copy;
}

export const isObjectId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);

/** The leaves holding document ids. */
export const idLeavesOf = (input: unknown) => leavesOf(input).filter((leaf) => isObjectId(leaf.value));

/** `filter.departmentId`, `fileIds.0`: how error messages and `data.fields` name a field. */
export const fieldName = (path: Path) => path.join('.');

type ZodLike = { _zod?: { def: Record<string, unknown> & { type: string } } };

/**
 * Paths of the free-form records (`z.record`) inside a zod 4 schema, where callers
 * choose the keys; array elements appear as index 0.
 */
export function recordPaths(schema: unknown, path: Path = [], seen = new Set<unknown>()): Path[] {
  const def = (schema as ZodLike)?._zod?.def;
  if (!def || seen.has(schema)) return [];
  seen.add(schema);
  const inner = (...keys: string[]) => keys.flatMap((key) => recordPaths(def[key], path, seen));
  switch (def.type) {
    case 'record':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => recordPaths(value, [...path, key], seen));
    case 'array':
      return recordPaths(def.element, [...path, 0], seen);
    case 'union':
      return (def.options as unknown[]).flatMap((option) => recordPaths(option, path, seen));
    case 'pipe':
      return inner('in', 'out');
    case 'intersection':
      return inner('left', 'right');
    default:
      return inner('innerType');
  }
}

/** The value at `path`, or undefined. */
export const getAt = (input: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[key]), input);

/**
 * Paths of every field a zod 4 schema reads a value from (objects walked into, array
 * elements as index 0, records left to `recordPaths`), each marked when a union holds it
 * (another option may take the input without that field).
 */
export function fieldPaths(schema: unknown, path: Path = [], inUnion = false, seen = new Set<unknown>()): Array<{ path: Path; inUnion: boolean }> {
  const def = (schema as ZodLike)?._zod?.def;
  if (!def || seen.has(schema)) return [];
  const walk = (next: unknown, at = path, union = inUnion) => fieldPaths(next, at, union, new Set([...seen, schema]));
  switch (def.type) {
    case 'record':
      return [];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => walk(value, [...path, key]));
    case 'array':
      return walk(def.element, [...path, 0]);
    case 'union':
      return (def.options as unknown[]).flatMap((option) => walk(option, path, true));
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)].filter((f, i, all) => all.findIndex((g) => fieldName(g.path) === fieldName(f.path)) === i);
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
    case 'lazy':
      return def.type === 'lazy' ? [] : walk(def.innerType);
    default:
      return path.length ? [{ path, inUnion }] : [];
  }
}

/** A copy of `input` with `value` at `path`, making the objects and arrays on the way. */
export function placeAt(input: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(input) ? [...input] : isObject(input) ? { ...input } : typeof head === 'number' ? [] : {};
  copy[head!] = placeAt(copy[head!], rest, value);
  return copy;
}
