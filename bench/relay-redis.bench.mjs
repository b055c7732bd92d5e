// The relay on its two stores, end to end on loopback, in one run: from the POST to the
// line `listen --relay --json` prints, with 20 concurrent senders and realistic traffic.
// Baseline: a bare SSE relay (receive, push to the one subscriber, no storage), read
// directly. Then the relay on files (fdatasync before each 200), on Redis with
// `appendfsync always` (fsync before each reply: the same promise), and two relay instances
// on that Redis, the posts alternating between them and listen streaming from the first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { lineReader, measure, SENDERS, startListenRelay } from './lib/relay-timing.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bareRelay = fileURLToPath(new URL('./lib/bare-relay.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 5000);
const bodies = realisticBodies(EVENTS);
const dir = mkdtempSync(join(tmpdir(), 'ws-relay-redis-bench-'));
const children = [];

async function startRedis() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  const redis = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push({ stop: () => redis.kill('SIGKILL') });
  await new Promise((resolve, reject) => {
    let out = '';
    redis.stdout.setEncoding('utf8').on('data', (d) => (out += d).includes('Ready to accept connections') && resolve());
    redis.on('exit', (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
  });
  return `redis://127.0.0.1:${port}`;
}

async function relayInstance(args) {
  const relay = await spawnServer([bin, 'relay', '--port', '0', '--rate-limit', '1000000', ...args]);
  children.push(relay);
  return relay.url.replace(/\/$/, '');
}

/** The relay instances on `args`, listen streaming from the first, the posts spread over all. */
async function measureRelay(label, instances, args) {
  const urls = [];
  for (let i = 0; i < instances; i++) urls.push(await relayInstance(args));
  const listen = await startListenRelay(bin, urls[0], join(dir, `config-${label.replace(/\W+/g, '-')}`), children);
  return measure(label, bodies, { urls: urls.map((url) => `${url}${listen.channelPath}`), lines: listen.lines });
}

try {
  console.log(`${describeTraffic(bodies)}; ${SENDERS} concurrent senders`);
  const bare = await spawnServer([bareRelay]);
  children.push(bare);
  const stream = await request(bare.url, { method: 'GET' });
  const ceiling = await measure('bare SSE relay, read directly', bodies, {
    urls: [`${bare.url}c/x`],
    lines: (onEvent) =>
      lineReader(stream.body, (line) => {
        if (line.startsWith('data: ')) onEvent(Buffer.from(JSON.parse(line.slice(6)).body, 'base64').toString());
      }),
  });
  stream.body.destroy();
  const file = await measureRelay('file store + listen', 1, ['--data', join(dir, 'data')]);
  let redisUrl;
  try {
    redisUrl = await startRedis();
  } catch (error) {
    console.log(`Redis store: skipped, redis-server did not start (${error.message})`);
  }
  if (redisUrl) {
    const one = await measureRelay('Redis store (AOF always) + listen', 1, ['--store', `${redisUrl}/0`]);
    const two = await measureRelay('2 instances on Redis + listen', 2, ['--store', `${redisUrl}/1`]);
    console.log(`\nRedis store: ${(one.rate / file.rate).toFixed(2)}× the file store; two instances ${(two.rate / one.rate).toFixed(2)}× one`);
    console.log(`file store: ${(file.rate / ceiling.rate).toFixed(2)}× the bare SSE relay; Redis store: ${(one.rate / ceiling.rate).toFixed(2)}×`);
  }
} finally {
  for (const child of children) await child.stop();
  rmSync(dir, { recursive: true, force: true });
}
