import { isStale } from '../object-version.js';
import type { PendingEvent, Store } from '../types.js';

export interface MemoryStoreOptions {
  /**
   * Events remembered (default 10 000), and as many objects; past it the least recently seen
   * are forgotten, a tenth of `max` at a time, save events still to handle.
   */
  max?: number;
}

interface Entry extends PendingEvent {
  processed: boolean;
}

/**
 * Events and object versions in this process's memory, bounded (least recently seen first out).
 * Nothing survives a restart: an event pending when the process stops is gone, and a copy
 * that arrives after a restart is handled again. For one process, in development or tests.
 */
export function memoryStore({ max = 10_000 }: MemoryStoreOptions = {}): Store {
  const entries = new Map<string, Entry>();
  const objects = new Map<string, number>();
  const touch = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
  };
  // Forgetting in batches walks each map once per batch: a walk from the start past the entries
  // just deleted would cost more with every event forgotten one at a time.
  const keep = max - Math.floor(max / 10);
  /** Forgets the least recently seen handled events down to `keep`: one still to handle is never forgotten. */
  const forgetHandled = () => {
    let excess = entries.size - keep;
    for (const [key, { processed }] of entries) {
      if (excess <= 0) return;
      if (processed) excess -= Number(entries.delete(key));
    }
  };
  const forgetObjects = () => {
    let excess = objects.size - keep;
    for (const key of objects.keys()) {
      if (excess-- <= 0) return;
      objects.delete(key);
    }
  };
  const entry = (key: string) => {
    const found = entries.get(key);
    if (!found) throw new Error(`memoryStore: event ${key} is no longer remembered (max ${max})`);
    return found;
  };
  return {
    record({ key, body, receivedAt, object, updatedAt }) {
      const seen = entries.get(key);
      if (seen) {
        touch(entries, key, seen);
        return Promise.resolve({ first: false, stale: seen.stale });
      }
      const newest = object === undefined ? undefined : objects.get(object);
      const stale = isStale(newest, updatedAt);
      if (object !== undefined && updatedAt !== undefined && !stale) {
        touch(objects, object, updatedAt);
        if (objects.size > max) forgetObjects();
      }
      entries.set(key, { key, body, receivedAt, stale, attempts: 0, processed: false });
      if (entries.size > max) forgetHandled();
      return Promise.resolve({ first: true, stale });
    },
    startAttempt(key) {
      return Promise.resolve(++entry(key).attempts);
    },
    markProcessed(key) {
      const found = entries.get(key);
      if (found) {
        found.processed = true;
        // Only a pending event is ever read again: keep its key, not its body.
        found.body = '';
      }
      return Promise.resolve();
    },
    pending() {
      const list = [...entries.values()].filter((e) => !e.processed).sort((a, b) => a.receivedAt - b.receivedAt);
      return Promise.resolve(list.map(({ key, body, receivedAt, stale, attempts }) => ({ key, body, receivedAt, stale, attempts })));
    },
  };
}
