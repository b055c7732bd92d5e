import { openFileStore } from './file-store/file-store.js';
import type { RelayStore, StoreRules } from './store.js';

export interface StoreChoice extends StoreRules {
  /** The file store's folder, used when there is no `storeUrl`. */
  dataDir: string;
  /** `redis://…` or `rediss://…`: the Redis store, shared by every relay instance pointed at it. */
  storeUrl?: string;
  /** With the Redis store: replicas that must have an event before it is acknowledged. */
  redisWait: number;
  warn: (message: string) => void;
}

/** The one place a relay's store is chosen; the HTTP and SSE code sees only the RelayStore it returns. */
export async function openStore(choice: StoreChoice): Promise<RelayStore> {
  if (choice.storeUrl === undefined) return openFileStore(choice);
  // Imported only here: a relay on files, and every other command, never load the Redis client.
  const { openRedisStore } = await import('./redis-store/redis-store.js');
  return openRedisStore({ ...choice, url: choice.storeUrl, waitReplicas: choice.redisWait });
}
