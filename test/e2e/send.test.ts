import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, dateToEpoch } from '../../src/index.js';
import { BIN, runCli, startCli } from '../helpers/cli.js';
import { answering, deadPort, holdUntilPast, trickle, useServers } from '../helpers/http.js';
import { inconsistencies } from '../helpers/order-consistency.js';
import { selfSignedCertificate, startTlsServer } from '../helpers/tls.js';

const server = useServers(afterEach);
const tlsServers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(tlsServers.splice(0).map((s) => s.close()));
});
async function tlsServer() {
  const started = await startTlsServer();
  tlsServers.push(started);
  return started;
}

async function file(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'ws-send-')), name);
  await writeFile(path, content);
  return path;
}

describe('send', () => {
  it('delivers exactly the bytes that --dry-run prints for the same seed', async () => {
    const app = await server();
    const dry = await runCli(['send', '--seed', '12', '--dry-run']);
    expect(dry.code).toBe(0);
    const sent = await runCli(['send', '--seed', '12', '--to', app.url]);
    expect(sent.code).toBe(0);
    expect(app.requests).toHaveLength(1);
    expect(app.requests[0]!.body.toString('utf8')).toBe(dry.stdout.trimEnd());
    expect(app.requests[0]!.headers['content-type']).toBe('application/json');
    expect(sent.stdout).toMatch(/✔ ORDER CREATE #\d+ NEW → http:\/\/127\.0\.0\.1:\d+\/\s+200/);
  });

  it('prints several events as NDJSON in a dry run, one per line, each a valid event', async () => {
    const dry = await runCli(['send', '-n', '3', '--seed', '1', '--type', 'putaway', '--dry-run']);
    const lines = dry.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((e) => e.object.id)).size).toBe(3);
    expect(lines.every((e) => e.type === 'PUTAWAY' && e.operation === 'CREATE')).toBe(true);
  });

  it('shares no event between runs with neighbouring seeds, and repeats a run with its seed', async () => {
    const run = async (seed: string) => (await runCli(['send', '-n', '5', '--seed', seed, '--dry-run'])).stdout.trimEnd().split('\n');
    const [one, two, again] = await Promise.all([run('1'), run('2'), run('1')]);
    expect(one).toHaveLength(5);
    expect(two.filter((line) => one.includes(line))).toHaveLength(0);
    expect(again).toEqual(one);
  });

  it('delivers three identical bodies with --repeat 3', async () => {
    const app = await server();
    const result = await runCli(['send', '--repeat', '3', '--to', app.url]);
    expect(result.code).toBe(0);
    expect(app.requests).toHaveLength(3);
    expect(new Set(app.requests.map((r) => r.body.toString())).size).toBe(1);
    expect(result.stdout).toMatch(/3 events, 3 delivered, 0 lost/);
  });

  it('sends distinct events with --count, several at once with -c, and a JSON summary', async () => {
    const app = await server();
    const result = await runCli(['send', '--count', '5', '-c', '3', '--json', '--to', app.url]);
    expect(result.code).toBe(0);
    expect(new Set(app.requests.map((r) => JSON.parse(r.body.toString()).object.id)).size).toBe(5);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, 5).every((l) => l.verdict === 'delivered' && l.status === 200 && l.url === app.url)).toBe(true);
    expect(lines[5].summary).toMatchObject({ events: 5, delivered: 5, atRisk: 0, lost: 0 });
  });

  it('adds headers with -H and uses $WINESITTING_HOOKS_URL as the default target', async () => {
    const app = await server();
    const result = await runCli(['send', '-H', 'Authorization: Bearer abc', '-H', 'X-Env: staging'], { env: { WINESITTING_HOOKS_URL: app.url } });
    expect(result.code).toBe(0);
    expect(app.requests[0]!.headers.authorization).toBe('Bearer abc');
    expect(app.requests[0]!.headers['x-env']).toBe('staging');
  });

  it('names a malformed WINESITTING_HOOKS_URL and exits 2', async () => {
    const result = await runCli(['send'], { env: { WINESITTING_HOOKS_URL: 'localhost:3000/hooks' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('WINESITTING_HOOKS_URL="localhost:3000/hooks" is not an http:// or https:// URL');
  });

  it('applies --set, --id, --status and --op to the generated event', async () => {
    const dry = await runCli([
      'send',
      '--op',
      'update',
      '--status',
      'shipped',
      '--id',
      '109951',
      '--set',
      'object.reference=PO-42',
      '--set',
      'object.content[0].quantity=24',
      '--dry-run',
    ]);
    const event = JSON.parse(dry.stdout);
    expect(event.operation).toBe('UPDATE');
    expect(event.object).toMatchObject({ id: 109951, reference: 'PO-42', status: { name: 'SHIPPED' } });
    expect(event.object.content[0].quantity).toBe(24);
    expect(event.object.tracking_numbers).toHaveLength(1);
  });

  it('sends a whole lifecycle in order', async () => {
    const app = await server();
    const result = await runCli(['send', '--lifecycle', '--seed', '4', '--to', app.url]);
    expect(result.code).toBe(0);
    const statuses = app.requests.map((r) => JSON.parse(r.body.toString()).object.status.name);
    expect(statuses.slice(0, 3)).toEqual(['NEW', 'PROCESSING', 'READY']);
    expect(['SHIPPED,DELIVERED', 'WITHDRAWED']).toContain(statuses.slice(3).join(','));
  });

  it('reports a 500 as lost, with its body, and exits 1', async () => {
    const app = await server(answering(500, 'database is down'));
    const result = await runCli(['send', '--to', app.url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Answered 500');
    expect(result.stdout).toContain('database is down');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says what to change for an endpoint that asks for credentials, or takes no large body, as check does', async () => {
    const guarded = await server(answering(401, 'missing token'));
    const auth = await runCli(['send', '--to', guarded.url]);
    expect(auth.code).toBe(1);
    expect(auth.stdout).toContain('lost: Answered 401. Body: missing token');
    expect(auth.stdout).toContain(
      '→ The endpoint asks for credentials, and WineSitting sends no credentials (no token, cookie or signature): exempt the webhook route',
    );
    const small = await server(answering(413));
    const tooLarge = await runCli(['send', '--to', small.url]);
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.stdout).toContain(
      "→ Raise the body size limit of your endpoint to at least 1 MB: a large order is about 300 KB (Express's default limit is 100 KB).",
    );
  });

  it('reports a 302 as a lost redirect and does not follow it', async () => {
    const app = await server((req, res) => {
      res.writeHead(302, { location: '/login' });
      res.end();
    });
    const result = await runCli(['send', '--to', app.url, '--json']);
    expect(result.code).toBe(1);
    expect(app.requests).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'lost', cause: 'redirect', status: 302 });
    const pretty = await runCli(['send', '--to', app.url]);
    expect(pretty.stdout).toMatch(/302 redirect to \/login\.\n\s+→ The webhook route redirects to a login page, and WineSitting does not follow redirects/);
  });

  it('reports a timeout as lost', async () => {
    const app = await server(() => undefined);
    const result = await runCli(['send', '--to', app.url, '--timeout', '300']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/No answer from .* within the timeout/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a connection reset before the answer as lost', async () => {
    const app = await server((req, res) => res.socket?.destroy());
    const result = await runCli(['send', '--to', app.url, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'lost', cause: 'reset', status: null });
    const pretty = await runCli(['send', '--to', app.url]);
    expect(pretty.stdout).toContain(`The connection to ${app.url} was reset before an answer`);
  });

  it('reports a refused connection as lost, naming the URL and the fix', async () => {
    const port = await deadPort();
    const result = await runCli(['send', '--to', `http://127.0.0.1:${port}/hooks`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Could not reach http://127.0.0.1:${port}/hooks (connection refused).`);
    expect(result.stdout).toContain(`→ Start your endpoint (or "winesitting-hooks listen"), or fix the port in the URL: nothing listens at 127.0.0.1:${port}.`);
    expect(result.stderr).toBe('');
  });

  it('says that an https:// URL points to a plain-HTTP port, and to use http://', async () => {
    const app = await server();
    const result = await runCli(['send', '--to', `https://127.0.0.1:${app.port}/hooks`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`this port speaks plain HTTP, not HTTPS.\n  → Use http://127.0.0.1:${app.port}/hooks.`);
    expect(result.stdout).not.toMatch(/SSL routines|ssl3_|ERR_SSL/);
    const json = JSON.parse((await runCli(['send', '--to', `https://127.0.0.1:${app.port}/`, '--json'])).stdout);
    expect(json).toMatchObject({ verdict: 'lost', cause: 'error', error: 'this port speaks plain HTTP, not HTTPS' });
  });

  it('names a self-signed certificate, and one issued for another host name, with the fix', async () => {
    const tls = await tlsServer();
    const selfSigned = await runCli(['send', '--to', `https://127.0.0.1:${tls.port}/`]);
    expect(selfSigned.code).toBe(1);
    expect(selfSigned.stdout).toContain('self-signed certificate');
    expect(selfSigned.stdout).toContain('NODE_EXTRA_CA_CERTS');
    // Trusted, the certificate (CN=localhost) still does not name 127.0.0.1.
    const { certFile } = await selfSignedCertificate();
    const otherHost = await runCli(['send', '--to', `https://127.0.0.1:${tls.port}/`], { env: { NODE_EXTRA_CA_CERTS: certFile } });
    expect(otherHost.code).toBe(1);
    expect(otherHost.stdout).toContain('the certificate is not valid for 127.0.0.1');
    expect(otherHost.stdout).not.toContain('altnames');
    const trusted = await runCli(['send', '--to', `https://localhost:${tls.port}/`], { env: { NODE_EXTRA_CA_CERTS: certFile } });
    expect(trusted.code).toBe(0);
  });

  it('loses an event whose answer trickles in past --timeout, at about the timeout', async () => {
    const app = await server(trickle);
    const result = await runCli(['send', '--to', app.url, '--timeout', '500', '--json']);
    const line = JSON.parse(result.stdout);
    expect(line).toMatchObject({ verdict: 'lost', cause: 'timeout', status: null });
    expect(line.ms).toBeGreaterThanOrEqual(500);
    // Well before the answer ends (3 s): the timeout bounds the whole delivery, not each chunk.
    expect(line.ms).toBeLessThan(2000);
  });

  it('marks a slow 2xx at risk with --budget', async () => {
    // The endpoint answers once it has itself seen the budget pass: the sender, which
    // started before the request arrived and stops after the answer, sees more.
    const app = await server(async (_, res) => {
      await holdUntilPast(performance.now(), 50);
      res.end('ok');
    });
    const result = await runCli(['send', '--to', app.url, '--budget', '50', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'at-risk', status: 200 });
  });

  it('refuses PUTAWAY UPDATE with an explanation and exit 2, unless --allow-invalid', async () => {
    const refused = await runCli(['send', '--type', 'PUTAWAY', '--op', 'UPDATE', '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/PUTAWAY events only with operation CREATE/);
    const allowed = await runCli(['send', '--type', 'PUTAWAY', '--op', 'UPDATE', '--dry-run', '--allow-invalid']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).operation).toBe('UPDATE');
  });

  it('refuses a PUTAWAY from a file turned into an UPDATE, as with --type, unless --allow-invalid', async () => {
    const refused = await runCli(['send', '--from', 'fixtures/putaway-create.json', '--op', 'UPDATE', '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/PUTAWAY events only with operation CREATE/);
    const allowed = await runCli(['send', '--from', 'fixtures/putaway-create.json', '--op', 'UPDATE', '--dry-run', '--allow-invalid']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ type: 'PUTAWAY', operation: 'UPDATE' });
  });

  it('refuses an unknown status and lists the valid ones', async () => {
    const result = await runCli(['send', '--status', 'SHIPPPED']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown status "SHIPPPED". Valid statuses: NEW, PROCESSING, READY, SHIPPED, DELIVERED, WITHDRAWED.');
  });

  it('exits 2 on an unknown flag or a bad value', async () => {
    expect((await runCli(['send', '--bogus'])).code).toBe(2);
    const bad = await runCli(['send', '--count', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--count.*expected a whole number/);
  });

  it('starts from a file with --from, and names an unreadable file', async () => {
    const missing = await runCli(['send', '--from', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read no-such-file.json: it does not exist');
    const dry = await runCli(['send', '--from', 'fixtures/order-delivered.json', '--op', 'update', '--status', 'READY', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).object.status.name).toBe('READY');
  });

  it('sends an order taken back to READY with --from as a new version: later updated_at and date, no tracking; --set still wins', async () => {
    const file = JSON.parse(await readFile('fixtures/order-delivered.json', 'utf8'));
    const args = ['send', '--from', 'fixtures/order-delivered.json', '--op', 'UPDATE', '--status', 'READY', '--dry-run'];
    for (const seed of [[], ['--seed', '3']]) {
      const sent = JSON.parse((await runCli([...args, ...seed])).stdout);
      expect(sent.object.status.name).toBe('READY');
      expect(dateToEpoch(sent.object.updated_at)).toBeGreaterThan(dateToEpoch(file.object.updated_at));
      expect(sent.date).toEqual(sent.object.updated_at);
      expect(sent.object.tracking_numbers).toEqual([]);
      expect(inconsistencies(sent.object)).toEqual([]);
    }
    const forced = JSON.parse((await runCli([...args, '--set', 'object.tracking_numbers=["6A10000000001"]'])).stdout);
    expect(forced.object.tracking_numbers).toEqual(['6A10000000001']);
  });

  it('refuses to ship a pickup order or collect a delivery order from --from, unless --allow-invalid', async () => {
    const shipped = await runCli(['send', '--from', 'fixtures/order-collected.json', '--status', 'SHIPPED', '--dry-run']);
    expect(shipped.code).toBe(2);
    expect(shipped.stderr).toMatch(/is a pickup \(collected at the warehouse\), so it is never SHIPPED\. Use --status WITHDRAWED/);
    expect(shipped.stdout).toBe('');
    const collected = await runCli(['send', '--from', 'fixtures/order-shipped.json', '--status', 'WITHDRAWED', '--dry-run']);
    expect(collected.code).toBe(2);
    expect(collected.stderr).toMatch(/is delivered to an address, so it is never WITHDRAWED/);
    const forced = await runCli(['send', '--from', 'fixtures/order-collected.json', '--status', 'SHIPPED', '--dry-run', '--allow-invalid']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).object).toMatchObject({ is_pickup: false, status: { name: 'SHIPPED' }, address: expect.any(Object) });
  });

  it('says that --from takes one event when a file holds several, and how to pick one', async () => {
    const events = [1, 2, 3].map((seed) => JSON.stringify(createEvent({ seed })));
    const lines = await file('events.ndjson', `${events.join('\n')}\n`);
    const ndjson = await runCli(['send', '--from', lines, '--dry-run']);
    expect(ndjson.code).toBe(2);
    expect(ndjson.stderr).toContain(`${lines} holds 3 events, one per line (NDJSON); --from takes one event.`);
    expect(ndjson.stderr).toContain('copy its line into a file of its own, say one.json), then --from one.json');
    // The hint repeats the command as it was started, and quotes a path with a space.
    const spaced = await file('my events.ndjson', `${events.join('\n')}\n`);
    expect((await runCli(['send', '--from', spaced, '--dry-run'])).stderr).toContain(
      `or send them all: node ${relative(process.cwd(), BIN)} replay "${spaced}"\n`,
    );
    expect(ndjson.stderr).not.toMatch(/not valid JSON/);

    const array = await file('events.json', `[${events.join(',')}]`);
    const list = await runCli(['send', '--from', array, '--dry-run']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain(`${array} holds 3 events (a JSON array); --from takes one event.`);

    // One event is one event, however it is stored.
    for (const single of [await file('one.ndjson', `${events[1]}\n`), await file('one.json', `[${events[1]}]`)]) {
      const sent = await runCli(['send', '--from', single, '--dry-run']);
      expect(sent.code).toBe(0);
      expect(JSON.parse(sent.stdout)).toEqual(JSON.parse(events[1]!));
    }
  });

  it('prints the version and help with examples', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const command of ['listen', 'send', 'replay', 'validate', 'check', 'relay']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Examples:');
    }
  });

  it('stops on Ctrl-C: abandons what is in flight, prints the summary so far, exits 130', async () => {
    const app = await server(() => undefined);
    const cli = startCli(['send', '--to', app.url, '-n', '50', '-c', '5']);
    await app.waitFor(5);
    const result = await cli.stop('SIGINT');
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/0 events, 0 delivered, 0 lost/);
    expect(result.stderr).toContain('Interrupted after 0 of 50 events; 5 in flight abandoned (not counted).');
  });

  it('ends quietly with exit 0 when its JSON reader goes away (send --json | head -1)', async () => {
    const app = await server();
    const cli = startCli(['send', '--to', app.url, '-n', '2000', '--json']);
    await cli.waitFor(/"verdict"/, 'stdout');
    cli.child.stdout.destroy();
    const result = await cli.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(app.requests.length).toBeLessThan(2000);
  });
});
