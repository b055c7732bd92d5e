// replay's throughput and memory: 100,000 real-size events (~200 MB of NDJSON) with 32 in
// flight to a bare node:http receiver, against autocannon firing the same body at the same
// concurrency, in the same run. Targets: at least 0.6× autocannon's events per second,
// peak memory (VmHWM) under 200 MB.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvent } from '../dist/index.js';
import { spawnServer } from './lib/spawn-server.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bare = fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const CONCURRENCY = 32;
const dir = mkdtempSync(join(tmpdir(), 'ws-replay-bench-'));
const file = join(dir, 'events.ndjson');

try {
  const out = createWriteStream(file);
  let sample = '';
  for (let i = 0; i < EVENTS; i++) {
    const line = JSON.stringify(createEvent({ seed: i, lines: 2 }));
    if (i === 0) sample = line;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`${EVENTS} events, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON, ${CONCURRENCY} in flight`);

  const server = await spawnServer([bare]);
  const cannon = await autocannon({
    url: server.url,
    connections: CONCURRENCY,
    amount: EVENTS,
    method: 'POST',
    body: sample,
    headers: { 'content-type': 'application/json' },
  });
  const cannonRate = cannon.requests.total / cannon.duration;
  console.log(`autocannon          ${Math.round(cannonRate)} events/s`);

  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'replay', file, '--to', server.url, '-c', String(CONCURRENCY), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just ended.
    }
  }, 50);
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (tail = (tail + d).slice(-4096)));
  const [code] = await once(child, 'exit');
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  await server.stop();
  const summary = JSON.parse(tail.trimEnd().split('\n').at(-1)).summary;
  const ratio = summary.eventsPerSecond / cannonRate;
  console.log(
    `replay              ${Math.round(summary.eventsPerSecond)} events/s (${seconds.toFixed(1)} s wall, exit ${code}, ${summary.delivered} delivered, ${summary.lost} lost, p99 ${summary.p99} ms)`,
  );
  console.log(`\nreplay ${ratio.toFixed(2)}× autocannon (target ≥ 0.6×, aim 0.8×); peak memory ${(peakKb / 1024).toFixed(0)} MB (target < 200 MB, aim 100 MB)`);
  process.exitCode = ratio >= 0.6 && peakKb / 1024 < 200 && code === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
