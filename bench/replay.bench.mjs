// replay's throughput and memory: 100,000 events of realistic traffic (bench/lib/traffic.mjs,
// ~230 MB of NDJSON) with 32 in flight to a bare node:http receiver, against autocannon
// posting the same bodies at the same concurrency, in the same run. Reported by wall clock
// (the validation pass included) and by the summary's sending rate. Targets: at least 0.6×
// autocannon, peak memory (VmHWM) under 200 MB.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postBodies, watchPeakMemory, writeNdjson } from './lib/load.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const bare = fileURLToPath(new URL('./lib/bare-server.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const CONCURRENCY = 32;
const dir = mkdtempSync(join(tmpdir(), 'ws-replay-bench-'));
const file = join(dir, 'events.ndjson');

try {
  const bodies = realisticBodies(EVENTS);
  await writeNdjson(file, bodies);
  console.log(`${describeTraffic(bodies)}, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON, ${CONCURRENCY} in flight`);

  const server = await spawnServer([bare]);
  const cannon = await postBodies(server.url, bodies, { connections: CONCURRENCY, amount: EVENTS });
  const cannonRate = cannon.requests.total / cannon.duration;
  console.log(`autocannon          ${Math.round(cannonRate)} events/s`);

  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'replay', file, '--to', server.url, '-c', String(CONCURRENCY), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const memory = watchPeakMemory(child.pid);
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (tail = (tail + d).slice(-4096)));
  const [code] = await once(child, 'exit');
  const peakKb = memory.stop();
  const seconds = (performance.now() - started) / 1000;
  await server.stop();
  const summary = JSON.parse(tail.trimEnd().split('\n').at(-1)).summary;
  const ratio = summary.eventsPerSecond / cannonRate;
  const wall = EVENTS / seconds / cannonRate;
  console.log(
    `replay              ${Math.round(EVENTS / seconds)} events/s by wall clock, ${Math.round(summary.eventsPerSecond)} sending (${seconds.toFixed(1)} s, exit ${code}, ${summary.delivered} delivered, ${summary.lost} lost, p99 ${summary.p99} ms)`,
  );
  console.log(
    `\nreplay ${wall.toFixed(2)}× autocannon by wall clock, ${ratio.toFixed(2)}× by sending rate (target ≥ 0.6×); peak memory ${(peakKb / 1024).toFixed(0)} MB (target < 200 MB)`,
  );
  process.exitCode = code === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
