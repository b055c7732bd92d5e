import { formatPath, isPlainObject, type PathSegment } from '../../src/events/path.js';

/** Every primitive of a JSON value with its path, in document order. */
export function leaves(value: unknown, path: PathSegment[] = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((item, index) => leaves(item, [...path, index], out));
  else if (isPlainObject(value)) for (const key of Object.keys(value)) leaves(value[key], [...path, key], out);
  else out.set(formatPath(path), value);
  return out;
}

/** The value with every primitive replaced by its type: equal shapes have equal skeletons, key order included. */
export function skeleton(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(skeleton);
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, skeleton(value[key])]));
  return value === null ? 'null' : typeof value;
}
