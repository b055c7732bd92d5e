// Start-up cost, measured side by side with `node -e 0` in the same run, interleaved so
// that machine noise hits every command alike. Targets: --version and --help within 1.5×,
// send --dry-run within 4×.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const commands = {
  'node -e 0': ['-e', '0'],
  '--version': [bin, '--version'],
  '--help': [bin, '--help'],
  'send --dry-run': [bin, 'send', '--dry-run', '--seed', '1'],
};
const targets = { '--version': 1.5, '--help': 1.5, 'send --dry-run': 4 };
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));

for (let round = 0; round < ROUNDS + 3; round++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    if (round >= 3) times[name].push(ms); // the first rounds warm the file cache
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(times['node -e 0']);
console.log(`${ROUNDS} rounds, median wall time per command`);
let ok = true;
for (const name of Object.keys(commands)) {
  const ms = median(times[name]);
  const ratio = ms / base;
  const target = targets[name];
  const verdict = target ? (ratio <= target ? `ok (target ≤ ${target}×)` : `OVER target ${target}×`) : 'baseline';
  if (target && ratio > target) ok = false;
  console.log(`${name.padEnd(16)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×  ${verdict}`);
}
process.exitCode = ok ? 0 : 1;
