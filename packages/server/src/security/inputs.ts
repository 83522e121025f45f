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
