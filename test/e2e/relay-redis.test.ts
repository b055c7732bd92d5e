import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { parseJsonLines, runCli, type RunningCli } from '../helpers/cli.js';
import { post } from '../helpers/listen.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { createChannel, rememberChannel, startListenRelay, startRelayCli, temp, type CreatedChannel } from '../helpers/relay.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { selfSignedCertificate } from '../helpers/tls.js';

const processes: RunningCli[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
let shared: RedisServer;
beforeAll(async () => {
  shared = await startRedisServer();
});
afterAll(async () => {
  await shared.stop();
});
const track = (cli: RunningCli) => processes.push(cli);
/** A relay instance on database 0 of `redis` (its --data is never used). */
const relayOn = async (redis: RedisServer, args: string[] = []) =>
  startRelayCli(await temp('unused-data'), ['--store', `${redis.url}/0`, '--rate-limit', '100000', ...args], track);
const event = (id: number) => JSON.stringify(createEvent({ seed: id, id }));
const webhookOn = (relayUrl: string, channel: CreatedChannel) => `${relayUrl}/c/${channel.id}`;

async function freshRedis(durable = false): Promise<RedisServer> {
  const redis = await startRedisServer({ durable });
  cleanups.push(() => redis.stop());
  return redis;
}

describe('relay --store redis://: many instances, one set of channels', () => {
  it('loads the Redis client only when --store asks for it: --help and relay --help do not', () => {
    const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
    const script = `import { createRequire } from 'node:module';
      const { main } = await import(${JSON.stringify(cli)});
      await main(['--help']);
      await main(['relay', '--help']);
      console.log('ioredis loaded:', Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/ioredis/')));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })).toMatch(/ioredis loaded: false\n$/);
  });

  it('exits 1 naming the URL when Redis cannot be reached at start', async () => {
    const redis = await freshRedis();
    await redis.kill();
    const result = await runCli(['relay', '--port', '0', '--store', redis.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach Redis at ${redis.url} (connect ECONNREFUSED`);
    expect(result.stderr).toMatch(/Start Redis there, or point --store at one that answers/);
  });

  it('refuses --redis-wait without --store as a usage error (exit 2)', async () => {
    const result = await runCli(['relay', '--port', '0', '--redis-wait', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--redis-wait applies to the Redis store only: add --store redis://host:6379, or drop --redis-wait.');
  });

  it('exits 1 on a database Redis does not have, instead of writing into database 0', async () => {
    const result = await runCli(['relay', '--port', '0', '--store', `${shared.url}/99`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Redis at ${shared.url}/99 has no database 99 (ERR DB index is out of range)`);
    expect(await shared.cli('-n', '0', 'DBSIZE')).toBe('0\n');
  });

  it('exits 1 saying to put the password in the URL when Redis wants one, or refuses it, without printing it', async () => {
    const redis = await startRedisServer({ args: ['--requirepass', 'hunter2'] });
    cleanups.push(() => redis.stop());
    const none = await runCli(['relay', '--port', '0', '--store', redis.url]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/refused the relay \(NOAUTH\): it needs a password\. Put it in the --store URL: redis:\/\/:<password>@host:6379/);
    expect(none.stderr).not.toMatch(/Start Redis there/);
    const wrong = await runCli(['relay', '--port', '0', '--store', redis.url.replace('//', '//:letmein@')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the relay \(WRONGPASS\): the password in the URL was refused\. Put it in the --store URL/);
    expect(wrong.stderr).not.toContain('letmein');
  });

  it('speaks TLS with rediss://, and refuses to start on a certificate it does not trust', async () => {
    const certificate = await selfSignedCertificate();
    const redis = await startRedisServer({ tls: certificate });
    cleanups.push(() => redis.stop());
    const untrusted = await runCli(['relay', '--port', '0', '--store', redis.url]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain(`cannot reach Redis at ${redis.url} (self-signed certificate)`);
    const relay = await startRelayCli(await temp('unused-data'), ['--store', redis.url], track, { NODE_EXTRA_CA_CERTS: certificate.certFile });
    const channel = await createChannel(relay.url);
    expect((await post(channel.webhookUrl, event(1))).status).toBe(200);
  });

  it('delivers every acknowledged event once, in order, while events go to two instances and the streaming one is killed and restarted', async () => {
    const redis = await freshRedis();
    const first = await relayOn(redis);
    const second = await relayOn(redis);
    const proxy = await startTcpProxy(Number(first.port));
    cleanups.push(() => proxy.close());
    const listen = await startListenRelay(proxy.url, await temp('config'), [], track);
    const id = new URL(listen.webhookUrl).pathname.split('/')[2]!;
    const acknowledged: number[] = [];
    const postTo = async (relayUrl: string, n: number) => {
      const answer = await post(`${relayUrl}/c/${id}`, event(n));
      expect(answer.status).toBe(200);
      acknowledged.push(n);
    };
    for (let n = 1; n <= 20; n++) await postTo(n % 2 ? first.url : second.url, n);
    await listen.waitForLines(10);
    await first.stop('SIGKILL');
    for (let n = 21; n <= 30; n++) await postTo(second.url, n);
    const again = await relayOn(redis);
    proxy.target = Number(again.port);
    for (let n = 31; n <= 40; n++) await postTo(n % 2 ? again.url : second.url, n);
    const lines = parseJsonLines((await listen.waitForLines(40)).join('\n'));
    expect(lines.map((line) => line.objectId)).toEqual(acknowledged);
    expect(listen.stderr()).toMatch(/relay connected, resuming after #\d+/);
  });

  it('loses no acknowledged event when Redis (AOF, fsync always) is killed and restarted during posts, and answers 503 with Retry-After meanwhile, and tells listen', async () => {
    const redis = await freshRedis(true);
    const relay = await relayOn(redis);
    const channel = await createChannel(relay.url);
    const config = await temp('config');
    await rememberChannel(config, relay.url, channel);
    const listen = await startListenRelay(relay.url, config, [], track);
    const acknowledged: number[] = [];
    const refused: { status: number; retryAfter: string | null }[] = [];
    let n = 0;
    const postOne = async () => {
      const answer = await post(webhookOn(relay.url, channel), event(++n));
      if (answer.status === 200) acknowledged.push(n);
      else refused.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') });
      return answer.status;
    };
    // Posts keep coming, one after the other, while Redis dies and comes back.
    const state = { posting: true };
    const poster = (async () => {
      while (state.posting) await postOne();
    })();
    while (acknowledged.length < 15) await new Promise((resolve) => setImmediate(resolve));
    await redis.kill();
    while (refused.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(503);
    await relay.waitFor(/lost Redis at redis:\/\/127\.0\.0\.1:\d+.*reconnecting/, 'stderr');
    await redis.restart();
    await relay.waitFor(/Redis at redis:\/\/127\.0\.0\.1:\d+\/0 is back/, 'stderr');
    const resumed = acknowledged.length;
    while (acknowledged.length < resumed + 10) await new Promise((resolve) => setImmediate(resolve));
    state.posting = false;
    await poster;
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 503 && r.retryAfter === '5')).toBe(true);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);

    const received = parseJsonLines((await listen.waitForLines(acknowledged.length)).join('\n')).map((line) => line.objectId as number);
    // Every acknowledged event is there, in order; a post refused while its reply was lost may be there too.
    expect(received.filter((id) => acknowledged.includes(id))).toEqual(acknowledged);
    expect(listen.stderr()).toMatch(/the relay lost its store: events posted to it now are refused \(503\)/);
  });

  it('when Redis restarts from an older snapshot (no AOF), says so on both sides, and the connected listen gets the events posted after it', async () => {
    const redis = await freshRedis();
    const relay = await relayOn(redis);
    const listen = await startListenRelay(relay.url, await temp('config'), [], track);
    const postEvent = async (n: number) => expect((await post(listen.webhookUrl, event(n))).status).toBe(200);
    for (let n = 1; n <= 3; n++) await postEvent(n);
    await redis.cli('SAVE');
    for (let n = 4; n <= 6; n++) await postEvent(n);
    await listen.waitForLines(6);
    await redis.kill();
    await relay.waitFor(/lost Redis at/, 'stderr');
    await redis.restart();
    await relay.waitFor(/Redis at redis:\/\/127\.0\.0\.1:\d+\/0 is back/, 'stderr');
    for (let n = 7; n <= 9; n++) await postEvent(n);
    const lines = parseJsonLines((await listen.waitForLines(9)).join('\n'));
    expect(lines.map((line) => line.objectId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Whether a post or the relay's own check comes first after the restart, the loss is said on both sides.
    await relay.waitFor(/came back without some of its data .*had events up to #6, now #[34]\b/, 'stderr');
    expect(listen.stderr()).toMatch(/the relay's last event is #3, before this listen's position #6|the relay lost events #4–#6/);
  });

  it('when Redis comes back empty, ends the stream with a frame, and listen says the channel is gone and takes a new one', async () => {
    const redis = await freshRedis();
    const relay = await relayOn(redis);
    const listen = await startListenRelay(relay.url, await temp('config'), [], track);
    expect((await post(listen.webhookUrl, event(1))).status).toBe(200);
    await listen.waitForLines(1);
    await redis.restart();
    // A channel id may hold a dash: its first eight characters are matched as they are.
    const id = new URL(listen.webhookUrl).pathname.split('/')[2]!;
    await relay.waitFor(new RegExp(`came back without channel ${id.slice(0, 8)}, which had events up to #1`), 'stderr');
    const [, newUrl] = await listen.waitFor(/is gone from this relay \(404\): created a new channel\nRelay webhook URL: (\S+)/, 'stderr');
    expect(listen.stderr()).toMatch(/the relay ended the stream \(.+\); reconnecting/);
    expect(listen.stderr()).not.toMatch(/HTTP\/1\.1 protocol|Invalid EOF/);
    expect((await post(newUrl!, event(2))).status).toBe(200);
    expect(parseJsonLines((await listen.waitForLines(2)).join('\n')).map((line) => line.objectId)).toEqual([1, 2]);
  });

  it('when the relay ends every stream at once (it cannot read the channel), listen reconnects with backoff, not in a tight loop', async () => {
    const redis = await freshRedis();
    const relay = await relayOn(redis, ['--json']);
    const channel = await createChannel(relay.url);
    expect((await post(webhookOn(relay.url, channel), event(1))).status).toBe(200);
    // The channel's events are no longer a stream: every read of them fails, and the relay restarts the stream.
    const events = `wsh:relay:c:${channel.id}:events`;
    await redis.cli('DEL', events);
    await redis.cli('SET', events, 'not a stream');
    const config = await temp('config');
    await rememberChannel(config, relay.url, channel);
    const listen = await startListenRelay(relay.url, config, [], track);
    await relay.waitFor(/(?:"kind":"subscribed"[^]*){4}/, 'stdout');
    const connected = parseJsonLines(relay.stdout())
      .filter((line) => line.kind === 'subscribed')
      .map((line) => Date.parse(line.at as string));
    // Backoff waits at least 0.125, 0.25 and 0.5 s before the second, third and fourth connections.
    expect(connected[3]! - connected[0]!).toBeGreaterThanOrEqual(850);
    expect(listen.stderr()).toMatch(/the relay ended the stream \(the relay could not read the channel\); reconnecting in \d+\.\d s/);
  });

  it('with --redis-wait and a replica missing, answers 503 saying the event is stored on the primary and may still arrive, and relays it', async () => {
    const relay = await relayOn(shared, ['--redis-wait', '1']);
    const listen = await startListenRelay(relay.url, await temp('config'), [], track);
    const answer = await post(listen.webhookUrl, event(1));
    expect(answer.status).toBe(503);
    expect((JSON.parse(answer.body) as { error: string }).error).toMatch(
      /stored on the Redis primary and will be relayed, but is not yet on 1 of the 1 replicas asked for \(--redis-wait\) after 2 s\. WineSitting does not retry: it counts this event as lost, yet it may still arrive\./,
    );
    expect(parseJsonLines((await listen.waitForLines(1)).join('\n'))[0]).toMatchObject({ objectId: 1 });
  });

  it('applies the admin token and --max-channels across instances, and answers /healthz', async () => {
    const redis = await freshRedis();
    const args = ['--admin-token', 'sesame', '--max-channels', '2'];
    const [a, b] = [await relayOn(redis, args), await relayOn(redis, args)];
    const create = (url: string, token?: string) => fetch(`${url}/channels`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await create(a.url)).status).toBe(401);
    expect((await create(a.url, 'wrong')).status).toBe(401);
    expect((await create(a.url, 'sesame')).status).toBe(201);
    expect((await create(b.url, 'sesame')).status).toBe(201);
    const full = await create(b.url, 'sesame');
    expect(full.status).toBe(507);
    expect(await full.text()).toMatch(/maximum of 2 channels \(--max-channels\)/);
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ channels: 2 });
  });

  it('shares one rate allowance per channel between instances', async () => {
    const redis = await freshRedis();
    const [a, b] = [await relayOn(redis, ['--rate-limit', '5']), await relayOn(redis, ['--rate-limit', '5'])];
    const channel = await createChannel(a.url);
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => post(webhookOn(i % 2 ? a.url : b.url, channel), event(i + 1))));
    const seconds = (Date.now() - started) / 1000;
    const accepted = statuses.filter((s) => s.status === 200).length;
    // One allowance for the channel, whichever instance takes the post: a burst of twice the rate,
    // plus the rate for however long the posts took (measured, so a slow machine does not fail it).
    // Two allowances would accept twice that, up to the 30 posts each instance got.
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(10 + Math.ceil(5 * seconds) + 1);
    expect(statuses.find((s) => s.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it.each(['file', 'redis'])('removes a channel nobody read for --channel-ttl, with its events (%s store)', async (store) => {
    const args = ['--channel-ttl', '1s'];
    const relay = store === 'redis' ? await relayOn(await freshRedis(), args) : await startRelayCli(await temp('relay-data'), args, track);
    // A channel being streamed is not removed: the post lands before the TTL can count, however slow the machine.
    const { channel, stream } = await streamedChannel(relay.url);
    expect((await post(channel.webhookUrl, event(1))).status).toBe(200);
    stream.destroy();
    await relay.waitFor(new RegExp(`${channel.id.slice(0, 8)} channel removed with its events: nobody read it for 1s \\(--channel-ttl\\)`), 'stdout');
    expect((await post(channel.webhookUrl, event(2))).status).toBe(404);
  });

  it.each([
    // A post's rate check waits, and the stream's channel lookup queues behind it on the relay's command connection.
    ['its channel was looked up', 'eval', true],
    // A stream's first read of a channel marks it as read, a write, before it reads where the channel is.
    ['its channel was opened', 'zadd', false],
  ])(
    'forgets a listener that left while %s: it never counts as connected, and the next one is not refused (--max-subscribers 1)',
    async (_, command, posting) => {
      const redis = await freshRedis();
      const relay = await relayOn(redis, ['--max-subscribers', '1', '--max-streams', '1']);
      const channel = await createChannel(relay.url);
      // Redis holds every write, and what a connection sends after one, until UNPAUSE.
      await redis.cli('CLIENT', 'PAUSE', '4000', 'WRITE');
      const posted = posting ? post(webhookOn(relay.url, channel), event(1)) : null;
      if (posting) await relayWaitsOn(redis, command);
      const leaving = await openStream(relay.url, channel);
      if (!posting) await relayWaitsOn(redis, command);
      await leaving.leave();
      await redis.cli('CLIENT', 'UNPAUSE');
      if (posted) expect((await posted).status).toBe(200);
      const next = await fetch(`${relay.url}/c/${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } });
      expect(next.status).toBe(200);
      await next.body!.cancel();
      const [, listening] = await relay.waitFor(/listen disconnected \((\d+) listening\)/, 'stdout');
      expect(listening).toBe('0');
      expect(relay.stdout().match(/listen connected/g)).toHaveLength(1);
    },
  );

  it('serves 1,000 SSE clients on one instance with two Redis connections, and wakes them all with one event', async () => {
    const relay = await relayOn(shared, ['--max-subscribers', '100', '--max-streams', '1000']);
    const channels = await Promise.all(Array.from({ length: 10 }, () => createChannel(relay.url)));
    const requests: ClientRequest[] = [];
    cleanups.push(() => {
      for (const req of requests) req.destroy();
      return Promise.resolve();
    });
    const woken = new Set<number>();
    let allWoken!: () => void;
    const everyoneWoken = new Promise<void>((resolve) => {
      allWoken = resolve;
    });
    const connected = await Promise.all(
      Array.from(
        { length: 1000 },
        (_, i) =>
          new Promise<void>((resolve, reject) => {
            const channel = channels[i % 10]!;
            const req = httpRequest(`${relay.url}/c/${channel.id}/events`, { agent: false, headers: { authorization: `Bearer ${channel.token}` } }, (res) => {
              let text = '';
              res.setEncoding('utf8').on('data', (chunk: string) => {
                text += chunk;
                if (text.includes('event: hello')) resolve();
                if (text.includes('event: webhook') && !woken.has(i)) {
                  woken.add(i);
                  if (woken.size === 1000) allWoken();
                }
              });
            });
            req.on('error', reject);
            req.end();
            requests.push(req);
          }),
      ),
    );
    expect(connected).toHaveLength(1000);
    const clients = (await shared.cli('CLIENT', 'LIST')).split('\n').filter((line) => line.includes('name=winesitting-relay'));
    expect(clients.map((line) => /name=(\S+)/.exec(line)![1]).sort()).toEqual(['winesitting-relay', 'winesitting-relay-watch']);
    for (const channel of channels) expect((await post(channel.webhookUrl, event(1))).status).toBe(200);
    await everyoneWoken;
  });
});

/** A new channel with its stream open; a channel removed before its stream opened (a slow machine, a short TTL) is replaced. */
async function streamedChannel(relayUrl: string): Promise<{ channel: CreatedChannel; stream: ClientRequest }> {
  for (;;) {
    const channel = await createChannel(relayUrl);
    const stream = httpRequest(`${relayUrl}/c/${channel.id}/events`, { headers: { authorization: `Bearer ${channel.token}` } });
    const status = await new Promise<number>((resolve, reject) => {
      stream.on('response', (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          resolve(res.statusCode ?? 0);
          return;
        }
        res.setEncoding('utf8').on('data', (chunk: string) => {
          if (chunk.includes('event: hello')) resolve(200);
        });
      });
      stream.on('error', reject);
      stream.end();
    });
    if (status === 200) return { channel, stream };
    expect(status).toBe(404);
  }
}

/** Resolves once the relay's command connection waits on a command starting with `command` (held by CLIENT PAUSE). */
async function relayWaitsOn(redis: RedisServer, command: string): Promise<void> {
  const waiting = (list: string) => list.split('\n').some((line) => /name=winesitting-relay .*flags=\w*b/.test(line) && line.includes(` cmd=${command}`));
  await expect.poll(async () => waiting(await redis.cli('CLIENT', 'LIST')), { timeout: 10_000 }).toBe(true);
}

/** Opens a channel's stream on a bare socket; `leave()` hangs up and resolves once the relay has closed the connection too. */
async function openStream(relayUrl: string, channel: CreatedChannel): Promise<{ leave(): Promise<void> }> {
  const { hostname, port } = new URL(relayUrl);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.write(`GET /c/${channel.id}/events HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${channel.token}\r\n\r\n`);
  socket.resume();
  return {
    async leave() {
      socket.end();
      await once(socket, 'close');
    },
  };
}
