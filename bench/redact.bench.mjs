// redact's cost: 100,000 events of realistic traffic (bench/lib/traffic.mjs, one NDJSON file)
// redacted into another folder, against `validate` of the same file, measured in the same run,
// alternately, so that machine noise hits both alike. Both read, parse and walk every event;
// redact also draws its fakes, serialises every event again, writes and fsyncs the file.
// Target: redact within 2× validate by wall clock, peak memory (VmHWM) under 200 MB. On Linux
// the CPU time of each is shown too: on a busy machine it varies less than the wall clock.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPeakMemory, writeNdjson } from './lib/load.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TARGET = 2;
const dir = mkdtempSync(join(tmpdir(), 'ws-redact-bench-'));
const file = join(dir, 'events.ndjson');
const env = { ...process.env, WINESITTING_HOOKS_CONFIG: join(dir, 'config'), NO_COLOR: '1' };

/** CPU time (user and system) of the children this process has waited for, in ms; NaN where /proc is missing. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime, in clock ticks of 1/100 s.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** Runs the CLI to its end; resolves with its wall time, CPU time and peak memory. */
async function time(args) {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const memory = watchPeakMemory(child.pid);
  const [code] = await once(child, 'exit');
  const peakKb = memory.stop();
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  return { ms: performance.now() - started, cpuMs: childrenCpuMs() - cpuBefore, peakKb };
}

try {
  const bodies = realisticBodies(EVENTS);
  await writeNdjson(file, bodies);
  console.log(`${describeTraffic(bodies)}, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON, ${ROUNDS} rounds`);

  const runs = { validate: [], redact: [] };
  let peakKb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    runs.validate.push(await time(['validate', file]));
    const redacted = join(dir, `out-${round}`);
    const run = await time(['redact', file, '--out', redacted, '--key', 'bench']);
    runs.redact.push(run);
    peakKb = Math.max(peakKb, run.peakKb);
    rmSync(redacted, { recursive: true, force: true });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medians = (name) => ({ ms: median(runs[name].map((r) => r.ms)), cpuMs: median(runs[name].map((r) => r.cpuMs)) });
  const validate = medians('validate');
  const redact = medians('redact');
  for (const [name, { ms, cpuMs }] of [
    ['validate', validate],
    ['redact', redact],
  ]) {
    console.log(`${name.padEnd(9)} ${(ms / 1000).toFixed(2)} s  ${Math.round(EVENTS / (ms / 1000))} events/s  (CPU ${(cpuMs / 1000).toFixed(2)} s)`);
  }
  const ratio = redact.ms / validate.ms;
  const verdict = ratio <= TARGET ? `target ≤ ${TARGET}×` : `OVER target ${TARGET}×`;
  const cpu = Number.isNaN(redact.cpuMs) ? '' : `, ${(redact.cpuMs / validate.cpuMs).toFixed(2)}× by CPU time`;
  console.log(`\nredact ${ratio.toFixed(2)}× validate by wall clock (${verdict})${cpu}; peak memory ${(peakKb / 1024).toFixed(0)} MB (target < 200 MB)`);
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
