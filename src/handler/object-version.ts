import { dateToEpoch } from '../events/dates.js';
import type { AnyEvent } from './types.js';

/** Which object an event is about (`ORDER:109951`), and the version it carries (its `updated_at`). */
export function objectVersion(event: AnyEvent): { object?: string; updatedAt?: number } {
  const id = event.object.id as unknown;
  const object = typeof id === 'number' || typeof id === 'string' ? `${event.type}:${String(id)}` : undefined;
  const updatedAt = dateToEpoch(event.object.updated_at);
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
