import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore, type RedisStoreOptions } from '../../../src/relay/server/redis-store/redis-store.js';
import { StoreFullError, StoreUnavailableError, type RelayStore } from '../../../src/relay/server/store.js';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { describeStore, webhook } from './store-suite.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
const defaults = { capacity: 10_000, maxBytes: 2 ** 30, maxTotalBytes: 2 ** 32, maxChannels: 1000, rate: 1000, channelTtlMs: 30 * 86_400_000, waitReplicas: 0 };
const open = (extra: Partial<RedisStoreOptions> & { prefix: string }) => openRedisStore({ ...defaults, url: redis.url, warn: () => undefined, ...extra });

// Each test gets its own key prefix on the one Redis: a fresh, empty store.
describeStore('Redis store', () => {
  const prefix = `test:${randomUUID()}:`;
  return Promise.resolve({ open: (limits = {}) => open({ ...limits, prefix }) });
});

describe('Redis store across instances', () => {
  it('gives one sequence to appends made through two stores, and wakes the watchers of one with the appends of the other', async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b] = [await open({ prefix }), await open({ prefix })];
    const { id } = await a.createChannel('h');
    const woken: number[] = [];
    const seen = new Promise<void>((resolve) =>
      a.watch(id, (lastSeq) => {
        woken.push(lastSeq);
        if (lastSeq === 40) resolve();
      }),
    );
    const seqs = await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).append(id, webhook(n))));
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await seen;
    expect(woken).toEqual([...woken].sort((x, y) => x - y));
    expect((await b.read(id, 0, { records: 100, bytes: 1 << 20 })).records.map((r) => r.seq)).toEqual(seqs.toSorted((x, y) => x - y));
    await a.close();
    await b.close();
  });

  it('evicts past --max-total-bytes from the largest channel, whichever instance stored it', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = await open({ prefix, maxTotalBytes: 60_000 });
    const small = await store.createChannel('s');
    const large = await store.createChannel('l');
    await store.append(small.id, webhook(1, 1000));
    for (let n = 1; n <= 5; n++) await store.append(large.id, webhook(n, 10_000));
    expect(await store.bounds(small.id)).toMatchObject({ firstSeq: 1, lastSeq: 1 });
    const kept = await store.bounds(large.id);
    expect(kept.lastSeq).toBe(5);
    expect(kept.firstSeq).toBeGreaterThan(1);
    await store.close();
  });

  it('with --redis-wait, acknowledges once that many replicas have the event, and refuses it when they do not', async () => {
    // Redis waits 5 s by default before a full sync, in case more replicas come.
    await redis.cli('CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
    const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(redis.port)] });
    const stores: RelayStore[] = [];
    try {
      await expect.poll(async () => (await redis.cli('INFO', 'replication')).includes('state=online'), { timeout: 10_000 }).toBe(true);
      const prefix = `test:${randomUUID()}:`;
      const one = await open({ prefix, waitReplicas: 1 });
      const two = await open({ prefix, waitReplicas: 2 });
      stores.push(one, two);
      const { id } = await one.createChannel('h');
      expect(await one.append(id, webhook(1))).toBe(1);
      expect(await replica.cli('HGET', `${prefix}c:${id}`, 'last')).toBe('1\n');
      await expect(two.append(id, webhook(2))).rejects.toThrow(/only 1 of the 2 Redis replicas asked for \(--redis-wait\) confirmed it within 2 s/);
    } finally {
      for (const store of stores) await store.close();
      await replica.stop();
    }
  });

  it('with --redis-wait and no replica answering, other commands do not queue behind the WAIT, and concurrent appends share one WAIT', async () => {
    const prefix = `test:${randomUUID()}:`;
    const store = await open({ prefix, waitReplicas: 1 });
    try {
      const { id } = await store.createChannel('h');
      const settled: string[] = [];
      const started = Date.now();
      const appends = Array.from({ length: 5 }, (_, n) =>
        store.append(id, webhook(n)).then(
          () => settled.push('stored'),
          () => settled.push('refused'),
        ),
      );
      // Once the first append is numbered, its WAIT is blocking: the count and a read answer meanwhile.
      await expect.poll(async () => (await store.bounds(id)).lastSeq).toBeGreaterThan(0);
      expect(await store.countChannels()).toBeGreaterThan(0);
      expect((await store.read(id, 0, { records: 10, bytes: 1 << 20 })).records.length).toBeGreaterThan(0);
      expect(settled).toEqual([]);
      await Promise.all(appends);
      expect(settled).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
      // One WAIT for the first append, one for the four answered while it blocked: not five, one after the other (10 s).
      expect(Date.now() - started).toBeLessThan(4 * 2000);
    } finally {
      await store.close();
    }
  });

  it('refuses an event with StoreFullError when Redis is at its maxmemory (noeviction), and stores again once there is room', async () => {
    const store = await open({ prefix: `test:${randomUUID()}:` });
    try {
      const { id } = await store.createChannel('h');
      await redis.cli('CONFIG', 'SET', 'maxmemory', '1');
      await expect(store.append(id, webhook(1))).rejects.toBeInstanceOf(StoreFullError);
      await redis.cli('CONFIG', 'SET', 'maxmemory', '0');
      expect(await store.append(id, webhook(1))).toBe(1);
    } finally {
      await redis.cli('CONFIG', 'SET', 'maxmemory', '0');
      await store.close();
    }
  });

  it('names the URL when Redis cannot be reached at start', async () => {
    await expect(openRedisStore({ ...defaults, url: 'redis://127.0.0.1:1', warn: () => undefined })).rejects.toThrow(
      new StoreUnavailableError('cannot reach Redis at redis://127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)'),
    );
  });

  it('refuses an append with StoreUnavailableError while Redis is down, says so, and works again once it is back', async () => {
    const own = await startRedisServer();
    const warnings: string[] = [];
    let store: RelayStore | undefined;
    try {
      store = await openRedisStore({ ...defaults, url: own.url, warn: (m) => warnings.push(m) });
      const { id } = await store.createChannel('h');
      expect(await store.append(id, webhook(1))).toBe(1);
      await own.kill();
      await expect(store.append(id, webhook(2))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect.poll(() => warnings.join('\n')).toMatch(/lost Redis at redis:\/\/127\.0\.0\.1:\d+ .*reconnecting/);
      await own.restart();
      // Without AOF this Redis restarted empty: the channel is gone, but Redis answers again.
      await expect.poll(() => store!.countChannels().catch(() => -1), { timeout: 5000 }).toBe(0);
      await expect.poll(() => warnings.join('\n')).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is back/);
    } finally {
      await store?.close();
      await own.stop();
    }
  });
});
