// What the inspector costs when a developer keeps it open: `listen --json` throughput with the
// page open in Debian's Chromium (headless, as a plain browser: no automation attached, which
// would report every stream message to the test driver) against `listen --json --no-inspector`,
// and with the inspector on but no page open; alternating rounds, autocannon posting realistic
// traffic (bench/lib/traffic.mjs), 50 connections. Also the CPU each takes per event: on this
// 2-core machine the browser's share comes out of the receiver's. Target: the open page slows
// the receiver by no more than 10 %.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postBodies } from './lib/load.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DURATION = Number(process.env.DURATION ?? 6);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const bodies = realisticBodies(Number(process.env.EVENTS ?? 120_000));

const fire = (url, duration) => postBodies(url, bodies, { connections: 50, duration });

/** CPU time (user + system, in clock ticks) of a process and its descendants (Linux; 0 elsewhere). */
function cpuTicks(root) {
  try {
    const stats = new Map();
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        stats.set(Number(pid), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // Gone meanwhile.
      }
    }
    const within = (pid) => pid === root || (stats.has(pid) && stats.get(pid).parent !== pid && pid > 1 && within(stats.get(pid).parent));
    let ticks = 0;
    for (const [pid, stat] of stats) if (within(pid)) ticks += stat.ticks;
    return ticks;
  } catch {
    return 0;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A plain headless Chromium showing `url`; resolves once the page's live stream is connected (its title says so). */
async function openBrowser(url) {
  const profile = mkdtempSync(join(tmpdir(), 'ws-bench-chromium-'));
  const child = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0', `--user-data-dir=${profile}`, url], {
    stdio: 'ignore',
    // Its own process group: stopping it stops its renderer and helpers too.
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    process.kill(-child.pid, 'SIGTERM');
    await exited;
    // Its renderer and helpers end after it: the next run starts on a quiet machine.
    for (let waited = 0; waited < 5000 && groupAlive(child.pid); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.error(`(could not remove ${profile}: ${error.message})`);
    }
  };
  for (let waited = 0; waited < 20_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    let port;
    try {
      port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    } catch {
      continue;
    }
    const pages = await fetch(`http://127.0.0.1:${port}/json/list`)
      .then((r) => r.json())
      .catch(() => []);
    if (pages.some((page) => page.title === 'winesitting-hooks inspector')) return { pid: child.pid, stop };
  }
  await stop();
  throw new Error(`the inspector page did not connect within 20 s in ${CHROMIUM}`);
}

async function measure(variant) {
  const server = await spawnServer([bin, 'listen', '--port', '0', '--json', ...(variant === 'off' ? ['--no-inspector'] : [])]);
  const browser = variant === 'page' ? await openBrowser(`${server.url}_inspect/`) : null;
  try {
    await fire(server.url, 1);
    const before = { listen: cpuTicks(server.child.pid), browser: browser ? cpuTicks(browser.pid) : 0 };
    const result = await fire(server.url, DURATION);
    const events = result.requests.total;
    result.listenUs = ((cpuTicks(server.child.pid) - before.listen) * 10_000) / events;
    result.browserUs = browser ? ((cpuTicks(browser.pid) - before.browser) * 10_000) / events : 0;
    const errors = result.errors + result.non2xx;
    if (errors) console.log(`  (${variant}: ${errors} errors/non-2xx)`);
    return result;
  } finally {
    await browser?.stop();
    await server.stop();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = { off: [], idle: [], page: [] };
console.log(`${describeTraffic(bodies)}; 50 connections, ${DURATION} s per run, ${ROUNDS} rounds`);
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of ['off', 'page', 'idle']) runs[variant].push(await measure(variant));
}
const rate = (variant) => median(runs[variant].map((r) => r.requests.average));
const of = (variant, field) => median(runs[variant].map((r) => r[field]));
const labels = { off: 'listen --json --no-inspector', idle: 'listen --json, no page open', page: 'listen --json, inspector open' };
for (const variant of ['off', 'idle', 'page']) {
  const browser = variant === 'page' ? `, browser ${Math.round(of(variant, 'browserUs'))} µs` : '';
  console.log(
    `${labels[variant].padEnd(32)} ${String(Math.round(rate(variant))).padStart(7)} req/s  p99 ${median(runs[variant].map((r) => r.latency.p99))} ms  CPU per event: listen ${Math.round(of(variant, 'listenUs'))} µs${browser}  (median of ${ROUNDS})`,
  );
}
console.log(`\ninspector open  ${(rate('page') / rate('off')).toFixed(2)}× --no-inspector   (target ≥ 0.90)`);
console.log(`no page open    ${(rate('idle') / rate('off')).toFixed(2)}× --no-inspector`);
console.log(`listen's own CPU per event with the page open: ${(of('page', 'listenUs') / of('off', 'listenUs')).toFixed(2)}× --no-inspector`);
