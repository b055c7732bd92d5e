import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEvent } from '../../src/index.js';
import { createHandler, InvalidEventError, memoryStore, type Store } from '../../src/handler/index.js';
import { deferred, eventBody, post, recorder, startNodeServer } from '../helpers/handler.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(options: Partial<Parameters<typeof createHandler>[0]> = {}) {
  const seen = recorder();
  const store = options.store ?? memoryStore();
  const hooks = createHandler({ store, onEvent: seen.listener, ...options });
  const server = await startNodeServer(hooks.node());
  closers.push(server.close);
  return { hooks, seen, store, url: server.url };
}

describe('createHandler', () => {
  it('handles 5 copies of one event arriving at once exactly once, and acknowledges every copy', async () => {
    const onDuplicate = vi.fn();
    const { hooks, seen, url } = await serve({ onDuplicate });
    const body = eventBody({ type: 'ORDER', operation: 'UPDATE', status: 'SHIPPED' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(url, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await hooks.drain();
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]!.info).toMatchObject({ duplicate: false, stale: false, attempt: 1, issues: [] });
    expect(onDuplicate).toHaveBeenCalledTimes(4);
    expect(onDuplicate.mock.calls[0]![1]).toMatchObject({ duplicate: true, key: seen.calls[0]!.info.key });
  });

  it('treats a copy with another envelope date as the same event', async () => {
    const { hooks, seen, url } = await serve();
    const event = createEvent({ seed: 3 });
    await post(url, JSON.stringify(event));
    await post(url, JSON.stringify({ ...event, date: '2030-01-01T00:00:00+01:00' }));
    await hooks.drain();
    expect(seen.calls).toHaveLength(1);
  });

  it('marks an UPDATE older than one already seen as stale, and skips it with skipStale', async () => {
    const newer = createEvent({ type: 'ORDER', operation: 'UPDATE', id: 42, status: 'SHIPPED', now: Date.UTC(2026, 5, 2) });
    const older = createEvent({ type: 'ORDER', operation: 'UPDATE', id: 42, status: 'PROCESSING', now: Date.UTC(2026, 5, 1) });
    const { hooks, seen, url } = await serve();
    await post(url, JSON.stringify(newer));
    await post(url, JSON.stringify(older));
    await hooks.drain();
    expect(seen.calls.map((c) => [c.event.object.status.name, c.info.stale])).toEqual([
      ['SHIPPED', false],
      ['PROCESSING', true],
    ]);

    const skipping = await serve({ skipStale: true });
    await post(skipping.url, JSON.stringify(newer));
    await post(skipping.url, JSON.stringify(older));
    await skipping.hooks.drain();
    expect(skipping.seen.calls.map((c) => c.event.object.status.name)).toEqual(['SHIPPED']);
    expect(await skipping.store.pending()).toEqual([]);
  });

  it('answers 2xx before a handler that sleeps 3 s has finished', async () => {
    let finished = false;
    const { hooks, url } = await serve({
      onEvent: async () => {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        finished = true;
      },
    });
    const started = performance.now();
    const answer = await post(url, eventBody());
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(finished).toBe(false);
    await hooks.drain();
    expect(finished).toBe(true);
  });

  it('keeps an event whose handler threw pending, reports it to onError, and runs it again with retryPending', async () => {
    const onError = vi.fn();
    let fail = true;
    const seen = recorder();
    const { hooks, store, url } = await serve({
      onError,
      onEvent: (event, info) => {
        seen.listener(event, info);
        if (fail) throw new Error('database down');
      },
    });
    await post(url, eventBody());
    await hooks.drain();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ message: 'database down' });
    expect(onError.mock.calls[0]![1]).toMatchObject({ info: { attempt: 1 } });
    expect(await store.pending()).toHaveLength(1);

    fail = false;
    expect(await hooks.retryPending()).toEqual({ retried: 1, failed: 0 });
    expect(seen.calls.map((c) => c.info.attempt)).toEqual([1, 2]);
    expect(await store.pending()).toEqual([]);
    expect(await hooks.retryPending()).toEqual({ retried: 0, failed: 0 });
  });

  it('refuses a non-JSON or empty body with 400 and records nothing', async () => {
    const store = memoryStore();
    const record = vi.spyOn(store, 'record');
    const { hooks, seen, url } = await serve({ store });
    expect((await post(url, 'not json {')).status).toBe(400);
    expect((await post(url, '')).status).toBe(400);
    await hooks.drain();
    expect(record).not.toHaveBeenCalled();
    expect(seen.calls).toEqual([]);
  });

  it('acknowledges JSON that is not an event and reports it to onError, without handling it', async () => {
    const onError = vi.fn();
    const { hooks, seen, url } = await serve({ onError });
    const answer = await post(url, JSON.stringify({ hello: 'world' }));
    expect(answer.status).toBe(200);
    await hooks.drain();
    expect(seen.calls).toEqual([]);
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(InvalidEventError);
  });

  it('passes validation issues to the handler instead of refusing the event', async () => {
    const { hooks, seen, url } = await serve();
    const event = createEvent({ seed: 9 }) as unknown as Record<string, Record<string, unknown>>;
    delete event.object!.warehouse;
    expect((await post(url, JSON.stringify(event))).status).toBe(200);
    await hooks.drain();
    expect(seen.calls[0]!.info.issues).toEqual([expect.objectContaining({ path: 'object.warehouse', severity: 'warning' })]);
  });

  it('answers 413 past the body limit', async () => {
    const { url } = await serve({ bodyLimit: 1000 });
    expect((await post(url, eventBody({ lines: 20 }))).status).toBe(413);
  });

  it('answers 500 and reports to onError when the store cannot record the event', async () => {
    const failing: Store = { ...memoryStore(), record: () => Promise.reject(new Error('store unreachable')) };
    const onError = vi.fn();
    const { url } = await serve({ store: failing, onError });
    expect((await post(url, eventBody())).status).toBe(500);
    expect(onError.mock.calls[0]![0]).toMatchObject({ message: 'store unreachable' });
  });

  it('runs the listeners of the name, the type and *, after onEvent, and a custom key', async () => {
    const order: string[] = [];
    const hooks = createHandler({
      store: memoryStore(),
      key: (event) => `${event.type}-${event.object.id}`,
      onEvent: () => void order.push('onEvent'),
    });
    hooks.on('ORDER.UPDATE', () => void order.push('ORDER.UPDATE'));
    hooks.on('ORDER', () => void order.push('ORDER'));
    hooks.on('*', (_, info) => void order.push(`* ${info.key}`));
    hooks.on('ORDER.CREATE', () => void order.push('ORDER.CREATE'));
    await hooks.receive({ bytes: Buffer.from(eventBody({ type: 'ORDER', operation: 'UPDATE', id: 5 })) });
    await hooks.drain();
    expect(order).toEqual(['onEvent', 'ORDER.UPDATE', 'ORDER', '* ORDER-5']);
    expect(() => hooks.on('ORDER.DELETE' as 'ORDER', () => undefined)).toThrow(/Unknown event name "ORDER.DELETE"/);
  });

  it('handles at most `concurrency` events at once, and the events of one object in arrival order', async () => {
    const release = deferred();
    const two = deferred();
    let running = 0;
    let most = 0;
    const handled: string[] = [];
    const hooks = createHandler({
      store: memoryStore(),
      concurrency: 2,
      onEvent: async (event) => {
        running++;
        most = Math.max(most, running);
        if (running === 2) two.resolve();
        await release.promise;
        handled.push(`${event.object.id} ${event.object.status.name}`);
        running--;
      },
    });
    const send = (id: number, status: 'NEW' | 'PROCESSING' | 'READY', day: number) =>
      hooks.receive({ bytes: Buffer.from(JSON.stringify(createEvent({ type: 'ORDER', operation: 'UPDATE', id, status, now: Date.UTC(2026, 0, day) }))) });
    await send(1, 'NEW', 1);
    await send(1, 'PROCESSING', 2);
    await send(1, 'READY', 3);
    for (let id = 2; id <= 5; id++) await send(id, 'NEW', 1);
    await two.promise;
    // Two turns of the event loop: every event has reached the queue, and still only two run.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(2);
    release.resolve();
    await hooks.drain();
    expect(most).toBe(2);
    expect(handled.filter((h) => h.startsWith('1 '))).toEqual(['1 NEW', '1 PROCESSING', '1 READY']);
    expect(handled).toHaveLength(7);
  });
});
