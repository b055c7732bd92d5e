import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseParser, type RelayActivity, type SseMessage } from '../../../src/relay/protocol.js';
import { Channel } from '../../../src/relay/server/channel.js';
import { ChannelLog } from '../../../src/relay/server/channel-log.js';
import { openStream } from '../../../src/relay/server/subscription.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function channelWith(capacity: number) {
  const { log, records } = await ChannelLog.open(join(await mkdtemp(join(tmpdir(), 'ws-sub-')), 'c.log'));
  const channel = new Channel({ id: 'channel-under-test-000000', tokenHash: '', createdAt: '' }, log, records, capacity, 1000);
  cleanups.push(() => channel.close());
  const store = (n: number) =>
    channel.store({
      receivedAt: new Date().toISOString(),
      method: 'POST',
      path: `/${n}`,
      contentType: null,
      body: Buffer.from(`{"n":${n}}`).toString('base64'),
    });
  return { channel, store };
}

/** A real server whose every request streams `channel` from the client's Last-Event-ID. */
async function serve(channel: Channel, activity: RelayActivity[]) {
  const server: Server = createServer((req, res) => {
    openStream(channel, req, res, {
      from: Number(req.headers['last-event-id'] ?? 0),
      heartbeatMs: 60_000,
      maxPendingBytes: 1 << 20,
      report: (a) => activity.push(a),
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Opens the stream and collects its messages; `until` resolves once `count` of them arrived. */
async function subscribe(url: string, lastEventId: number) {
  const controller = new AbortController();
  const answer = await request(url, { headers: { 'last-event-id': String(lastEventId) }, signal: controller.signal });
  const messages: SseMessage[] = [];
  let wake: () => void = () => undefined;
  const parse = createSseParser((m) => {
    messages.push(m);
    wake();
  });
  answer.body.setEncoding('utf8');
  answer.body.on('data', (chunk: string) => parse(chunk));
  answer.body.on('error', () => undefined);
  cleanups.push(() => {
    controller.abort();
    return Promise.resolve();
  });
  const until = async (count: number) => {
    while (messages.length < count) await new Promise<void>((resolve) => (wake = resolve));
    return messages.map((m) => ({ event: m.event, id: m.id, data: JSON.parse(m.data) as Record<string, unknown> }));
  };
  return { until, close: () => controller.abort() };
}

describe('a channel subscription over SSE', () => {
  it('sends the backlog after Last-Event-ID as late, then live events as they are stored', async () => {
    const { channel, store } = await channelWith(100);
    for (let n = 1; n <= 3; n++) await store(n);
    const url = await serve(channel, []);
    const stream = await subscribe(url, 1);
    const backlog = await stream.until(3);
    expect(backlog[0]).toMatchObject({ event: 'hello', data: { lastSeq: 3, firstSeq: 1 } });
    expect(backlog.slice(1).map((m) => [m.id, m.data.path, m.data.late])).toEqual([
      ['2', '/2', true],
      ['3', '/3', true],
    ]);
    await store(4);
    const [live] = (await stream.until(4)).slice(3);
    expect(live).toMatchObject({ event: 'webhook', id: '4', data: { seq: 4, late: false } });
  });

  it("says how many events were evicted before the client's position, instead of a silent gap", async () => {
    const { channel, store } = await channelWith(2);
    for (let n = 1; n <= 5; n++) await store(n);
    const stream = await subscribe(await serve(channel, []), 0);
    const messages = await stream.until(4);
    expect(messages[1]).toEqual({ event: 'evicted', id: null, data: { count: 3, from: 1, to: 3 } });
    expect(messages.slice(2).map((m) => m.data.seq)).toEqual([4, 5]);
  });

  it('reports who subscribed and who left, with the count of listeners', async () => {
    const { channel } = await channelWith(10);
    const activity: RelayActivity[] = [];
    const stream = await subscribe(await serve(channel, activity), 0);
    await stream.until(1);
    expect(activity).toEqual([{ kind: 'subscribed', channel: channel.meta.id, from: 0, subscribers: 1 }]);
    stream.close();
    while (activity.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(activity[1]).toEqual({ kind: 'unsubscribed', channel: channel.meta.id, reason: 'disconnected', subscribers: 0 });
    expect(channel.subscribers.size).toBe(0);
  });
});
