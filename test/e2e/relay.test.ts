import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, createLifecycle } from '../../src/index.js';
import { startCli, type RunningCli, parseJsonLines } from '../helpers/cli.js';
import { deadPort, startServer } from '../helpers/http.js';
import { post } from '../helpers/listen.js';
import { createChannel, rememberChannel, startListenRelay, startRelayCli, temp } from '../helpers/relay.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const processes: RunningCli[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const jsonLines = parseJsonLines;
const track = (cli: RunningCli) => processes.push(cli);
const relay = (data: string, args: string[] = []) => startRelayCli(data, args, track);
const listenRelay = (relayUrl: string, config: string, args: string[] = []) => startListenRelay(relayUrl, config, args, track);

describe('relay and listen --relay', () => {
  it('delivers events posted while listen was down, in order and marked late, to the same webhook URL', async () => {
    const data = await temp('relay-data');
    const config = await temp('config');
    const server = await relay(data);
    const first = await listenRelay(server.url, config);
    const life = createLifecycle({ seed: 5, pickup: false });
    expect((await post(`${first.webhookUrl}/orders?env=pre`, JSON.stringify(life[0]))).status).toBe(200);
    const [live] = jsonLines((await first.waitForLines(1)).join('\n'));
    expect(live).toMatchObject({ source: 'relay', late: false, path: '/orders?env=pre', type: 'ORDER', operation: 'CREATE' });
    await first.stop('SIGINT');

    for (const event of life.slice(1)) expect((await post(first.webhookUrl, JSON.stringify(event))).status).toBe(200);
    const second = await listenRelay(server.url, config);
    expect(second.webhookUrl).toBe(first.webhookUrl);
    const lines = jsonLines((await second.waitForLines(4)).join('\n'));
    expect(lines.map((l) => l.event.object.status.name)).toEqual(['PROCESSING', 'READY', 'SHIPPED', 'DELIVERED']);
    expect(lines.every((l) => l.source === 'relay' && l.late === true)).toBe(true);
  });

  it('loses nothing when the relay is killed (SIGKILL) and started again on the same data', async () => {
    const data = await temp('relay-data');
    const server = await relay(data);
    const channel = await createChannel(server.url);
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify(createEvent({ seed: i, id: i + 1 })));
    await Promise.all(bodies.map(async (body) => expect((await post(channel.webhookUrl, body)).status).toBe(200)));
    await server.stop('SIGKILL');

    const again = await relay(data);
    const config = await temp('config');
    await rememberChannel(config, again.url, channel);
    const listen = await listenRelay(again.url, config);
    const lines = jsonLines((await listen.waitForLines(20)).join('\n'));
    expect(lines.map((l) => l.objectId).sort((a, b) => a - b)).toEqual(bodies.map((_, i) => i + 1));
  });

  it('reconnects by itself when the relay comes back, and resumes where it was', async () => {
    const data = await temp('relay-data');
    const config = await temp('config');
    const server = await relay(data);
    // listen keeps one relay address; the relay behind it restarts on a new port.
    const proxy = await startTcpProxy(Number(server.port));
    servers.push(proxy);
    const listen = await listenRelay(proxy.url, config);
    await post(listen.webhookUrl, JSON.stringify(createEvent({ seed: 1, id: 1 })));
    await listen.waitForLines(1);
    await server.stop('SIGKILL');
    await listen.waitFor(/relay disconnected .* reconnecting in/, 'stderr');
    const again = await relay(data);
    proxy.target = Number(again.port);
    await post(`${again.url}/c/${new URL(listen.webhookUrl).pathname.split('/')[2]}`, JSON.stringify(createEvent({ seed: 2, id: 2 })));
    const lines = jsonLines((await listen.waitForLines(2)).join('\n'));
    expect(lines.map((l) => l.objectId)).toEqual([1, 2]);
    expect(listen.stderr()).toMatch(/relay connected, resuming after #1/);
  });

  it("forwards relayed events to the app with exactly the bytes posted to the relay, and the webhook's headers", async () => {
    const app = await startServer((_, res) => res.end('ok'));
    servers.push(app);
    const server = await relay(await temp('relay-data'));
    const listen = await listenRelay(server.url, await temp('config'), ['--forward-to', `${app.url}hooks`]);
    const bytes = Buffer.from(`{"type":"ORDER",  "operation":"CREATE",\n "object":{"id":9,"wine":"Château Rayas 東京"}, "date":"2024-01-01T00:00:00+01:00"}`);
    await post(`${listen.webhookUrl}/wine`, bytes, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'ws-42', 'user-agent': 'WineSitting' });
    await app.waitFor(1);
    expect(app.requests[0]!.body.equals(bytes)).toBe(true);
    expect(app.requests[0]!.url).toBe('/hooks/wine');
    expect(app.requests[0]!.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'ws-42', 'user-agent': 'WineSitting' });
  });

  it('shows, saves and counts a relayed body that is not JSON, as it does a local one', async () => {
    const saved = await temp('saved');
    const server = await relay(await temp('relay-data'));
    const listen = await listenRelay(server.url, await temp('config'), ['--save', saved]);
    expect((await post(listen.webhookUrl, 'status=shipped', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const [line] = jsonLines((await listen.waitForLines(1)).join('\n'));
    expect(line).toMatchObject({ source: 'relay', raw: 'status=shipped', event: null, response: { status: 400 } });
    expect(await readFile(line.file, 'utf8')).toBe('status=shipped');
    expect((await listen.stop('SIGINT')).stderr).toContain('1 rejected');
  });

  it('builds webhook URLs on --public-url when set, and says to set it when not', async () => {
    const plain = await relay(await temp('relay-data'));
    await plain.waitFor(/No --public-url: webhook URLs follow each request's Host header/, 'stderr');
    const server = await relay(await temp('relay-data'), ['--public-url', 'https://relay.example.com/']);
    expect((await createChannel(server.url)).webhookUrl).toMatch(/^https:\/\/relay\.example\.com\/c\/[\w-]{22,}$/);
  });

  it('refuses a stream without the token (401), an oversized body (413) and a flood (429)', async () => {
    const server = await relay(await temp('relay-data'), ['--max-body', '1kb', '--rate-limit', '5']);
    const channel = await createChannel(server.url);
    expect(channel.id.length).toBeGreaterThanOrEqual(22);
    expect((await fetch(`${server.url}/c/${channel.id}/events`)).status).toBe(401);
    expect((await fetch(`${server.url}/c/${channel.id}/events`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const other = await createChannel(server.url);
    expect((await fetch(`${server.url}/c/${channel.id}/events`, { headers: { authorization: `Bearer ${other.token}` } })).status).toBe(401);
    expect((await fetch(`${server.url}/c/${channel.id}/events?token=${channel.token}`)).status).toBe(401);
    expect((await fetch(`${server.url}/c/..%2F${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } })).status).toBe(404);
    expect((await fetch(channel.webhookUrl)).status).toBe(405);
    expect((await post(channel.webhookUrl, 'x'.repeat(2048))).status).toBe(413);
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await post(channel.webhookUrl, '{}')).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect((await post(`${server.url}/c/${'x'.repeat(24)}`, '{}')).status).toBe(404);
  });

  it('tells listen how many events were evicted when its buffer overflowed', async () => {
    const server = await relay(await temp('relay-data'), ['--buffer', '3']);
    const channel = await createChannel(server.url);
    for (let i = 1; i <= 6; i++) await post(channel.webhookUrl, JSON.stringify(createEvent({ seed: i, id: i })));
    const config = await temp('config');
    await rememberChannel(config, server.url, channel);
    const listen = await listenRelay(server.url, config);
    const lines = jsonLines((await listen.waitForLines(3)).join('\n'));
    expect(lines.map((l) => l.objectId)).toEqual([4, 5, 6]);
    expect(listen.stderr()).toMatch(/3 events \(#1–#3\) were evicted at the relay/);
  });

  it("drops a subscriber that stops reading, without growing the relay's memory", async () => {
    const server = await relay(await temp('relay-data'), ['--buffer', '50', '--heartbeat', '200', '--rate-limit', '100000']);
    const channel = await createChannel(server.url);
    const rss = async () => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024;
    // A subscriber that connects and never reads a byte.
    const { hostname, port } = new URL(server.url);
    const stalled = httpRequest({ host: hostname, port, path: `/c/${channel.id}/events`, headers: { authorization: `Bearer ${channel.token}` } });
    stalled.end();
    const [response] = (await once(stalled, 'response')) as [import('node:http').IncomingMessage];
    response.pause();
    const before = await rss();
    const body = JSON.stringify({ type: 'ORDER', operation: 'CREATE', object: { id: 1, comment: 'x'.repeat(60_000) } });
    for (let i = 0; i < 3000; i++) expect((await post(channel.webhookUrl, body)).status).toBe(200);
    await server.waitFor(/listen stopped reading/, 'stdout');
    const after = await rss();
    // 3,000 events of 60 KB is 180 MB posted (240 MB as base64): kept for the stalled
    // subscriber, they would show. The relay keeps only its buffer of 50; what remains is
    // the heap's own growth under large allocations (about 70 MB, the same for 1,000 or 4,000).
    expect(after - before).toBeLessThan(110);
    response.destroy();
  }, 90_000);

  it('notices a silent relay (two missed heartbeats) and reconnects', async () => {
    let streams = 0;
    const fake: Server = createServer((req, res) => {
      if (req.url === '/channels') {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'silentchannel0000000000', token: 't', webhookUrl: 'http://127.0.0.1:1/c/silent' }));
        return;
      }
      streams++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: hello\ndata: ${JSON.stringify({ heartbeatMs: 300 })}\n\n`);
      // Then nothing: a connection that looks open but carries no heartbeat.
    });
    fake.listen(0, '127.0.0.1');
    await once(fake, 'listening');
    servers.push({
      close: () =>
        new Promise((resolve) => {
          fake.closeAllConnections();
          fake.close(() => resolve());
        }),
    });
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const listen = await listenRelay(url, await temp('config'));
    await listen.waitFor(/relay silent for \d+ s \(two heartbeats missed\): reconnecting/, 'stderr');
    await listen.waitFor(/relay connected[\s\S]*relay connected/, 'stderr');
    expect(streams).toBeGreaterThanOrEqual(2);
  });

  it('says clearly when the relay cannot be reached', async () => {
    const port = await deadPort();
    const cli = startCli(['listen', '--port', '0', '--relay', `http://127.0.0.1:${port}/`], { env: { WINESITTING_HOOKS_CONFIG: await temp('config') } });
    processes.push(cli);
    const result = await cli.exited;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not reach the relay at http://127.0.0.1:${port} (connection refused). Is "winesitting-hooks relay" running there?`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
