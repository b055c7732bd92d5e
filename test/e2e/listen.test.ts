import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createLifecycle } from '../../src/index.js';
import { BIN, runCli, parseJsonLines } from '../helpers/cli.js';
import { deadPort, startServer, type TestServer } from '../helpers/http.js';
import { post, startListen, type RunningListen } from '../helpers/listen.js';

const running: RunningListen[] = [];
const servers: TestServer[] = [];
async function listen(args: string[] = [], env: Record<string, string> = {}) {
  const cli = await startListen(args, env);
  running.push(cli);
  return cli;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const tempDir = () => mkdtemp(join(tmpdir(), 'ws-listen-'));
const lines = parseJsonLines;
const body = (value: unknown) => JSON.stringify(value);

describe('listen', () => {
  it('shows what send sends, in pretty mode, and summarises on Ctrl-C with exit 0', async () => {
    const cli = await listen();
    const sent = await runCli(['send', '--to', cli.url, '--op', 'UPDATE', '--status', 'READY', '--id', '109951']);
    expect(sent.code).toBe(0);
    await cli.waitFor(/ORDER UPDATE #109951 READY \/ → 200/, 'stdout');
    const result = await cli.stop('SIGINT');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Received 1 request \(ORDER UPDATE 1\) · 0 duplicates · 0 invalid · 0 rejected · 0 forward failures/);
    // The hint repeats the command as it was started: here the bin's path from the current folder.
    expect(result.stderr).toContain(`Send a first event: node ${relative(process.cwd(), BIN)} send --to ${cli.url}`);
  });

  it('prints one JSON line per request with the documented fields', async () => {
    const cli = await listen(['--json']);
    const event = createEvent({ seed: 2 });
    const answer = await post(`${cli.url}orders?env=staging`, JSON.stringify(event, null, 2));
    expect(answer.status).toBe(200);
    const [line] = lines((await cli.waitForLines(1)).join('\n'));
    expect(Object.keys(line).sort()).toEqual(
      [
        'changes',
        'duplicateOf',
        'event',
        'file',
        'forward',
        'issues',
        'late',
        'method',
        'objectId',
        'operation',
        'path',
        'raw',
        'receivedAt',
        'response',
        'seq',
        'source',
        'type',
        'valid',
      ].sort(),
    );
    expect(line).toMatchObject({
      seq: 1,
      method: 'POST',
      path: '/orders?env=staging',
      type: 'ORDER',
      operation: 'CREATE',
      objectId: event.object.id,
      valid: true,
      issues: [],
      duplicateOf: null,
      changes: [],
      response: { status: 200 },
      forward: null,
      file: null,
      raw: null,
      source: 'local',
      late: false,
    });
    expect(line.event).toEqual(event);
    expect(new Date(line.receivedAt).toISOString()).toBe(line.receivedAt);
  });

  it('marks duplicates with the first seq and shows what changed since the last version', async () => {
    const cli = await listen(['--json']);
    const [create, processing, ready, shipped] = createLifecycle({ seed: 11, pickup: false });
    for (const event of [create, processing, processing, ready, shipped]) expect((await post(cli.url, body(event))).status).toBe(200);
    const seen = lines((await cli.waitForLines(5)).join('\n'));
    expect(seen.map((l) => l.duplicateOf)).toEqual([null, null, 2, null, null]);
    expect(seen[1].changes).toContainEqual({ path: 'status.name', from: 'NEW', to: 'PROCESSING' });
    expect(seen[4].changes).toContainEqual({ path: 'tracking_numbers', from: [], to: shipped!.object.tracking_numbers });

    const pretty = await listen();
    for (const event of [create, processing, processing]) await post(pretty.url, body(event));
    await pretty.waitFor(/duplicate of #2/, 'stdout');
    expect(pretty.stdout()).toMatch(/status NEW → PROCESSING/);
  });

  it('acknowledges an event with model issues and shows each with its path', async () => {
    const cli = await listen();
    const event = createEvent({ seed: 3 }) as any;
    event.object.content[0].quantity = '12';
    expect((await post(cli.url, body(event))).status).toBe(200);
    await cli.waitFor(/warning object\.content\[0\]\.quantity: expected integer, received string/, 'stdout');
  });

  it("forwards the exact bytes, content type and path to the app, and answers with the app's status and body", async () => {
    const app = await startServer((req, res) => {
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end(`stored ${req.body.length}`);
    });
    servers.push(app);
    const cli = await listen(['--forward-to', `${app.url}webhooks`, '--json']);
    const bytes = Buffer.from(`{ "type" : "ORDER",\n"operation":"CREATE", "object": {"id": 7, "wine": "Château Rayas"}, "date": "2024-01-01T00:00:00+01:00" }`);
    const answer = await post(`${cli.url}orders?x=1`, bytes, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'abc' });
    expect(answer.status).toBe(201);
    expect(answer.body).toBe(`stored ${bytes.length}`);
    const [received] = app.requests;
    expect(received!.body.equals(bytes)).toBe(true);
    expect(received!.url).toBe('/webhooks/orders?x=1');
    expect(received!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received!.headers['x-request-id']).toBe('abc');
    const [line] = lines((await cli.waitForLines(1)).join('\n'));
    expect(line.forward).toMatchObject({ url: `${app.url}webhooks/orders?x=1`, status: 201, error: null });
    expect(line.response.status).toBe(201);
  });

  it('answers 502 when the app is down, and still shows and saves the event', async () => {
    const dir = await tempDir();
    const port = await deadPort();
    const cli = await listen(['--forward-to', `http://127.0.0.1:${port}/`, '--save', dir]);
    const event = createEvent({ seed: 4 });
    const answer = await post(cli.url, body(event));
    expect(answer.status).toBe(502);
    expect(answer.body).toContain('connection refused');
    await cli.waitFor(/forward to .* failed \(connection refused\): answered 502/, 'stdout');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(body(event));
    const result = await cli.stop();
    expect(result.stderr).toContain('1 forward failure');
  });

  it('says that an https:// forward target speaks plain HTTP, and to use http://', async () => {
    const app = await startServer();
    servers.push(app);
    const cli = await listen(['--forward-to', `https://127.0.0.1:${app.port}/`]);
    const answer = await post(cli.url, body(createEvent({ seed: 5 })));
    expect(answer.status).toBe(502);
    const line = await cli.waitFor(/forward to .* failed \((.*)\): answered 502/, 'stdout');
    expect(line[1]).toBe(`this port speaks plain HTTP, not HTTPS; use http://127.0.0.1:${app.port}/`);
    expect(answer.body).not.toMatch(/SSL routines|ERR_SSL/);
  });

  it('answers --status (with a --delay), and hides filtered events while still acknowledging and saving them', async () => {
    const dir = await tempDir();
    const cli = await listen(['--status', '202', '--delay', '20', '--filter', 'PUTAWAY', '--filter', 'order:update', '--json', '--save', dir]);
    const first = await post(cli.url, body(createEvent({ seed: 1, operation: 'CREATE' })));
    expect(first.status).toBe(202);
    await post(cli.url, body(createEvent({ seed: 2, operation: 'UPDATE' })));
    await post(cli.url, body(createEvent({ seed: 3, type: 'PUTAWAY' })));
    const shown = lines((await cli.waitForLines(2)).join('\n'));
    expect(shown.map((l) => `${l.type}:${l.operation}`)).toEqual(['ORDER:UPDATE', 'PUTAWAY:CREATE']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    const result = await cli.stop();
    expect(result.stderr).toContain('3 requests');
  });

  it('prints nothing per event with --quiet, only the start line and the summary', async () => {
    const cli = await listen(['--quiet']);
    await post(cli.url, body(createEvent({ seed: 1 })));
    const result = await cli.stop();
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/Listening on/);
    expect(result.stderr).toMatch(/Received 1 request/);
  });

  it('names saved files in arrival order, by type, operation and a sanitised id, inside the folder', async () => {
    const dir = await tempDir();
    const cli = await listen(['--save', dir, '--json']);
    const ids = ['../../etc/x', 'CON', 'x'.repeat(300), 'a:b*c?"<>|', 109951];
    for (const id of ids) {
      const answer = await post(cli.url, body({ type: 'ORDER', operation: 'UPDATE', object: { id }, date: '2024-01-01T00:00:00Z' }));
      expect(answer.status).toBe(200);
    }
    const files = await readdir(dir);
    expect(files).toHaveLength(ids.length);
    for (const file of files) {
      expect(file).toMatch(/^[A-Za-z0-9_.-]+$/);
      expect(file.length).toBeLessThan(120);
    }
    // The files listen reported, in arrival order, are the folder's files in name order: ls shows them as they came.
    const saved: string[] = lines((await cli.waitForLines(5)).join('\n')).map((l) => l.file);
    expect(saved.map((file) => relative(dir, file))).toEqual([...files].sort());
    expect(saved[0]).toMatch(/-000001-ORDER-UPDATE-______etc_x\.json$/);
    expect(saved[4]).toMatch(/-000005-ORDER-UPDATE-109951\.json$/);
  });

  it('refuses other methods with 405, answers GET with a page, and rejects non-JSON with 400 but saves it', async () => {
    const dir = await tempDir();
    const cli = await listen(['--save', dir, '--json']);
    const put = await fetch(cli.url, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    const page = await fetch(cli.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('winesitting-hooks is listening');
    const notJson = await post(cli.url, 'status=shipped', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toContain('not JSON');
    const seen = lines((await cli.waitForLines(2)).join('\n'));
    expect(seen[1]).toMatchObject({ raw: 'status=shipped', event: null, response: { status: 400 } });
    const rejected = (await readdir(dir)).filter((f) => f.includes('rejected'));
    expect(rejected).toHaveLength(1);
    expect(await readFile(join(dir, rejected[0]!), 'utf8')).toBe('status=shipped');
  });

  describe('survives hostile input and keeps serving', () => {
    // One receiver takes every attack in turn: each must leave it serving the next request.
    let hardened: RunningListen;
    beforeAll(async () => {
      hardened = await startListen(['--max-body', '1mb', '--json']);
      url = hardened.url;
    });
    afterAll(() => hardened.stop('SIGKILL'));
    const good = body(createEvent({ seed: 99 }));
    const deep = `{"type":"ORDER","operation":"CREATE","object":{"id":1,"comment":${'['.repeat(200_000)}${']'.repeat(200_000)}},"date":"2024-01-01T00:00:00Z"}`;
    const cases: [string, () => Promise<number>, number][] = [];
    let url = '';
    cases.push(['an empty body', async () => (await post(url, '')).status, 400]);
    cases.push(['malformed JSON', async () => (await post(url, '{"type": "ORDER",')).status, 400]);
    cases.push(['a JSON array', async () => (await post(url, '[1,2,3]')).status, 200]);
    cases.push(['a JSON string', async () => (await post(url, '"ORDER"')).status, 200]);
    cases.push(['invalid UTF-8', async () => (await post(url, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))).status, 200]);
    cases.push(['an odd content type', async () => (await post(url, good, { 'content-type': 'image/png' })).status, 200]);
    cases.push(['no content type', async () => (await post(url, good, {})).status, 200]);
    cases.push([
      'a __proto__ key',
      async () => (await post(url, '{"type":"ORDER","operation":"CREATE","__proto__":{"admin":true},"object":{"id":5,"__proto__":{"x":1}}}')).status,
      200,
    ]);
    cases.push(['JSON nested 200,000 levels deep', async () => (await post(url, deep)).status, 200]);
    cases.push(['a body over --max-body (declared)', async () => (await post(url, 'x'.repeat(1024 * 1024 + 1))).status, 413]);
    cases.push([
      'a chunked body over --max-body',
      async () => {
        const stream = new ReadableStream({
          start(c) {
            for (let i = 0; i < 9; i++) c.enqueue(new TextEncoder().encode('y'.repeat(128 * 1024)));
            c.close();
          },
        });
        return (await fetch(url, { method: 'POST', body: stream, duplex: 'half' })).status;
      },
      413,
    ]);
    cases.push(['a malformed request line', async () => rawRequest(url, 'GARBAGE\r\n\r\n'), 400]);

    it.each(cases)('%s', async (_, attack, expected) => {
      expect(await attack()).toBe(expected);
      const after = await post(url, good);
      expect(after.status).toBe(200);
    });

    it('keeps a __proto__ key as data: a change inside it is a change like any other', async () => {
      const version = (x: number) => `{"type":"ORDER","operation":"UPDATE","object":{"id":77,"__proto__":{"x":${x}}},"date":"2024-01-01T00:00:00Z"}`;
      await post(url, version(1));
      await post(url, version(2));
      await hardened.waitFor(/"objectId":77,[^\n]*\n[\s\S]*"objectId":77,[^\n]*\n/, 'stdout');
      const [, second] = lines(hardened.stdout()).filter((line) => line.objectId === 77);
      expect(second.changes).toEqual([{ path: '__proto__.x', from: 1, to: 2 }]);
    });
  });

  it('acknowledges a burst of 2,000 events, 100 in flight, and saves every one', async () => {
    const dir = await tempDir();
    const cli = await listen(['--save', dir, '--quiet']);
    const agent = new Agent({ connections: 100 });
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (next < 2000) {
          const seed = next++;
          const answer = await request(cli.url, {
            method: 'POST',
            body: body(createEvent({ seed, id: seed + 1 })),
            dispatcher: agent,
            headers: { 'content-type': 'application/json' },
          });
          await answer.body.dump();
          statuses.push(answer.statusCode);
        }
      }),
    );
    await agent.close();
    expect(statuses).toHaveLength(2000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(2000);
    const result = await cli.stop();
    expect(result.stderr).toContain('2000 requests');
  });

  it('keeps every acknowledged event on disk when stopped by SIGINT in the middle of a burst', async () => {
    const dir = await tempDir();
    const cli = await listen(['--save', dir, '--quiet']);
    const agent = new Agent({ connections: 50 });
    const acknowledged = new Set<number>();
    let next = 0;
    let stopping: Promise<{ code: number | null }> | undefined;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 3000) {
          const id = ++next;
          if (id === 500) stopping = cli.stop('SIGINT');
          try {
            const answer = await request(cli.url, {
              method: 'POST',
              body: body({ type: 'ORDER', operation: 'CREATE', object: { id }, date: '2024-01-01T00:00:00Z' }),
              dispatcher: agent,
            });
            await answer.body.dump();
            if (answer.statusCode === 200) acknowledged.add(id);
          } catch {
            // Refused or reset once the receiver stopped accepting: never acknowledged.
          }
        }
      }),
    );
    await agent.close();
    const result = await stopping!;
    expect(result.code).toBe(0);
    const saved = new Set((await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => Number(/-(\d+)\.json$/.exec(f)![1])));
    expect(acknowledged.size).toBeGreaterThanOrEqual(400);
    for (const id of acknowledged) expect(saved.has(id)).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('answers 408 and closes a connection whose headers stall past the headers timeout, and keeps serving', async () => {
    const cli = await listen(['--headers-timeout', '400']);
    const { port } = new URL(cli.url);
    const started = performance.now();
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nHost: x\r\n'));
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // Not before the timeout: a slow but honest sender is not cut off early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect((await post(cli.url, body(createEvent({ seed: 1 })))).status).toBe(200);
  });

  it('ends quietly when its JSON reader goes away (listen --json | head -1)', async () => {
    const cli = await listen(['--json']);
    cli.child.stdout.destroy();
    // The first line meets the closed pipe: listen stops as on Ctrl-C, answering this request first.
    expect((await post(cli.url, body(createEvent({ seed: 1 })))).status).toBe(200);
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('on Ctrl-C while the app hangs, says how many requests it is finishing, and a second Ctrl-C quits at once', async () => {
    const app = await startServer(() => undefined);
    servers.push(app);
    const cli = await listen(['--forward-to', app.url]);
    const answers = [post(cli.url, JSON.stringify(createEvent({ seed: 1 }))), post(cli.url, JSON.stringify(createEvent({ seed: 2 })))].map((p) =>
      p.catch(() => null),
    );
    await app.waitFor(2);
    cli.child.kill('SIGINT');
    await cli.waitFor(/Stopping: finishing 2 requests; Ctrl-C again to quit now/, 'stderr');
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(130);
    await Promise.all(answers);
  });

  it('says clearly when the port is taken', async () => {
    const first = await listen();
    const { port } = new URL(first.url);
    const second = await runCli(['listen', '--port', port]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it('shows size defaults in --help as they are typed, not in bytes', async () => {
    expect((await runCli(['listen', '--help'])).stdout).toMatch(/--max-body <size>\s+largest accepted body; larger gets 413 \(default: 10mb\)/);
    const relay = (await runCli(['relay', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(relay).toContain('(default: 256mb)');
    expect(relay).toContain('(default: 2gb)');
    expect(relay).not.toMatch(/\d{7,}/);
  });
});

function rawRequest(url: string, text: string): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}
