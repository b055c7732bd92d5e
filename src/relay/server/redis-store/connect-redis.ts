import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '../store.js';
import { redactUrl } from './redact-url.js';

export interface ConnectOptions {
  /** `redis://` or `rediss://` (TLS), with an optional database number as its path. */
  url: string;
  /** Shown by `CLIENT LIST`, so that an operator can count the relay's connections. */
  name: string;
  /** How long one command may take; none for the connection that blocks on XREAD. */
  commandTimeoutMs?: number;
}

/** Lost and back again, once per outage: the relay says so on stderr. */
export interface ConnectionEvents {
  lost(reason: string): void;
  back(): void;
}

/**
 * Connects to Redis, or fails with an error naming the URL. Once connected, it reconnects
 * by itself; meanwhile commands fail at once (no offline queue, no retry): a POST then gets
 * a 503 instead of waiting, and an append whose reply was lost is never sent a second time.
 */
export async function connectRedis(options: ConnectOptions, events?: ConnectionEvents): Promise<Redis> {
  // Loaded here, not at the top of a module the CLI imports: only `--store redis://` pays for it.
  const { Redis } = await import('ioredis');
  let connected = false;
  let lastError = '';
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectionName: options.name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 5000,
    commandTimeout: options.commandTimeoutMs,
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, 1000) : null),
  });
  redis.on('error', (error: Error) => (lastError = error.message));
  try {
    await redis.connect();
  } catch (error) {
    // Ended already: a disconnect() now would arm ioredis's 2 s timer for a stream that is gone, and delay the exit.
    if (redis.status !== 'end') redis.disconnect();
    throw new StoreUnavailableError(`cannot reach Redis at ${redactUrl(options.url)} (${lastError || (error as Error).message})`);
  }
  connected = true;
  if (events) {
    let down = false;
    redis.on('close', () => {
      if (down || redis.status === 'end') return;
      down = true;
      events.lost(lastError || 'connection closed');
    });
    redis.on('ready', () => {
      if (!down) return;
      down = false;
      events.back();
    });
  }
  return redis;
}
