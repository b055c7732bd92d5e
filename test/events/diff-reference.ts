// The diff as it was before its rewrite for speed: the reference the new one must agree with.
import { formatPath, isPlainObject, type PathSegment } from '../../src/events/path.js';

interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

/** Deeper than this, objects are not compared: a hostile payload cannot exhaust the stack or the CPU. */
const MAX_DEPTH = 16;
const MAX_CHANGES = 100;

/**
 * The fields that differ between two versions of one object, without recursion.
 * Arrays of equal length are compared item by item; otherwise the whole array is one change.
 */
export function referenceDiff(before: unknown, after: unknown): Change[] {
  const changes: Change[] = [];
  const stack: { a: unknown; b: unknown; path: PathSegment[] }[] = [{ a: before, b: after, path: [] }];
  while (stack.length > 0 && changes.length < MAX_CHANGES) {
    const { a, b, path } = stack.pop()!;
    if (Object.is(a, b)) continue;
    const bothObjects = isPlainObject(a) && isPlainObject(b);
    const sameLengthArrays = Array.isArray(a) && Array.isArray(b) && a.length === b.length;
    if (!bothObjects && !sameLengthArrays) {
      if (!shallowEqual(a, b)) changes.push({ path: formatPath(path), from: a, to: b });
      continue;
    }
    if (path.length >= MAX_DEPTH) continue;
    const keys = bothObjects ? [...new Set([...Object.keys(a), ...Object.keys(b)])] : (a as unknown[]).map((_, index) => index);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const left = Object.hasOwn(a as object, key) ? (a as Record<PathSegment, unknown>)[key] : undefined;
      const right = Object.hasOwn(b as object, key) ? (b as Record<PathSegment, unknown>)[key] : undefined;
      stack.push({ a: left, b: right, path: [...path, key] });
    }
  }
  return changes;
}

/** Empty arrays and objects are equal to each other; anything else with content differs. */
function shallowEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === 0 && b.length === 0;
  return false;
}
