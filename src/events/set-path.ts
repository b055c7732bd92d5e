import { isPlainObject, type PathSegment } from './path.js';

/**
 * Sets a value at a path, creating objects (or arrays, for a numeric segment) on the
 * way. Keys are defined, not assigned, so `__proto__` can never reach a prototype.
 */
export function setAtPath(root: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let current: Record<PathSegment, unknown> | unknown[] = root;
  path.forEach((segment, index) => {
    const last = index === path.length - 1;
    const existing = Object.hasOwn(current, segment) ? (current as Record<PathSegment, unknown>)[segment] : undefined;
    const next = last ? value : isPlainObject(existing) || Array.isArray(existing) ? existing : typeof path[index + 1] === 'number' ? [] : {};
    Object.defineProperty(current, segment, { value: next, writable: true, enumerable: true, configurable: true });
    current = next as Record<PathSegment, unknown>;
  });
}
