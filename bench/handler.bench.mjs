// The handler kit's cost in an Express app, side by side in one run, with autocannon (50
// connections) posting realistic traffic (bench/lib/traffic.mjs: distinct orders created then
// updated, putaways, a few duplicates). Baseline: the same app with a bare `express.raw()` route
// that answers 200. The kit with memoryStore must keep at least 75 % of its throughput; with
// redisStore (a local redis-server, no persistence) and fileStore (an fsync per batch), the
// figures are reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postBodies } from './lib/load.mjs';
import { startRedis } from './lib/redis-server.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const app = fileURLToPath(new URL('./lib/express-handler-server.mjs', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 8);
const BUDGET = 0.25;
const ROUNDS = Number(process.env.ROUNDS ?? 2);

/** Runs of one server as one: mean throughput, worst p99. */
const combine = (runs) => ({
  requests: { average: runs.reduce((sum, r) => sum + r.requests.average, 0) / runs.length },
  latency: { p99: Math.max(...runs.map((r) => r.latency.p99)) },
  cpuPerRequest: runs.reduce((sum, r) => sum + r.cpuPerRequest, 0) / runs.length,
});
const bodies = realisticBodies(Number(process.env.EVENTS ?? 120_000));

const fire = (url, duration) => postBodies(url, bodies, { connections: 50, duration });

async function measure(label, args) {
  const server = await spawnServer([app, ...args]);
  let stderr = '';
  server.child.stderr.on('data', (d) => (stderr += d));
  await fire(server.url, 1);
  const result = await fire(server.url, DURATION);
  await server.stop();
  const [, cpu, requests] = /cpu (\d+) requests (\d+)/.exec(stderr) ?? [];
  result.cpuPerRequest = Number(cpu) / Number(requests);
  const errors = result.errors + result.non2xx;
  console.log(
    `${label.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ${Math.round(result.cpuPerRequest)} µs CPU/request${errors ? `  (${errors} errors/non-2xx)` : ''}`,
  );
  return result;
}

console.log(`${describeTraffic(bodies)}; 50 connections, ${DURATION} s per run, ${ROUNDS} rounds of the baseline and the kit with memoryStore`);
const dir = mkdtempSync(join(tmpdir(), 'ws-bench-inbox-'));
// A local redis-server without persistence, or why there is none.
const redis = await startRedis().then(
  (server) => ({ server }),
  (error) => ({ problem: error.message }),
);
let failed = false;
try {
  // The machine may be shared: the baseline and the kit take turns, and each is judged on its total.
  const bares = [];
  const memories = [];
  for (let round = 0; round < ROUNDS; round++) {
    bares.push(await measure('Express, bare express.raw() → 200', ['bare']));
    memories.push(await measure('Express + kit, memoryStore', ['memory']));
  }
  const bare = combine(bares);
  const memory = combine(memories);
  const file = await measure('Express + kit, fileStore', ['file', dir]);
  const viaRedis = redis.server ? await measure('Express + kit, redisStore', ['redis', redis.server.url]) : null;
  const ratio = (a) => (a.requests.average / bare.requests.average).toFixed(2);
  const cost = 1 - memory.requests.average / bare.requests.average;
  failed = cost > BUDGET;
  const cpu = (a) => `${(a.cpuPerRequest / bare.cpuPerRequest).toFixed(2)}× its CPU per request`;
  console.log(
    `\nkit + memoryStore ${ratio(memory)}× bare Express: costs ${Math.round(cost * 100)} % of the throughput (budget ${BUDGET * 100} %)${failed ? ' — OVER BUDGET' : ''}; ${cpu(memory)}`,
  );
  console.log(`kit + fileStore   ${ratio(file)}× bare Express, ${cpu(file)}  p99 ${file.latency.p99} ms vs ${bare.latency.p99} ms`);
  if (viaRedis) console.log(`kit + redisStore  ${ratio(viaRedis)}× bare Express, ${cpu(viaRedis)}  p99 ${viaRedis.latency.p99} ms vs ${bare.latency.p99} ms`);
  else console.log(`kit + redisStore  not measured: ${redis.problem}`);
} finally {
  await redis.server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
