import { isPlainObject, parsePath, type PathSegment } from './path.js';

/** A field to override: `object.content[0].quantity=24`. */
export interface Assignment {
  path: PathSegment[];
  value: unknown;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** `path=value`, the value JSON when it parses, else the text itself; null when malformed. */
export function parseAssignment(text: string): Assignment | null {
  const equals = text.indexOf('=');
  const path = equals > 0 ? parsePath(text.slice(0, equals)) : null;
  if (!path || path.some((segment) => typeof segment === 'string' && FORBIDDEN_KEYS.has(segment))) return null;
  const raw = text.slice(equals + 1);
  try {
    return { path, value: JSON.parse(raw) as unknown };
  } catch {
    return { path, value: raw };
  }
}

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
