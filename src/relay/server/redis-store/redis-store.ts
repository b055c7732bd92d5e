import type { Redis } from 'ioredis';
import { newChannelId } from '../ids.js';
import {
  ChannelLimitError,
  NotReplicatedError,
  StoreFullError,
  StoreUnavailableError,
  type ChannelRecord,
  type IncomingWebhook,
  type ReadResult,
  type RelayStore,
  type StoreRules,
  type StoreStatus,
} from '../store.js';
import { wireJson } from '../wire-json.js';
import { AppendWatcher, READER_TIMEOUT_MS, type Numbering } from './append-watcher.js';
import { connectRedis } from './connect-redis.js';
import { redactUrl } from './redact-url.js';
import { appendedKey, channelKey, channelsKey, DEFAULT_PREFIX } from './keys.js';
import { APPEND, CREATE_CHANNEL, EXPIRE, READ, REMOVE, TAKE_RATE } from './scripts.js';
import { touchDue, touchInterval } from '../touch-interval.js';

export interface RedisStoreOptions extends StoreRules {
  /** `redis://host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /** With n > 0, an event is acknowledged only once n replicas have it too (`WAIT`). */
  waitReplicas: number;
  /** Every key starts with it: several relays may share one Redis under different prefixes. */
  prefix?: string;
  /** Redis lost and back: said on stderr. */
  warn: (message: string) => void;
}

/** Notifications kept for instances that reconnect; each is a few dozen bytes. */
const APPENDED_KEPT = 10_000;
const WAIT_TIMEOUT_MS = 2000;
const EXPIRE_BATCH = 100;

type Arg = string | number;
interface Scripts {
  relayCreate(...args: Arg[]): Promise<number>;
  relayRemove(...args: Arg[]): Promise<number>;
  relayAppend(...args: Arg[]): Promise<[number, string]>;
  relayReadBuffer(...args: Arg[]): Promise<[number, number, Buffer, ...Buffer[]]>;
  relayRate(...args: Arg[]): Promise<number>;
  relayExpire(...args: Arg[]): Promise<string[]>;
}

/**
 * The relay's store on Redis, shared by any number of relay instances: channel records in
 * hashes, each channel's events in a stream whose ids are the sequence numbers, the rules
 * (`--buffer`, byte caps, `--max-channels`, the rate limit) in Lua scripts. Two connections
 * per instance: one for commands, one blocked on new events.
 */
