// replay's throughput and memory: 100,000 events of realistic traffic (bench/lib/traffic.mjs,
// ~230 MB of NDJSON) with 32 in flight to a bare node:http receiver, against two baselines
// measured in the same run, posting the same bodies at the same concurrency: autocannon, and a
// bare undici Pool.dispatch loop (bench/lib/dispatch-loop.mjs: the client replay is built on,
// with nothing else). replay is timed by wall clock, from spawn to exit, its validation pass
// included; its summary's sending rate is shown beside. Targets: at least 0.6× autocannon by
// wall clock (aim 0.9×), peak memory (VmHWM) at most 150 MB (aim 100 MB).
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
const dispatchLoop = fileURLToPath(new URL('./lib/dispatch-loop.mjs', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const CONCURRENCY = 32;
const dir = mkdtempSync(join(tmpdir(), 'ws-replay-bench-'));
const file = join(dir, 'events.ndjson');

/** Runs a child to its exit, with its stdout's last 4 KB, its wall-clock seconds and its peak memory in MB. */
async function timed(args) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const memory = watchPeakMemory(child.pid);
  let tail = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (tail = (tail + d).slice(-4096)));
  const [code] = await once(child, 'exit');
  return { code, tail, seconds: (performance.now() - started) / 1000, peakMb: memory.stop() / 1024 };
}

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

try {
  const bodies = realisticBodies(EVENTS);
  await writeNdjson(file, bodies);
  console.log(`${describeTraffic(bodies)}, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON, ${CONCURRENCY} in flight`);

  const server = await spawnServer([bare]);
  const cannon = await postBodies(server.url, bodies, { connections: CONCURRENCY, amount: EVENTS });
  const cannonRate = cannon.requests.total / cannon.duration;
  console.log(`autocannon          ${Math.round(cannonRate)} events/s`);

  const loop = await timed([dispatchLoop, server.url, file, String(CONCURRENCY)]);
  const { events: loopEvents, seconds: loopSeconds } = JSON.parse(loop.tail);
  const loopRate = loopEvents / loopSeconds;
  console.log(`Pool.dispatch loop  ${Math.round(loopRate)} events/s (the file read into memory first)`);

  const run = await timed([bin, 'replay', file, '--to', server.url, '-c', String(CONCURRENCY), '--json']);
  await server.stop();
  const summary = JSON.parse(run.tail.trimEnd().split('\n').at(-1)).summary;
  const wallRate = EVENTS / run.seconds;
  console.log(
    `replay              ${Math.round(wallRate)} events/s by wall clock, ${Math.round(summary.eventsPerSecond)} sending (${run.seconds.toFixed(1)} s, exit ${run.code}, ${summary.delivered} delivered, ${summary.lost} lost, p99 ${summary.p99} ms)`,
  );
  console.log(
    `\nreplay by wall clock: ${ratio(wallRate, cannonRate)} autocannon (target ≥ 0.6×, aim 0.9×), ${ratio(wallRate, loopRate)} the Pool.dispatch loop;` +
      ` by sending rate: ${ratio(summary.eventsPerSecond, cannonRate)} autocannon, ${ratio(summary.eventsPerSecond, loopRate)} the loop;` +
      ` peak memory ${run.peakMb.toFixed(0)} MB (target ≤ 150 MB, aim 100 MB)`,
  );
  process.exitCode = run.code === 0 && loop.code === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
