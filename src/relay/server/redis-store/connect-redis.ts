import type { Redis } from 'ioredis';
import { StoreRefusedError, StoreUnavailableError } from '../store.js';
import { redactUrl } from './redact-url.js';

export interface ConnectOptions {
  /** `redis://` or `rediss://` (TLS), with an optional database number as its path. */
  url: string;
  /** Shown by `CLIENT LIST`, so that an operator can count the relay's connections. */
  name: string;
  /** How long one command may take (for the connection that blocks on XREAD: longer than the block). */
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
  const where = redactUrl(options.url);
  try {
    await redis.connect();
    // ioredis selects the URL's database itself, but goes on in database 0 when Redis refuses it.
    await redis.select(databaseOf(options.url));
  } catch (error) {
    // Ended already: a disconnect() now would arm ioredis's 2 s timer for a stream that is gone, and delay the exit.
    if (redis.status !== 'end') redis.disconnect();
    throw startError(where, options.url, lastError || (error as Error).message);
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

/** The database number in the URL's path (`redis://host:6379/3`), 0 when there is none. */
function databaseOf(url: string): number {
  const path = new URL(url).pathname.replace(/^\//, '');
  return path === '' ? 0 : Number(path);
}

/** Why Redis could not be used at start, with the fix: a refusal of the password or database is not an outage. */
function startError(where: string, url: string, message: string): Error {
  if (/^(WRONGPASS|NOAUTH)\b/.test(message)) {
    const how = new URL(url).password ? 'the password in the URL was refused' : 'it needs a password';
    return new StoreRefusedError(
      `Redis at ${where} refused the relay (${message.split(' ')[0]}): ${how}. Put it in the --store URL: redis://:<password>@host:6379, or redis://<user>:<password>@host:6379 for an ACL user`,
    );
  }
  if (message.includes('DB index is out of range')) {
    return new StoreRefusedError(
      `Redis at ${where} has no database ${databaseOf(url)} (${message}). Use a database number it has (0 to 15 unless its "databases" setting says more)`,
    );
  }
  return new StoreUnavailableError(`cannot reach Redis at ${where} (${message})`);
}
