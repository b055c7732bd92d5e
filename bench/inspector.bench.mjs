// What the inspector costs the receiver: `listen --json` throughput with the inspector page
// open in a real headless Chromium (its live stream receiving every event) against
// `listen --json --no-inspector`, and with the inspector on but no page open, in alternating
// rounds of one run; autocannon posts realistic traffic (bench/lib/traffic.mjs), 50
// connections. Target: the open page slows the receiver by no more than 10 %.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { postBodies } from './lib/load.mjs';
import { spawnServer } from './lib/spawn-server.mjs';
import { describeTraffic, realisticBodies } from './lib/traffic.mjs';

const bin = fileURLToPath(new URL('../bin/winesitting-hooks.js', import.meta.url));
const DURATION = Number(process.env.DURATION ?? 6);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const bodies = realisticBodies(Number(process.env.EVENTS ?? 120_000));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });

const fire = (url, duration) => postBodies(url, bodies, { connections: 50, duration });

async function measure(variant) {
  const server = await spawnServer([bin, 'listen', '--port', '0', '--json', ...(variant === 'off' ? ['--no-inspector'] : [])]);
  let page = null;
  try {
    if (variant === 'page') {
      page = await browser.newPage();
      const streaming = page.waitForResponse((response) => response.url().includes('/_inspect/api/stream'));
      await page.goto(`${server.url}_inspect/`);
      await streaming;
    }
    await fire(server.url, 1);
    const result = await fire(server.url, DURATION);
    const errors = result.errors + result.non2xx;
    if (errors) console.log(`  (${variant}: ${errors} errors/non-2xx)`);
    return result;
  } finally {
    await page?.close();
    await server.stop();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = { off: [], idle: [], page: [] };
console.log(`${describeTraffic(bodies)}; 50 connections, ${DURATION} s per run, ${ROUNDS} rounds`);
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of ['off', 'page', 'idle']) runs[variant].push(await measure(variant));
  }
} finally {
  await browser.close();
}
const rate = (variant) => median(runs[variant].map((r) => r.requests.average));
const p99 = (variant) => median(runs[variant].map((r) => r.latency.p99));
const labels = { off: 'listen --json --no-inspector', idle: 'listen --json, no page open', page: 'listen --json, inspector open' };
for (const variant of ['off', 'idle', 'page']) {
  console.log(`${labels[variant].padEnd(32)} ${String(Math.round(rate(variant))).padStart(7)} req/s  p99 ${p99(variant)} ms  (median of ${ROUNDS})`);
}
console.log(`\ninspector open  ${(rate('page') / rate('off')).toFixed(2)}× --no-inspector   (target ≥ 0.90)`);
console.log(`no page open    ${(rate('idle') / rate('off')).toFixed(2)}× --no-inspector`);
