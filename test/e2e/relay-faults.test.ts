import { once } from 'node:events';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Agent as UndiciAgent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { parseJsonLines, runCli, startCli, type RunningCli } from '../helpers/cli.js';
import { startServer } from '../helpers/http.js';
import { post } from '../helpers/listen.js';
import { createChannel, rememberChannel, startListenRelay, startRelayCli, temp } from '../helpers/relay.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const processes: RunningCli[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const track = (cli: RunningCli) => processes.push(cli);
const relay = (data: string, args: string[] = [], env: Record<string, string> = {}) => startRelayCli(data, ['--rate-limit', '100000', ...args], track, env);
const listenRelay = (relayUrl: string, config: string, args: string[] = [], env: Record<string, string> = {}) =>
  startListenRelay(relayUrl, config, args, track, env);

/** An ORDER event padded to about `bytes` with a comment: realistic content, chosen size. */
const sized = (id: number, bytes: number) => {
  const event = createEvent({ seed: id, id });
  return JSON.stringify({ ...event, object: { ...event.object, comment: 'x'.repeat(Math.max(0, bytes - 2500)) } });
};

/** POSTs every body with `concurrency` requests in flight; resolves with the statuses in body order. */
async function postAll(url: string, bodies: string[], concurrency: number): Promise<number[]> {
  const agent = new UndiciAgent({ connections: concurrency });
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const index = next++;
        const answer = await request(url, { method: 'POST', body: bodies[index], headers: { 'content-type': 'application/json' }, dispatcher: agent });
        await answer.body.dump();
        statuses[index] = answer.statusCode;
      }
    }),
  );
  await agent.close();
  return statuses;
}

const memory = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
};

