import { dateToEpoch } from '../events/dates.js';
import { knownType } from '../events/event-names.js';
import { isPlainObject } from '../events/path.js';

/** Which object an event (its JSON value, unvalidated) is about (`ORDER:109951`), and the version it carries (its `updated_at`). */
export function objectVersion(value: unknown): { object?: string; updatedAt?: number } {
  if (!isPlainObject(value) || !isPlainObject(value.object)) return {};
  const type = typeof value.type === 'string' ? knownType(value.type) : null;
  const id = value.object.id;
  const object = type && (typeof id === 'number' || typeof id === 'string') ? `${type}:${String(id)}` : undefined;
  const updatedAt = dateToEpoch(value.object.updated_at);
  return { object, updatedAt: Number.isNaN(updatedAt) ? undefined : updatedAt };
}

/**
 * An event is stale when the store has already seen a newer version of its object: an
 * UPDATE that arrives after a later one, or a CREATE that arrives after an UPDATE.
 * The same `updated_at` is not stale (a copy, or a change within the same instant).
 */
export function isStale(newestSeen: number | undefined, updatedAt: number | undefined): boolean {
  return newestSeen !== undefined && updatedAt !== undefined && updatedAt < newestSeen;
}
