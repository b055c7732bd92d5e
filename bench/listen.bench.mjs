// listen's throughput against a bare node:http server, side by side in one run, with
// autocannon: 50 connections, a real-size (~2 KB) ORDER event. Targets: listen --json at
// least 0.7× the bare server's requests per second; listen --json --save at least 0.7× a
// bare server that also writes each body to its own file.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../dist/index.js';
import { spawnServer } from './lib/spawn-server.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bare = fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 8);
const body = JSON.stringify(createEvent({ seed: 1, lines: 2 }));

async function measure(label, args) {
  const server = await spawnServer(args);
  // Warm-up, then the measured run.
  await autocannon({ url: server.url, connections: 50, duration: 1, method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const result = await autocannon({
    url: server.url,
    connections: 50,
    duration: DURATION,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  await server.stop();
  const errors = result.errors + result.non2xx;
  console.log(
    `${label.padEnd(30)} ${String(Math.round(result.requests.average)).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${errors ? `  (${errors} errors/non-2xx)` : ''}`,
  );
  return result;
}

console.log(`body ${body.length} bytes, 50 connections, ${DURATION} s per run`);
const folders = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-bench-'));
  folders.push(dir);
  return dir;
};
try {
  const base = await measure('bare node:http', [bare]);
  const baseParse = await measure('bare node:http + JSON.parse', [bare, '--parse']);
  const listen = await measure('listen --json', [bin, 'listen', '--port', '0', '--json']);
  const baseSave = await measure('bare node:http + file', [bare, '--save', folder()]);
  const listenSave = await measure('listen --json --save', [bin, 'listen', '--port', '0', '--json', '--save', folder()]);
  const ratio = listen.requests.average / base.requests.average;
  const ratioSave = listenSave.requests.average / baseSave.requests.average;
  console.log(`\nlisten --json        ${ratio.toFixed(2)}× bare (target ≥ 0.7×)  p99 ${listen.latency.p99} ms vs ${base.latency.p99} ms`);
  console.log(
    `listen --json        ${(listen.requests.average / baseParse.requests.average).toFixed(2)}× bare + JSON.parse (for scale: parsing alone costs the bare server ${(1 - baseParse.requests.average / base.requests.average).toFixed(2)} of its rate)`,
  );
  console.log(`listen --json --save ${ratioSave.toFixed(2)}× bare + file (target ≥ 0.7×)  p99 ${listenSave.latency.p99} ms vs ${baseSave.latency.p99} ms`);
  process.exitCode = ratio >= 0.7 && ratioSave >= 0.7 ? 0 : 1;
} finally {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
