import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseParser, type RelayActivity, type SseMessage } from '../../../src/relay/protocol.js';
import { ChannelFeed } from '../../../src/relay/server/feed.js';
import { openFileStore } from '../../../src/relay/server/file-store/file-store.js';
import type { RelayStore } from '../../../src/relay/server/store.js';
import { openStream, resumePoint } from '../../../src/relay/server/subscription.js';
import { webhook } from './store-suite.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function channelWith(capacity: number) {
  const store = await openFileStore({
    dataDir: await mkdtemp(join(tmpdir(), 'ws-sub-')),
    capacity,
    maxBytes: 2 ** 30,
    maxTotalBytes: 2 ** 32,
    maxChannels: 10,
    rate: 100_000,
    channelTtlMs: 86_400_000,
    warn: () => undefined,
  });
  cleanups.push(() => store.close());
  const { id } = await store.createChannel('h');
  return { store, id, store1: (n: number, bytes = 0) => store.append(id, webhook(n, bytes)) };
}

/** A real server whose every request streams the channel from the client's Last-Event-ID. */
async function serve(store: RelayStore, id: string, activity: RelayActivity[] = [], heartbeatMs = 60_000) {
  const feed = new ChannelFeed(store, id);
  const server: Server = createServer((req, res) => {
    void openStream(store, feed, req, res, {
      lastEventId: req.headers['last-event-id'] as string | undefined,
      heartbeatMs,
      batchBytes: 1 << 20,
      report: (a) => activity.push(a),
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, feed };
}

/** Opens the stream and collects its messages; `until` resolves once `count` of them arrived. */
async function subscribe(url: string, lastEventId?: string) {
  const request = httpRequest(url, { headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId } });
  request.end();
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  const messages: SseMessage[] = [];
  let wake: () => void = () => undefined;
  const parse = createSseParser((m) => {
    messages.push(m);
    wake();
  });
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => parse(chunk));
  response.on('error', () => undefined);
  cleanups.push(() => Promise.resolve(response.destroy()));
  const until = async (count: number) => {
    while (messages.filter((m) => m.event !== 'heartbeat').length < count) await new Promise<void>((resolve) => (wake = resolve));
    return messages.filter((m) => m.event !== 'heartbeat').map((m) => ({ event: m.event, id: m.id, data: JSON.parse(m.data) as Record<string, unknown> }));
  };
  return { until, response };
}

describe('a channel subscription over SSE', () => {
  it('sends the backlog after Last-Event-ID as late, then live events as they are stored', async () => {
    const { store, id, store1 } = await channelWith(100);
    for (let n = 1; n <= 3; n++) await store1(n);
    const stream = await subscribe((await serve(store, id)).url, '1');
    const backlog = await stream.until(3);
    expect(backlog[0]).toMatchObject({ event: 'hello', data: { lastSeq: 3, firstSeq: 1 } });
    expect(backlog.slice(1).map((m) => [m.id, m.data.path, m.data.late])).toEqual([
      ['2', '/event/2', true],
      ['3', '/event/3', true],
    ]);
    await store1(4);
    const [live] = (await stream.until(4)).slice(3);
    expect(live).toMatchObject({ event: 'webhook', id: '4', data: { seq: 4, late: false, headers: { 'x-request-id': 'r-4' } } });
  });

  it("says how many events were evicted before the client's position, instead of a silent gap", async () => {
    const { store, id, store1 } = await channelWith(2);
    for (let n = 1; n <= 5; n++) await store1(n);
    const stream = await subscribe((await serve(store, id)).url, '0');
    const messages = await stream.until(4);
    expect(messages[1]).toEqual({ event: 'evicted', id: null, data: { count: 3, from: 1, to: 3 } });
    expect(messages.slice(2).map((m) => m.data.seq)).toEqual([4, 5]);
  });

  it('delivers a 5 MB event, then a small one, to a reader at full speed', async () => {
    const { store, id, store1 } = await channelWith(100);
    const stream = await subscribe((await serve(store, id)).url);
    await stream.until(1);
    await store1(1, 5 * 1024 * 1024);
    await store1(2);
    const messages = await stream.until(3);
    expect(messages.slice(1).map((m) => m.data.seq)).toEqual([1, 2]);
  });

  it('delivers a backlog of 100 events of 48 KB, batch by batch', async () => {
    const { store, id, store1 } = await channelWith(1000);
    for (let n = 1; n <= 100; n++) await store1(n, 48_000);
    const stream = await subscribe((await serve(store, id)).url);
    const messages = await stream.until(101);
    expect(messages.slice(1).map((m) => m.data.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('drops a reader that takes no byte for three heartbeats while data waits, and no other', async () => {
    const { store, id, store1 } = await channelWith(1000);
    const activity: RelayActivity[] = [];
    const { url } = await serve(store, id, activity, 100);
    const reading = await subscribe(url);
    const stalled = await subscribe(url);
    stalled.response.pause();
    // 27 MB of frames: more than the kernel buffers between the two can hold.
    for (let n = 1; n <= 100; n++) await store1(n, 200_000);
    await reading.until(101);
    while (!activity.some((a) => a.kind === 'unsubscribed')) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(activity.filter((a) => a.kind === 'unsubscribed')).toEqual([{ kind: 'unsubscribed', channel: id, reason: 'stopped reading', subscribers: 1 }]);
  });

  it('reads Last-Event-ID sanely: not a number or negative means the start, past the end means the end', () => {
    expect(resumePoint(undefined, { firstSeq: 1, lastSeq: 10 })).toBe(0);
    expect(resumePoint('abc', { firstSeq: 1, lastSeq: 10 })).toBe(0);
    expect(resumePoint('-5', { firstSeq: 1, lastSeq: 10 })).toBe(0);
    expect(resumePoint('1e3', { firstSeq: 1, lastSeq: 10 })).toBe(0);
    expect(resumePoint(' 4 ', { firstSeq: 1, lastSeq: 10 })).toBe(4);
    expect(resumePoint('1000000000000', { firstSeq: 1, lastSeq: 10 })).toBe(10);
  });

  it('resumes where the current epoch starts when the client holds a number the relay gave again in another epoch', () => {
    const bounds = { firstSeq: 1, lastSeq: 7, epoch: 'b', epochFrom: 4 };
    expect(resumePoint('6', bounds, 'a')).toBe(3);
    expect(resumePoint('2', bounds, 'a')).toBe(2);
    expect(resumePoint('6', bounds, 'b')).toBe(6);
    expect(resumePoint('6', bounds)).toBe(6);
  });

  it('reports who subscribed and who left, with the count of listeners', async () => {
    const { store, id } = await channelWith(10);
    const activity: RelayActivity[] = [];
    const { url, feed } = await serve(store, id, activity);
    const stream = await subscribe(url);
    await stream.until(1);
    expect(activity).toEqual([{ kind: 'subscribed', channel: id, from: 0, subscribers: 1 }]);
    stream.response.destroy();
    while (activity.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(activity[1]).toEqual({ kind: 'unsubscribed', channel: id, reason: 'disconnected', subscribers: 0 });
    expect(feed.subscribers.size).toBe(0);
  });
});
