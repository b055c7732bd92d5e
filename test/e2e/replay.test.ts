import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, createLifecycle } from '../../src/index.js';
import { runCli, startCli, startInTerminal, parseJsonLines } from '../helpers/cli.js';
import { useServers, type TestServer } from '../helpers/http.js';
import { post, startListen } from '../helpers/listen.js';

const server = useServers(afterEach);

async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ws-replay-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}
const ev = (seed: number, extra: Parameters<typeof createEvent>[0] = {}) => createEvent({ seed, id: seed, ...extra });
/** Paths as lists of names, compared name by name in code-point order: the order of a folder walk. */
function compareParts(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}
const ids = (app: TestServer) => app.requests.map((r) => JSON.parse(r.body.toString()).object.id);
const jsonLines = parseJsonLines;

describe('replay', () => {
  it("reads every input form, in name order then position, and sends each fixture's own bytes", async () => {
    const pretty = `${JSON.stringify(ev(1), null, 4)}\n`;
    const dir = await folder({
      '01-one.json': pretty,
      '02-list.json': JSON.stringify([ev(2), ev(3)]),
      '03-stream.ndjson': `\uFEFF${JSON.stringify(ev(4))}\r\n\r\n${JSON.stringify(ev(5))}\r\n`,
      '04-more/a.jsonl': `${JSON.stringify(ev(6))}\n`,
      '.hidden.json': JSON.stringify(ev(99)),
      'README.md': '# recorded events',
    });
    const app = await server();
    const result = await runCli(['replay', dir, '--to', app.url]);
    expect(result.code).toBe(0);
    expect(ids(app)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(app.requests[0]!.body.toString()).toBe(pretty);
    expect(app.requests[3]!.body.toString()).toBe(JSON.stringify(ev(4)));
    expect(result.stderr).toContain(`skipped ${join(dir, 'README.md')}: not an event file`);
    expect(result.stdout).toMatch(/6 events, 6 delivered, 0 lost/);
  });

  it('replays the shipped fixtures with nothing but --to', async () => {
    const app = await server();
    const result = await runCli(['replay', '--to', app.url]);
    expect(result.code).toBe(0);
    // Folder by folder, names in code-point order, as replay reads them; the README is not an event.
    const files = (await readdir('fixtures', { recursive: true }))
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.split(sep))
      .sort((a, b) => compareParts(a, b));
    expect(app.requests).toHaveLength(files.length);
    for (const [i, file] of files.entries()) expect(app.requests[i]!.body.equals(await readFile(join('fixtures', ...file))), file.join('/')).toBe(true);
    expect(result.stderr).toContain(`skipped ${join('fixtures', 'README.md')}: not an event file`);
    // The summary ends its line, so the shell prompt starts on a line of its own.
    expect(result.stdout).toMatch(/events\/s\n$/);
    expect(result.stdout).toMatch(/ · sending [\d.]+ events\/s · overall [\d.]+ events\/s\n$/);
  });

  it('sends nothing when a fixture is invalid, names the file, line and path, and exits 2', async () => {
    const dir = await folder({
      'a.json': JSON.stringify(ev(1)),
      'b.ndjson': `${JSON.stringify(ev(2))}\n{"type":"INVOICE","operation":"CREATE","object":{}}\n`,
    });
    const app = await server();
    const result = await runCli(['replay', dir, '--to', app.url]);
    expect(result.code).toBe(2);
    expect(app.requests).toHaveLength(0);
    expect(result.stderr).toContain(`${join(dir, 'b.ndjson')}:2: error type: unknown value "INVOICE"`);
    expect(result.stderr).toMatch(/1 of 3 events are invalid, so nothing was sent/);

    const skipping = await runCli(['replay', dir, '--to', app.url, '--skip-invalid']);
    expect(skipping.code).toBe(0);
    expect(ids(app)).toEqual([1, 2]);
  });

  it('counts every third event lost when the endpoint fails it, and exits 1', async () => {
    let n = 0;
    const app = await server((_, res) => {
      res.statusCode = ++n % 3 === 0 ? 503 : 200;
      res.end(n % 3 === 0 ? 'overloaded' : 'ok');
    });
    const dir = await folder({ 'events.ndjson': Array.from({ length: 10 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n') });
    const result = await runCli(['replay', dir, '--to', app.url, '--json']);
    expect(result.code).toBe(1);
    const lines = jsonLines(result.stdout);
    const summary = lines.at(-1).summary;
    expect(summary).toMatchObject({ events: 10, delivered: 7, lost: 3, lostBy: { status: 3 } });
    expect(lines[2]).toMatchObject({ verdict: 'lost', cause: 'status', status: 503, body: 'overloaded', file: join(dir, 'events.ndjson'), line: 3 });
    for (const key of ['p50', 'p95', 'p99', 'max', 'eventsPerSecond', 'atRisk']) expect(summary).toHaveProperty(key);
    // The whole run, validation included, beside the sending rate: never faster than it.
    expect(Object.keys(summary).at(-1)).toBe('overallEventsPerSecond');
    expect(summary.overallEventsPerSecond).toBeGreaterThan(0);
    expect(summary.overallEventsPerSecond).toBeLessThanOrEqual(summary.eventsPerSecond);
  });

  it('stops at the first lost event with --bail', async () => {
    let n = 0;
    const app = await server((_, res) => {
      res.statusCode = ++n === 2 ? 500 : 200;
      res.end();
    });
    const dir = await folder({ 'events.ndjson': Array.from({ length: 10 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n') });
    const result = await runCli(['replay', dir, '--to', app.url, '--bail']);
    expect(result.code).toBe(1);
    expect(app.requests).toHaveLength(2);
    expect(result.stderr).toContain('Stopped at the first lost event (--bail)');
  });

  it('filters, repeats, orders by date or a seeded shuffle, and refreshes dates', async () => {
    const life = createLifecycle({ seed: 8, pickup: false });
    const dir = await folder({
      'a.json': JSON.stringify(life[3]),
      'b.json': JSON.stringify(life[0]),
      'c.json': JSON.stringify(life[1]),
      'd.json': JSON.stringify(ev(50, { type: 'PUTAWAY' })),
    });
    const app = await server();
    const statuses = () => app.requests.splice(0).map((r) => JSON.parse(r.body.toString()).object.status.name);

    expect((await runCli(['replay', dir, '--to', app.url, '--filter', 'ORDER:UPDATE'])).code).toBe(0);
    expect(statuses()).toEqual(['SHIPPED', 'PROCESSING']);

    await runCli(['replay', dir, '--to', app.url, '--filter', 'putaway', '--repeat', '3']);
    expect(statuses()).toEqual(['NEW', 'NEW', 'NEW']);

    await runCli(['replay', dir, '--to', app.url, '--filter', 'ORDER', '--order', 'date']);
    expect(statuses()).toEqual(['NEW', 'PROCESSING', 'SHIPPED']);

    await runCli(['replay', dir, '--to', app.url, '--order', 'shuffle', '--seed', '3']);
    const first = statuses();
    await runCli(['replay', dir, '--to', app.url, '--order', 'shuffle', '--seed', '3']);
    expect(statuses()).toEqual(first);
    expect([...first].sort()).toEqual(['NEW', 'NEW', 'PROCESSING', 'SHIPPED']);

    const before = Date.now();
    await runCli(['replay', join(dir, 'b.json'), '--to', app.url, '--refresh-date']);
    const sent = JSON.parse(app.requests[0]!.body.toString());
    expect(sent.object).toEqual(life[0]!.object);
    expect(sent.date).not.toEqual(life[0]!.date);
    const sentAt = Date.parse(`${sent.date.date.slice(0, 10)}T${sent.date.date.slice(11, 19)}Z`);
    expect(Math.abs(sentAt - before)).toBeLessThan(3 * 3600_000);
  });

  it('lists and sends nothing with --dry-run', async () => {
    const app = await server();
    const result = await runCli(['replay', 'fixtures', '--to', app.url, '--dry-run']);
    expect(result.code).toBe(0);
    expect(app.requests).toHaveLength(0);
    expect(result.stdout).toMatch(/fixtures\/order-collected\.json\s+ORDER UPDATE #\d+/);
    expect(result.stderr).toContain('Dry run: 20 events would be sent');
  });

  it('reads a v1 event type the same way in the list and in the count of a dry run', async () => {
    const dir = await folder({
      'a.json': JSON.stringify({ ...ev(1), type: 'getoutrequest' }),
      'b.json': JSON.stringify(ev(2)),
      'c.json': JSON.stringify(ev(3, { type: 'PUTAWAY' })),
    });
    const result = await runCli(['replay', dir, '--filter', 'ORDER', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).map((l) => [l.type, l.objectId])).toEqual([
      ['ORDER', 1],
      ['ORDER', 2],
    ]);
    expect(result.stderr).toContain('Dry run: 2 events would be sent');
  });

  it('keeps 32 deliveries in flight without a listener warning', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n');
    const dir = await folder({ 'many.ndjson': lines });
    const app = await server();
    const result = await runCli(['replay', dir, '--to', app.url, '-c', '32', '--json']);
    expect(result.code).toBe(0);
    expect(app.requests).toHaveLength(200);
    expect(result.stderr).not.toMatch(/MaxListenersExceededWarning|Warning/);
  });

  it('paces 32 deliveries in flight with --rate without a listener warning', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n');
    const dir = await folder({ 'many.ndjson': lines });
    const app = await server();
    const result = await runCli(['replay', dir, '--to', app.url, '-c', '32', '--rate', '300', '--json']);
    expect(result.code).toBe(0);
    expect(app.requests).toHaveLength(60);
    expect(result.stderr).not.toMatch(/MaxListenersExceededWarning|Warning/);
  });

  it('replays what listen --save recorded, byte for byte, in arrival order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-recorded-'));
    const listen = await startListen(['--save', dir, '--quiet']);
    const bodies = [
      JSON.stringify(ev(1), null, 2),
      `{"type":"ORDER","operation":"UPDATE","object":{"id":1,"status":{"value":1,"name":"PROCESSING","label":"En cours de préparation"}},"date":"2024-01-01T10:00:00+01:00"}`,
      JSON.stringify(ev(3, { type: 'PUTAWAY' })),
    ];
    for (const body of bodies) expect((await post(listen.url, body)).status).toBe(200);
    expect((await post(listen.url, 'not json')).status).toBe(400);
    await listen.stop();
    const app = await server();
    const result = await runCli(['replay', dir, '--to', app.url]);
    expect(result.code).toBe(0);
    expect(app.requests.map((r) => r.body.toString())).toEqual(bodies);
    expect(result.stderr).toMatch(/skipped .*rejected\.txt: not an event file/);
  });

  it('prints the partial summary when interrupted with Ctrl-C', async () => {
    let held = 0;
    const app = await server((_, res) => {
      if (++held <= 3) res.end('ok');
      // From the fourth on, the endpoint hangs: the run is interrupted while waiting.
    });
    const dir = await folder({ 'events.ndjson': Array.from({ length: 50 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n') });
    const cli = startCli(['replay', dir, '--to', app.url, '--timeout', '20000']);
    await app.waitFor(4);
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/3 events, 3 delivered, 0 lost/);
    expect(result.stderr).toContain('Interrupted after 3 of 50 events; 1 in flight abandoned (not counted).');
  });

  it('stops on Ctrl-C typed at a terminal while the progress line is shown', async () => {
    const app = await server();
    const dir = await folder({ 'events.ndjson': Array.from({ length: 200 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n') });
    const terminal = startInTerminal(['replay', dir, '--to', app.url, '--rate', '40']);
    await terminal.waitFor(/\d+\/200 \(\d+%\)/);
    await app.waitFor(3);
    terminal.child.stdin.write('\x03');
    const result = await terminal.exited;
    expect(result.stdout).toMatch(/Interrupted after \d+ of 200 events/);
    expect(result.code).toBe(130);
    expect(app.requests.length).toBeLessThan(200);
  });

  it('keeps the log of a CI job free of progress frames, even on a terminal', async () => {
    const app = await server();
    const dir = await folder({ 'events.ndjson': Array.from({ length: 5 }, (_, i) => JSON.stringify(ev(i + 1))).join('\n') });
    const result = await startInTerminal(['replay', dir, '--to', app.url], { env: { CI: 'true' } }).exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/5 events, 5 delivered, 0 lost/);
    expect(result.stdout).not.toMatch(/\d+\/5\b/);
  });

  it('says there is nothing to send, exit 2, when the inputs hold no event or none passes the filters', async () => {
    const app = await server();
    const dir = await folder({ 'empty.ndjson': '', 'blank.jsonl': '\n\n', 'one.json': JSON.stringify(ev(1, { type: 'PUTAWAY' })) });
    const empty = await runCli(['replay', join(dir, 'empty.ndjson'), '--to', app.url]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      `Nothing to send: ${join(dir, 'empty.ndjson')} holds no event. Record some with "listen --save", or make some with "send --dry-run".`,
    );
    expect(empty.stdout).toBe('');
    const filtered = await runCli(['replay', dir, '--to', app.url, '--filter', 'ORDER:UPDATE']);
    expect(filtered.code).toBe(2);
    expect(filtered.stderr).toContain('Nothing to send: no valid event matches --filter ORDER:UPDATE (1 valid event read). Change or drop the filter.');
    expect(app.requests).toHaveLength(0);
  });

  it('exits 2 on a missing path or bad flag value', async () => {
    expect((await runCli(['replay', 'no/such/dir'])).code).toBe(2);
    const bad = await runCli(['replay', '--order', 'random']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are name, date, shuffle/);
  });
});
