// listen's throughput against bare node:http servers, side by side in one run, with
// autocannon (50 connections) posting realistic traffic: distinct orders created then
// updated, putaways, a few duplicates (bench/lib/traffic.mjs). Baselines:
// - bare node:http, for scale;
// - a bare server that parses each body and prints one NDJSON line per event, the fair
//   ceiling for `listen --json`, which must show every event;
// - a bare server that writes each body to its own file, flushed before the rename, the
//   same promise `listen --save` makes (and, for scale, without the flush).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postBodies } from './lib/load.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bare = fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 8);
const bodies = realisticBodies(Number(process.env.EVENTS ?? 120_000));

const fire = (url, duration) => postBodies(url, bodies, { connections: 50, duration });

async function measure(label, args) {
  const server = await spawnServer(args);
  await fire(server.url, 1);
  const result = await fire(server.url, DURATION);
  await server.stop();
  const errors = result.errors + result.non2xx;
  console.log(
    `${label.padEnd(34)} ${String(Math.round(result.requests.average)).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${errors ? `  (${errors} errors/non-2xx)` : ''}`,
  );
  return result;
}

console.log(`${describeTraffic(bodies)}; 50 connections, ${DURATION} s per run`);
const folders = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-bench-'));
  folders.push(dir);
  return dir;
};
const ratio = (a, b) => (a.requests.average / b.requests.average).toFixed(2);
try {
  const plain = await measure('bare node:http', [bare]);
  const printing = await measure('bare parse + print NDJSON', [bare, '--print']);
  const listen = await measure('listen --json', [bin, 'listen', '--port', '0', '--json']);
  const fileOnly = await measure('bare + file per event', [bare, '--save', folder()]);
  const fileFlushed = await measure('bare + file per event, fsync', [bare, '--save', folder(), '--fsync']);
  const listenSave = await measure('listen --json --save', [bin, 'listen', '--port', '0', '--json', '--save', folder()]);
  console.log(
    `\nlisten --json        ${ratio(listen, printing)}× bare parse + print   (${ratio(listen, plain)}× bare node:http)  p99 ${listen.latency.p99} ms vs ${printing.latency.p99} ms`,
  );
  console.log(
    `listen --json --save ${ratio(listenSave, fileFlushed)}× bare file + fsync    (${ratio(listenSave, fileOnly)}× without the fsync)  p99 ${listenSave.latency.p99} ms vs ${fileFlushed.latency.p99} ms`,
  );
} finally {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
