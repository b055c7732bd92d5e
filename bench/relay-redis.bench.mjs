// The relay on its two stores, end to end on loopback, in one run: from the POST to the
// line `listen --relay --json` prints, with 20 concurrent senders and realistic traffic.
// Baseline: a bare SSE relay (receive, push to the one subscriber, no storage), read
// directly. Then the relay on files (fdatasync before each 200), on Redis with
// `appendfsync always` (fsync before each reply: the same promise), and two relay instances
// on that Redis, the posts alternating between them and listen streaming from the first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, measureBare, SENDERS, startListenRelay } from './lib/relay-timing.mjs';
import { startRedis } from './lib/redis-server.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 5000);
const bodies = realisticBodies(EVENTS);
const dir = mkdtempSync(join(tmpdir(), 'ws-relay-redis-bench-'));
const children = [];

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
  const ceiling = await measureBare('bare SSE relay, read directly', bodies);
  const file = await measureRelay('file store + listen', 1, ['--data', join(dir, 'data')]);
  let redisUrl;
  try {
    const redis = await startRedis({ persist: true });
    children.push(redis);
    redisUrl = redis.url;
  } catch (error) {
    console.log(`Redis store: skipped, ${error.message}`);
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
