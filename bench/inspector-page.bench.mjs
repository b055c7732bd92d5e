// The inspector page in a real headless Chromium: how long a POST takes to show as a row
// (median of 20, one at a time, against the POST's own round trip), then whether the page
// still answers quickly once it holds 10,000 events (EVENTS=n for another count).
// Needs Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH=<path>). All traffic stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { createEvent } from '../dist/index.js';

const total = Number(process.env.EVENTS ?? 10_000);
const bin = new URL('../bin/winesitting-hooks.js', import.meta.url).pathname;
const listen = spawn(process.execPath, [bin, 'listen', '--port', '0', '--quiet', '--history', String(total)], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
const pageUrl = await new Promise((resolve, reject) => {
  listen.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d;
    const match = /Inspector: (\S+)/.exec(stderr);
    if (match) resolve(match[1]);
  });
  listen.on('exit', () => reject(new Error(`listen ended: ${stderr}`)));
});
const target = new URL('/', pageUrl).href;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(pageUrl);
await page.locator('[data-testid=connection][data-state=live]').waitFor();
// Long tasks (over 50 ms) on the page's main thread while events pour in.
// (Strings run in the page: this file is linted as Node code.)
await page.evaluate(
  `window.longTasks = []; new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });`,
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const toRow = [];
const roundTrip = [];
for (let i = 0; i < 20; i++) {
  const id = 900_000 + i;
  const started = performance.now();
  await fetch(target, { method: 'POST', body: JSON.stringify(createEvent({ seed: id, id })), headers: { 'content-type': 'application/json' } }).then((r) =>
    r.arrayBuffer(),
  );
  roundTrip.push(performance.now() - started);
  await page.locator(`[data-testid=row-title]:has-text("#${id}")`).first().waitFor();
  toRow.push(performance.now() - started);
}
console.log(
  `POST → row visible: median ${median(toRow).toFixed(0)} ms over 20 (max ${Math.max(...toRow).toFixed(0)} ms; the POST's own round trip: median ${median(roundTrip).toFixed(1)} ms)`,
);

const timed = async (what, action, done) => {
  const started = performance.now();
  await action();
  await done();
  const ms = performance.now() - started;
  console.log(`${what}: ${ms.toFixed(0)} ms`);
  return ms;
};

// Realistic traffic: distinct orders, an update after each create, a duplicate now and then.
const bodies = [];
// The 20 events above count in the total.
const more = total - 20;
for (let i = 0; bodies.length < more; i++) {
  const id = 300_000 + i;
  const created = JSON.stringify(createEvent({ seed: i + 1, id }));
  bodies.push(created);
  if (bodies.length < more) bodies.push(JSON.stringify(createEvent({ seed: i + 1, id, operation: 'UPDATE', status: 'PROCESSING' })));
  if (i % 10 === 0 && bodies.length < more) bodies.push(created);
}
const posting = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      await fetch(target, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).then((r) => r.arrayBuffer());
    }
  }),
);
const posted = performance.now() - posting;
await page
  .getByTestId('count')
  .filter({ hasText: `${total.toLocaleString('en-US')} events` })
  .waitFor({ timeout: 120_000 });
console.log(
  `${more} more events POSTed in ${(posted / 1000).toFixed(1)} s (${Math.round(more / (posted / 1000))}/s); all listed ${(performance.now() - posting - posted).toFixed(0)} ms after the last answer`,
);
const longTasks = await page.evaluate('window.longTasks');
console.log(
  `long tasks while receiving: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms, total ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
);

const rows = page.getByTestId('event-row');
await timed(
  'click a row → its view',
  () => rows.nth(3).click(),
  () => page.locator('[data-testid=event-view]').waitFor(),
);
const list = page.getByTestId('event-list');
await list.focus();
const arrows = [];
for (let i = 0; i < 20; i++) {
  const before = await page.getByTestId('event-view').getAttribute('data-seq');
  arrows.push(
    await timed(
      'ArrowDown → next view',
      () => page.keyboard.press('ArrowDown'),
      () => page.locator(`[data-testid=event-view]:not([data-seq="${before}"])`).waitFor(),
    ),
  );
}
console.log(`ArrowDown → next event shown: median ${median(arrows).toFixed(0)} ms over 20`);
await timed(
  'End → oldest event',
  () => page.keyboard.press('End'),
  () => page.locator('[data-testid=event-view][data-seq="1"]').waitFor(),
);
await timed(
  'filter type PUTAWAY (none)',
  () => page.getByTestId('filter-type').selectOption('PUTAWAY'),
  () =>
    page
      .getByTestId('count')
      .filter({ hasText: /^0 of / })
      .waitFor(),
);
await timed(
  'filter operation UPDATE',
  async () => {
    await page.getByTestId('filter-type').selectOption('');
    await page.getByTestId('filter-operation').selectOption('UPDATE');
  },
  () => page.getByTestId('count').filter({ hasText: / of / }).waitFor(),
);
await page.getByTestId('filter-operation').selectOption('');
await timed(
  'free text, first search (builds the search text)',
  () => page.getByTestId('filter-text').fill('300123'),
  () =>
    page
      .getByTestId('count')
      .filter({ hasText: /^\d of / })
      .waitFor(),
);
await timed(
  'free text, next search',
  () => page.getByTestId('filter-text').fill('300124'),
  () => page.locator('[data-testid=row-title]:has-text("#300124")').first().waitFor(),
);
await timed(
  'filter id',
  async () => {
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('filter-id').fill('300999');
  },
  () =>
    page
      .getByTestId('count')
      .filter({ hasText: /^\d of / })
      .waitFor(),
);

const reload = performance.now();
await page.reload();
await page
  .getByTestId('count')
  .filter({ hasText: `${total.toLocaleString('en-US')} events` })
  .waitFor({ timeout: 120_000 });
console.log(`reload with ${total} events in listen's history → all listed: ${(performance.now() - reload).toFixed(0)} ms`);
const metrics = await page.evaluate('performance.memory?.usedJSHeapSize');
if (metrics) console.log(`page heap: ${(metrics / 1024 / 1024).toFixed(0)} MB`);
console.log(errors.length ? `page errors: ${errors.join(' | ')}` : 'no page errors');
await browser.close();
listen.kill('SIGINT');
