import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../helpers/app-process.js';
import { eventBody, post } from '../helpers/handler.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

const APP = fileURLToPath(new URL('./apps/store-app.mjs', import.meta.url));
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});

const stores: Record<string, () => Promise<string>> = {
  fileStore: async () => `file:${await mkdtemp(join(tmpdir(), 'ws-inbox-'))}`,
  redisStore: () => Promise.resolve(`redis:${redis.url}/0?keyPrefix=${Math.random().toString(36).slice(2)}:`),
};

describe.each(Object.keys(stores))('%s', (name) => {
  it('handles, at the next start, an event whose process was killed with SIGKILL inside the handler', async () => {
    const where = await stores[name]!();
    const first = await startApp(APP, [where], { HANG_ON_FIRST: '1' });
    const body = eventBody({ type: 'ORDER', operation: 'UPDATE', id: 777 });
    expect((await post(first.url, body)).status).toBe(200);
    const handling = await first.waitForLine((l) => l.handling !== undefined);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startApp(APP, [where]);
    const handled = await second.waitForLine((l) => l.handled !== undefined);
    expect(handled).toMatchObject({ handled: handling.handling, attempt: 2, id: 777 });
    // A copy that arrives now is recognised: acknowledged, not handled again.
    expect(JSON.parse((await post(second.url, body)).body)).toEqual({ ok: true, duplicate: true });
    await stop(second);
    expect(second.lines.filter((l) => l.handled !== undefined)).toHaveLength(1);
  });
});

describe('redisStore shared by two processes', () => {
  it('handles 20 copies of one event, spread over both, once', async () => {
    const where = await stores.redisStore!();
    const apps = await Promise.all([startApp(APP, [where]), startApp(APP, [where])]);
    const body = eventBody({ type: 'ORDER', operation: 'CREATE', id: 2020 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(apps[i % 2]!.url, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.includes('duplicate'))).toHaveLength(19);
    await Promise.all(apps.map(stop));
    expect(apps.flatMap((app) => app.lines.filter((l) => l.handled !== undefined))).toHaveLength(1);
  });
});

/** SIGTERM: the app drains (finishes what it acknowledged) and exits. */
async function stop(app: AppProcess) {
  app.child.kill('SIGTERM');
  await app.waitForLine((l) => l.drained === true);
  await app.exited;
}
