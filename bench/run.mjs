// Runs the benchmarks: `npm run bench` for all, `npm run bench -- startup listen` for some.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace('.bench.mjs', ''))
  .sort();
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;
let failed = false;
for (const name of wanted) {
  if (!all.includes(name)) {
    console.error(`No benchmark "${name}". Known: ${all.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', `${here}${name}.bench.mjs`], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
