// redact's cost: 100,000 events of realistic traffic (bench/lib/traffic.mjs, one NDJSON file)
// redacted into another folder, against `validate` of the same file, measured in the same run,
// alternately, so that machine noise hits both alike. Both read, parse and walk every event;
// redact also draws its fakes, writes every event again and fsyncs the file. Target: redact
// within 2× validate, peak memory (VmHWM) under 200 MB.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TARGET = 2;
const dir = mkdtempSync(join(tmpdir(), 'ws-redact-bench-'));
const file = join(dir, 'events.ndjson');
const env = { ...process.env, WINESITTING_HOOKS_CONFIG: join(dir, 'config'), NO_COLOR: '1' };

/** Runs the CLI to its end; resolves with its wall time and peak memory. */
async function time(args) {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // The process has just ended, or this is not Linux.
    }
  }, 50);
  const [code] = await once(child, 'exit');
  clearInterval(poll);
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  return { ms: performance.now() - started, peakKb };
}

try {
  const bodies = realisticBodies(EVENTS);
  const out = createWriteStream(file);
  for (const line of bodies) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  console.log(`${describeTraffic(bodies)}, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON, ${ROUNDS} rounds`);

  const runs = { validate: [], redact: [] };
  let peakKb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    runs.validate.push((await time(['validate', file])).ms);
    const redacted = join(dir, `out-${round}`);
    const run = await time(['redact', file, '--out', redacted, '--key', 'bench']);
    runs.redact.push(run.ms);
    peakKb = Math.max(peakKb, run.peakKb);
    rmSync(redacted, { recursive: true, force: true });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const validate = median(runs.validate);
  const redact = median(runs.redact);
  console.log(`validate  ${(validate / 1000).toFixed(2)} s  ${Math.round(EVENTS / (validate / 1000))} events/s`);
  console.log(`redact    ${(redact / 1000).toFixed(2)} s  ${Math.round(EVENTS / (redact / 1000))} events/s`);
  const ratio = redact / validate;
  console.log(
    `\nredact ${ratio.toFixed(2)}× validate (target ≤ ${TARGET}×)${ratio <= TARGET ? '' : ' OVER target'}; peak memory ${(peakKb / 1024).toFixed(0)} MB (target < 200 MB)`,
  );
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