describe('the relay keeps "nothing lost" under faults and abuse', () => {
  it('delivers a backlog of 100 × 48 KB, then a 5 MB event and a small one, to the app through listen', async () => {
    const app = await startServer();
    servers.push(app);
    const server = await relay(await temp('relay-data'));
    const channel = await createChannel(server.url);
    const backlog = Array.from({ length: 100 }, (_, i) => sized(i + 1, 48_000));
    expect(new Set(await postAll(channel.webhookUrl, backlog, 10))).toEqual(new Set([200]));
    const config = await temp('config');
    await rememberChannel(config, server.url, channel);
    await listenRelay(server.url, config, ['--forward-to', app.url, '--quiet']);
    await app.waitFor(100);
    const big = sized(101, 5 * 1024 * 1024);
    expect((await post(channel.webhookUrl, big)).status).toBe(200);
    expect((await post(channel.webhookUrl, sized(102, 3000))).status).toBe(200);
    await app.waitFor(102);
    const ids = app.requests.map((r) => JSON.parse(r.body.toString()).object.id as number);
    // The backlog was posted 10 at a time, so in the relay's arrival order; the last two one after the other.
    expect([...ids.slice(0, 100)].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(ids.slice(100)).toEqual([101, 102]);
    expect(app.requests[100]!.body.equals(Buffer.from(big))).toBe(true);
  });

  it('acknowledges 300 simultaneous posts with --buffer 50, and after a kill -9 reports the 250 evicted and delivers the newest 50', async () => {
    const data = await temp('relay-data');
    const first = await relay(data, ['--buffer', '50']);
    const channel = await createChannel(first.url);
    const statuses = await postAll(
      channel.webhookUrl,
      Array.from({ length: 300 }, (_, i) => sized(i + 1, 48_000)),
      50,
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await first.stop('SIGKILL');
    const again = await relay(data, ['--buffer', '50']);
    const config = await temp('config');
    await rememberChannel(config, again.url, channel);
    const listen = await listenRelay(again.url, config, []);
    const lines = parseJsonLines((await listen.waitForLines(50)).join('\n'));
    const ids = lines.map((l) => l.objectId as number);
    expect(new Set(ids).size).toBe(50);
    // With 50 in flight, event i was stored as number i - 49 or later: the newest 50 numbers are events 202 and up.
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(202);
    expect(listen.stderr()).toContain('250 events (#1–#250) were evicted at the relay');
  });

  it('starts again over 45 events of 10 MB without holding them in memory, and streams every one', async () => {
    const data = await temp('relay-data');
    const first = await relay(data, ['--max-bytes', '1gb', '--max-total-bytes', '1gb']);
    const channel = await createChannel(first.url);
    const body = sized(1, 10 * 1024 * 1024 - 4096);
    expect(
      new Set(
        await postAll(
          channel.webhookUrl,
          Array.from({ length: 45 }, () => body),
          3,
        ),
      ),
    ).toEqual(new Set([200]));
    await first.stop('SIGKILL');
    const again = await relay(data, ['--max-bytes', '1gb', '--max-total-bytes', '1gb']);
    const atStart = await memory(again.child.pid!);
    // 45 × 10 MB is 600 MB once in base64: none of it is held at start.
    expect(atStart.peak).toBeLessThan(150);
    const frames = await countWebhookFrames(`${again.url}/c/${channel.id}/events`, channel.token, 45);
    expect(frames).toBe(45);
    expect((await memory(again.child.pid!)).peak).toBeLessThan(300);
  }, 120_000);

  it('opens channels only with the admin token, and no more than --max-channels, leaving no file for a refused one', async () => {
    const data = await temp('relay-data');
    const server = await relay(data, ['--admin-token', 'open-sesame', '--max-channels', '2']);
    expect((await fetch(`${server.url}/channels`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${server.url}/channels`, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const listen = await listenRelay(server.url, await temp('config'), [], { WINESITTING_RELAY_ADMIN_TOKEN: 'open-sesame' });
    expect(listen.webhookUrl).toContain('/c/');
    expect((await fetch(`${server.url}/channels`, { method: 'POST', headers: { authorization: 'Bearer open-sesame' } })).status).toBe(201);
    const full = await fetch(`${server.url}/channels`, { method: 'POST', headers: { authorization: 'Bearer open-sesame' } });
    expect(full.status).toBe(507);
    expect(await full.text()).toContain('--max-channels');
    await server.waitFor(/507 No room for a new channel/, 'stdout');
    expect((await readdir(data)).filter((f) => f.endsWith('.meta.json'))).toHaveLength(2);
    const refused = await runCli(['listen', '--port', '0', '--relay', server.url], { env: { WINESITTING_HOOKS_CONFIG: await temp('config') } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs its admin token to create a channel (401). Set WINESITTING_RELAY_ADMIN_TOKEN');
  });

  it('sends one 1 MB event to 1,000 subscribers from one shared copy, and refuses the 1,001st', async () => {
    const server = await relay(await temp('relay-data'), ['--max-subscribers', '1000', '--max-streams', '1500']);
    const channel = await createChannel(server.url);
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const received: number[] = [];
    const { hostname, port } = new URL(server.url);
    const sockets: IncomingMessage[] = [];
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const index = batch * 100 + i;
          const stream = httpRequest({ host: hostname, port, path: `/c/${channel.id}/events`, agent, headers: { authorization: `Bearer ${channel.token}` } });
          stream.end();
          const [response] = (await once(stream, 'response')) as [IncomingMessage];
          sockets.push(response);
          received[index] = 0;
          response.on('data', (chunk: Buffer) => (received[index]! += chunk.length));
        }),
      );
    }
    const extra = await fetch(`${server.url}/c/${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } });
    expect(extra.status).toBe(429);
    expect(await extra.text()).toContain('1000 listeners (--max-subscribers)');
    const before = await memory(server.child.pid!);
    const event = sized(1, 1024 * 1024);
    expect((await post(channel.webhookUrl, event)).status).toBe(200);
    const frameBytes = Math.ceil((event.length * 4) / 3);
    while (received.some((bytes) => bytes < frameBytes)) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await memory(server.child.pid!);
    // One copy per subscriber would be 1,000 × 1.4 MB = 1.4 GB.
    expect(after.peak - before.rss).toBeLessThan(200);
    for (const socket of sockets) socket.destroy();
    agent.destroy();
  }, 60_000);

  it('keeps relayed events while the app is down, says so, and delivers them in order once it is back', async () => {
    const server = await relay(await temp('relay-data'));
    const down = await startServer();
    const deadPort = down.port;
    await down.close();
    const proxy = await startTcpProxy(deadPort);
    servers.push(proxy);
    const listen = await listenRelay(server.url, await temp('config'), ['--forward-to', `${proxy.url}/hooks`]);
    for (let id = 1; id <= 3; id++) expect((await post(listen.webhookUrl, sized(id, 3000))).status).toBe(200);
    await listen.waitFor(/event #1 kept, retrying in/, 'stderr');
    const app = await startServer();
    servers.push(app);
    proxy.target = app.port;
    await app.waitFor(3);
    await listen.waitForLines(3);
    expect(app.requests.map((r) => JSON.parse(r.body.toString()).object.id)).toEqual([1, 2, 3]);
    expect(parseJsonLines(listen.stdout()).map((l) => [l.objectId, l.forward.status])).toEqual([
      [1, 200],
      [2, 200],
      [3, 200],
    ]);
  });

  it('delivers every event to the app after listen is killed with SIGKILL mid-burst, repeating at most a few', async () => {
    const app = await startServer();
    servers.push(app);
    const server = await relay(await temp('relay-data'));
    const config = await temp('config');
    const first = await listenRelay(server.url, config, ['--forward-to', app.url, '--quiet']);
    const sending = postAll(
      first.webhookUrl,
      Array.from({ length: 300 }, (_, i) => sized(i + 1, 3000)),
      20,
    );
    await app.waitFor(100);
    await first.stop('SIGKILL');
    expect(new Set(await sending)).toEqual(new Set([200]));
    const beforeRestart = app.requests.length;
    await listenRelay(server.url, config, ['--forward-to', app.url, '--quiet']);
    const ids = () => app.requests.map((r) => JSON.parse(r.body.toString()).object.id as number);
    while (new Set(ids()).size < 300) await app.waitFor(app.requests.length + 1);
    // At least once: every event reached the app; the repeats are the events in hand at the kill.
    const repeats = app.requests.length - 300;
    expect(repeats).toBeLessThanOrEqual(3);
    expect(new Set(ids().slice(beforeRestart)).size).toBe(app.requests.length - beforeRestart);
  });

  it('refuses a corrupt relay.json, naming it and the fix and leaving it as it was, and starts over with --new-channel', async () => {
    const server = await relay(await temp('relay-data'));
    const config = await temp('config');
    const file = join(config, 'relay.json');
    await writeFile(file, '{"relays": {"http://x": {"id": "abc", "tok');
    const refused = await runCli(['listen', '--port', '0', '--relay', server.url], { env: { WINESITTING_HOOKS_CONFIG: config } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file} is not a valid relay configuration`);
    expect(refused.stderr).toContain('--new-channel');
    expect(await readFile(file, 'utf8')).toBe('{"relays": {"http://x": {"id": "abc", "tok');
    const fresh = await listenRelay(server.url, config, ['--new-channel']);
    expect(fresh.stderr()).toMatch(/Relay webhook URL: \S+ {2}\(new: configure it in WineSitting\)/);
    expect((await readdir(config)).some((name) => name.startsWith('relay.json.unreadable-'))).toBe(true);
  });

  it('says clearly when relay.json cannot be read', async () => {
    const server = await relay(await temp('relay-data'));
    const config = await temp('config');
    await mkdir(join(config, 'relay.json'));
    const result = await runCli(['listen', '--port', '0', '--relay', server.url], { env: { WINESITTING_HOOKS_CONFIG: config } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot read ${join(config, 'relay.json')}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('warns and resumes from the relay when its last event is before the position listen remembers', async () => {
    const server = await relay(await temp('relay-data'));
    const channel = await createChannel(server.url);
    for (let id = 1; id <= 2; id++) await post(channel.webhookUrl, sized(id, 3000));
    const config = await temp('config');
    await rememberChannel(config, server.url, channel, 10);
    const listen = await listenRelay(server.url, config);
    await listen.waitFor(/the relay's last event is #2, before this listen's position #10: it lost events/, 'stderr');
    await post(channel.webhookUrl, sized(3, 3000));
    expect(parseJsonLines((await listen.waitForLines(1)).join('\n')).map((l) => l.objectId)).toEqual([3]);
  });

  it.each([
    [404, 'creates a new channel'],
    [401, 'keeps the channel and its token'],
  ])('backs off against a relay that answers %i to everything, and %s only when it should', async (status) => {
    const seen: { method: string; at: number }[] = [];
    const fake: Server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', at: performance.now() });
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"error":"no"}');
    });
    fake.listen(0, '127.0.0.1');
    await once(fake, 'listening');
    servers.push({ close: () => new Promise((resolve) => fake.close(() => resolve())) });
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const config = await temp('config');
    const channel = { id: 'c'.repeat(24), token: 'the-token', webhookUrl: `${url}/c/${'c'.repeat(24)}` };
    await rememberChannel(config, url, channel);
    const listen = startCli(['listen', '--port', '0', '--relay', url], { env: { WINESITTING_HOOKS_CONFIG: config } });
    track(listen);
    while (seen.filter((s) => s.method === 'GET').length < 5) await new Promise((resolve) => setTimeout(resolve, 50));
    const gets = seen.filter((s) => s.method === 'GET');
    // Backoff with jitter waits at least 125 + 250 + 500 + 1000 ms between the first and the fifth attempt.
    expect(gets[4]!.at - gets[0]!.at).toBeGreaterThanOrEqual(1850);
    const remembered = JSON.parse(await readFile(join(config, 'relay.json'), 'utf8')).relays[url];
    if (status === 401) {
      expect(seen.filter((s) => s.method === 'POST')).toEqual([]);
      expect(remembered.token).toBe('the-token');
      expect(listen.stderr()).toContain("refused this channel's token (401");
    } else {
      expect(listen.stderr()).toMatch(/relay channel c{24} is gone from this relay \(404\), and a new channel could not be created .*; trying again in/);
      expect(listen.stderr()).not.toMatch(/Relay webhook URL: .*\(new: update it/);
    }
  });
});

/** Reads a channel's stream without keeping it, and resolves with the number of webhook frames once `count` arrived. */
async function countWebhookFrames(url: string, token: string, count: number): Promise<number> {
  const stream = httpRequest(url, { headers: { authorization: `Bearer ${token}` } });
  stream.end();
  const [response] = (await once(stream, 'response')) as [IncomingMessage];
  const separator = '\nevent: webhook\n';
  let frames = 0;
  // Shorter than the separator: a match split across chunks is found once, and none is counted twice.
  let tail = '';
  return new Promise((resolve) => {
    response.setEncoding('latin1');
    response.on('data', (chunk: string) => {
      const text = tail + chunk;
      frames += text.split(separator).length - 1;
      tail = text.slice(-(separator.length - 1));
      if (frames >= count) {
        response.destroy();
        resolve(frames);
      }
    });
  });
}
