import { digest } from '../../text/digest.js';
import type { PendingEvent, Store } from '../types.js';
import { MARK_PROCESSED, PENDING_EVENT, PENDING_KEYS, RECORD, START_ATTEMPT } from './redis-scripts.js';

/** The two commands the store uses of the app's ioredis client (the kit imports no Redis client). */
export interface RedisClientLike {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** Prefix of every key the store writes (default `winesitting:`). */
  prefix?: string;
  /** Seconds an event and an object's newest version are remembered (default 7 days): a copy later than this is handled again. */
  ttl?: number;
}

/**
 * Events in Redis, shared by every process that uses the same Redis and prefix: a copy that
 * arrives at another process at the same moment is still recognised. Redis keeps what it
 * acknowledged through its own crash only with AOF and `appendfsync always`.
 */
export function redisStore(client: RedisClientLike, { prefix = 'winesitting:', ttl = 7 * 24 * 3600 }: RedisStoreOptions = {}): Store {
  const eventKey = (key: string) => `${prefix}event:${key}`;
  const pendingKey = `${prefix}pending`;
  const run = async (script: string, keys: string[], args: (string | number)[]) => {
    try {
      return await client.evalsha(sha1(script), keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).includes('NOSCRIPT')) throw error;
      return client.eval(script, keys.length, ...keys, ...args);
    }
  };
  return {
    async record({ key, body, receivedAt, object, updatedAt }) {
      const objectKey = `${prefix}object:${object ?? ''}`;
      const versioned = object !== undefined && updatedAt !== undefined;
      const [first, stale] = (await run(RECORD, [eventKey(key), pendingKey, objectKey], [key, body, receivedAt, versioned ? updatedAt : '', ttl])) as [
        number,
        number,
      ];
      return { first: first === 1, stale: stale === 1 };
    },
    async startAttempt(key) {
      const attempt = Number(await run(START_ATTEMPT, [eventKey(key)], []));
      if (attempt < 0) throw new Error(`redisStore: event ${key} has expired (ttl ${ttl} s)`);
      return attempt;
    },
    async markProcessed(key) {
      await run(MARK_PROCESSED, [eventKey(key), pendingKey], [key]);
    },
    async pending() {
      const keys = (await run(PENDING_KEYS, [pendingKey], [])) as string[];
      // Sent together: the client pipelines them on its connection.
      const events = await Promise.all(keys.map((key) => run(PENDING_EVENT, [eventKey(key), pendingKey], [key]) as Promise<string[]>));
      const list: PendingEvent[] = [];
      events.forEach((fields, i) => {
        const [body, receivedAt, stale, attempts] = fields;
        if (body !== undefined) list.push({ key: keys[i]!, body, receivedAt: Number(receivedAt), stale: stale === '1', attempts: Number(attempts) });
      });
      return list;
    },
  };
}

/** Each script's SHA-1, which EVALSHA names it by: computed once per script. */
const shas = new Map<string, string>();
function sha1(script: string): string {
  let sha = shas.get(script);
  if (sha === undefined) shas.set(script, (sha = digest('sha1', script, 'hex')));
  return sha;
}
