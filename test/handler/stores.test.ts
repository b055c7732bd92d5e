import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore, memoryStore, redisStore, type Store } from '../../src/handler/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

let redis: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis.stop();
});

const entry = (key: string, extra: { object?: string; updatedAt?: number } = {}) => ({ key, body: `{"n":"${key}"}`, receivedAt: Date.now(), ...extra });

const makers: Record<string, () => Promise<Store>> = {
  memoryStore: () => Promise.resolve(memoryStore()),
  fileStore: async () => fileStore(await mkdtemp(join(tmpdir(), 'ws-store-'))),
  redisStore: () => {
    const client = new Redis(redis.url);
    clients.push(client);
    return Promise.resolve(redisStore(client, { prefix: `test-${Math.random().toString(36).slice(2)}:` }));
  },
};

describe.each(Object.keys(makers))('%s', (name) => {
  it('records the first copy of a key only, counts attempts, lists pending events oldest first', async () => {
    const store = await makers[name]!();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.record(entry('a'))));
    expect(results.filter((r) => r.first)).toHaveLength(1);
    await store.record({ ...entry('b'), receivedAt: Date.now() + 1 });
    expect((await store.pending()).map((p) => p.key)).toEqual(['a', 'b']);
    expect(await store.startAttempt('a')).toBe(1);
    expect(await store.startAttempt('a')).toBe(2);
    await store.markProcessed('a');
    expect(await store.pending()).toEqual([expect.objectContaining({ key: 'b', body: '{"n":"b"}', attempts: 0, stale: false })]);
    expect((await store.record(entry('a'))).first).toBe(false);
    await store.close?.();
  });

  it('keeps the newest updated_at of each object: an older version is stale, the same or a newer one is not', async () => {
    const store = await makers[name]!();
    expect(await store.record(entry('v2', { object: 'ORDER:1', updatedAt: 2000 }))).toEqual({ first: true, stale: false });
    expect(await store.record(entry('v1', { object: 'ORDER:1', updatedAt: 1000 }))).toEqual({ first: true, stale: true });
    expect(await store.record(entry('v2bis', { object: 'ORDER:1', updatedAt: 2000 }))).toEqual({ first: true, stale: false });
    expect(await store.record(entry('other', { object: 'ORDER:2', updatedAt: 1000 }))).toEqual({ first: true, stale: false });
    expect(await store.record(entry('v1', { object: 'ORDER:1', updatedAt: 1000 }))).toEqual({ first: false, stale: true });
    await store.close?.();
  });
});

describe('memoryStore', () => {
  it('forgets the least recently seen handled events past max, never one still to handle', async () => {
    const store = memoryStore({ max: 2 });
    for (const key of ['a', 'b', 'c']) await store.record(entry(key));
    // A burst past max while the handlers are slow: all three are still there to handle.
    for (const key of ['a', 'b', 'c']) expect(await store.startAttempt(key)).toBe(1);
    for (const key of ['a', 'b', 'c']) await store.markProcessed(key);
    await store.record(entry('d'));
    // Back to max: a and b, the oldest handled, are forgotten; c and d are remembered.
    expect((await store.record(entry('c'))).first).toBe(false);
    expect((await store.record(entry('d'))).first).toBe(false);
    expect((await store.record(entry('b'))).first).toBe(true);
  });
});

describe('fileStore', () => {
  it('finds after a restart what it recorded, ignoring a last line cut short by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-store-'));
    const before = fileStore(dir);
    await before.record(entry('kept', { object: 'ORDER:9', updatedAt: 5000 }));
    await before.record(entry('done'));
    await before.startAttempt('kept');
    await before.markProcessed('done');
    await before.close?.();
    await appendFile(join(dir, 'journal.ndjson'), '{"r":"torn","b":"{\\"n');

    const after = fileStore(dir);
    expect(await after.pending()).toEqual([expect.objectContaining({ key: 'kept', attempts: 1 })]);
    expect((await after.record(entry('done'))).first).toBe(false);
    expect((await after.record(entry('torn'))).first).toBe(true);
    expect(await after.record(entry('old', { object: 'ORDER:9', updatedAt: 4000 }))).toMatchObject({ stale: true });
    await after.close?.();

    // What was acknowledged after the crash survives the next restart: it was not glued to the cut line.
    const again = fileStore(dir);
    expect((await again.pending()).map((p) => p.key).sort()).toEqual(['kept', 'old', 'torn']);
    expect((await again.record(entry('torn'))).first).toBe(false);
    await again.close?.();
  });

  it('compacts its journal as it grows, keeping what it means', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-store-'));
    const store = fileStore(dir, { max: 100 });
    for (let i = 0; i < 1500; i++) {
      await store.record(entry(`e${i}`));
      await store.startAttempt(`e${i}`);
      if (i !== 7) await store.markProcessed(`e${i}`);
    }
    await store.close?.();
    const lines = (await readFile(join(dir, 'journal.ndjson'), 'utf8')).trim().split('\n');
    // 4500 lines written (a record, an attempt, a processed mark per event), fewer kept.
    expect(lines.length).toBeLessThan(2000);
    const reopened = fileStore(dir, { max: 100 });
    expect(await reopened.pending()).toEqual([expect.objectContaining({ key: 'e7', attempts: 1 })]);
    expect((await reopened.record(entry('e1499'))).first).toBe(false);
    await reopened.close?.();
  });
});