export async function openRedisStore(options: RedisStoreOptions): Promise<RelayStore> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const where = redactUrl(options.url);
  const now = options.now ?? Date.now;
  const statusListeners = new Set<(status: StoreStatus) => void>();
  const tellStatus = (status: StoreStatus) => {
    options.warn(status.reason);
    for (const listener of [...statusListeners]) listener(status);
  };
  const redis = await connectRedis(
    { url: options.url, name: 'winesitting-relay', commandTimeoutMs: 5000 },
    {
      lost: (reason) => tellStatus({ available: false, reason: `lost Redis at ${where} (${reason}); events get 503 until it is back; reconnecting…` }),
      back: () => tellStatus({ available: true, reason: `Redis at ${where} is back` }),
    },
  );
  let reader: Redis | undefined;
  // With --redis-wait, appends and their WAIT have a connection of their own: WAIT blocks the
  // connection it runs on (up to 2 s), and must run where the writes it waits for were made.
  let appender: Redis = redis;
  try {
    reader = await connectRedis({ url: options.url, name: 'winesitting-relay-watch', commandTimeoutMs: READER_TIMEOUT_MS });
    if (options.waitReplicas > 0) appender = await connectRedis({ url: options.url, name: 'winesitting-relay-append', commandTimeoutMs: 5000 });
  } catch (error) {
    redis.disconnect();
    reader?.disconnect();
    throw error;
  }
  redis.defineCommand('relayCreate', { numberOfKeys: 0, lua: CREATE_CHANNEL });
  redis.defineCommand('relayRemove', { numberOfKeys: 0, lua: REMOVE });
  appender.defineCommand('relayAppend', { numberOfKeys: 0, lua: APPEND });
  redis.defineCommand('relayRead', { numberOfKeys: 0, lua: READ });
  redis.defineCommand('relayRate', { numberOfKeys: 0, lua: TAKE_RATE });
  redis.defineCommand('relayExpire', { numberOfKeys: 0, lua: EXPIRE });
  const scripts = redis as unknown as Scripts;
  const appendScript = appender as unknown as Pick<Scripts, 'relayAppend'>;
  const waitReplicas = coalesceWaits(() => appender.wait(options.waitReplicas, WAIT_TIMEOUT_MS));

  /** Redis's own refusals are about the data; anything else means Redis is out of reach. */
  const failure = (error: unknown): Error => {
    if (
      error instanceof ChannelLimitError ||
      error instanceof StoreFullError ||
      error instanceof StoreUnavailableError ||
      error instanceof NotReplicatedError
    ) {
      return error;
    }
    const message = (error as Error).message;
    if (message.startsWith('NOCHANNEL')) return new Error(message.slice('NOCHANNEL '.length));
    if (message.startsWith('OOM')) return new StoreFullError(`Redis at ${where} is out of memory (maxmemory)`);
    return new StoreUnavailableError(`Redis at ${where} does not answer (${message})`);
  };
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw failure(error);
    }
  };
  const numberingOf = async (id: string): Promise<Numbering> => {
    const [last, epoch] = await redis.hmget(channelKey(prefix, id), 'last', 'epoch');
    return last === null ? { lastSeq: 0 } : { lastSeq: Number(last), epoch: epoch ?? undefined };
  };
  const watcher = new AppendWatcher(reader, appendedKey(prefix), numberingOf, (id, told, now) =>
    options.warn(
      now.epoch === undefined
        ? `Redis at ${where} came back without channel ${id.slice(0, 8)}, which had events up to #${told}: its listeners are told to start over`
        : `Redis at ${where} came back without some of its data (not on disk? see appendonly): channel ${id.slice(0, 8)} had events up to #${told}, now #${now.lastSeq}; its listeners are told what they lost`,
    ),
  );

  const touched = new Map<string, number>();
  const touchEvery = touchInterval(options.channelTtlMs);
  /** Marks a channel as read now, for `--channel-ttl`; at most once per interval per channel and instance. */
  const touch = async (id: string) => {
    const at = now();
    if (!touchDue(touched.get(id) ?? -Infinity, at, touchEvery)) return;
    touched.set(id, at);
    await redis.zadd(channelsKey(prefix), 'XX', 'GT', at, id);
  };

  return {
    createChannel: (tokenHash) =>
      call(async () => {
        const id = newChannelId();
        const createdAt = new Date(now()).toISOString();
        if ((await scripts.relayCreate(prefix, id, tokenHash, createdAt, now(), options.maxChannels)) === 0) {
          throw new ChannelLimitError(options.maxChannels);
        }
        return { id, tokenHash, createdAt };
      }),
    getChannel: (id) =>
      call(async (): Promise<ChannelRecord | null> => {
        const [token, created] = await redis.hmget(channelKey(prefix, id), 'token', 'created');
        return token ? { id, tokenHash: token, createdAt: created ?? '' } : null;
      }),
    removeChannel: (id) =>
      call(async () => {
        touched.delete(id);
        await scripts.relayRemove(prefix, id);
      }),
    countChannels: () => call(() => redis.zcard(channelsKey(prefix))),
    append: (channelId: string, webhook: IncomingWebhook) =>
      call(async () => {
        const json = wireJson(0, webhook);
        // The script writes `{"seq":<n>,` itself: everything after the opening brace is sent.
        const rest = json.slice(json.indexOf(',') + 1);
        const [seq, epoch] = await appendScript.relayAppend(prefix, channelId, rest, options.capacity, options.maxBytes, options.maxTotalBytes, APPENDED_KEPT);
        watcher.tell(channelId, seq, epoch);
        if (options.waitReplicas > 0) {
          const replicas = await waitReplicas();
          if (replicas < options.waitReplicas) {
            throw new NotReplicatedError(replicas, options.waitReplicas, WAIT_TIMEOUT_MS);
          }
        }
        return seq;
      }),
    bounds: (channelId) =>
      call(async () => {
        await touch(channelId);
        const [first, last, epoch, from] = await redis.hmget(channelKey(prefix, channelId), 'first', 'last', 'epoch', 'from');
        if (first === null) throw new Error(`NOCHANNEL no channel ${channelId}`);
        return { firstSeq: Number(first), lastSeq: Number(last), epoch: epoch ?? undefined, epochFrom: from === null ? undefined : Number(from) };
      }),
    read: (channelId, afterSeq, limit) =>
      call(async (): Promise<ReadResult> => {
        await touch(channelId);
        const [firstSeq, lastSeq, epoch, ...events] = await scripts
          .relayReadBuffer(prefix, channelId, afterSeq, limit.records, limit.bytes)
          .catch((error: unknown) => {
            // A channel its streams were reading is gone (Redis came back without it): said once, and its streams end.
            if ((error as Error).message.startsWith('NOCHANNEL')) watcher.tell(channelId, 0);
            throw error;
          });
        const from = Math.max(afterSeq + 1, firstSeq);
        return { records: events.map((json, i) => ({ seq: from + i, json })), firstSeq, lastSeq, epoch: epoch.length > 0 ? epoch.toString() : undefined };
      }),
    watch(channelId, listener) {
      const unwatch = watcher.watch(channelId, listener);
      // Where the numbering is now, so that numbers going back later are noticed even before the next append.
      numberingOf(channelId).then(
        ({ lastSeq, epoch }) => watcher.seed(channelId, lastSeq, epoch),
        () => undefined,
      );
      return unwatch;
    },
    takeRate: (channelId) =>
      call(async () => {
        const wait = await scripts.relayRate(prefix, channelId, options.rate, options.rate * 2);
        return wait === 0 ? null : wait;
      }),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    expire: () =>
      call(async () => {
        // A channel with a listener on this instance is being read, even when no event comes.
        for (const id of watcher.watched()) await redis.zadd(channelsKey(prefix), 'XX', 'GT', now(), id);
        const removed: string[] = [];
        for (;;) {
          const ids = await scripts.relayExpire(prefix, now() - options.channelTtlMs, EXPIRE_BATCH);
          removed.push(...ids);
          if (ids.length < EXPIRE_BATCH) return removed;
        }
      }),
    async close() {
      await watcher.stop();
      if (appender !== redis) await appender.quit().catch(() => appender.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * One WAIT for all the appends made before it: an append waits for the next WAIT to be sent,
 * which covers it and every other append answered meanwhile, instead of one WAIT each, one
 * after the other (five posts waiting for an absent replica took 2, 4, 6, 8 and 10 s).
 */
export function coalesceWaits(wait: () => Promise<number>): () => Promise<number> {
  let previous: Promise<unknown> = Promise.resolve();
  let next: Promise<number> | null = null;
  return () => {
    if (!next) {
      const sent = previous.then(() => {
        next = null;
        return wait();
      });
      previous = sent.catch(() => undefined);
      next = sent;
    }
    return next;
  };
}
