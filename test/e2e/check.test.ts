import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { deadPort, holdUntilPast, trickle, useServers } from '../helpers/http.js';
import { startTlsServer } from '../helpers/tls.js';

const endpoint = useServers(afterEach);
const tlsServers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(tlsServers.splice(0).map((s) => s.close()));
});

const ALL = [
  'order-create',
  'order-update',
  'putaway-create',
  'lifecycle',
  'duplicate',
  'concurrent-duplicates',
  'out-of-order',
  'unknown-fields',
  'large-order',
  'unicode',
  'burst',
  'latency',
  'no-redirect',
];

async function check(url: string, extra: string[] = []) {
  const result = await runCli(['check', '--to', url, '--json', ...extra]);
  const lines = result.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const cases = Object.fromEntries(lines.filter((l) => l.case).map((l) => [l.case, l]));
  return { ...result, cases, summary: lines.at(-1).summary, failed: lines.filter((l) => l.case && !l.passed).map((l) => l.case) };
}

describe('check', () => {
  it('passes every case against a correct endpoint', async () => {
    const app = await endpoint((_, res) => res.end('ok'));
    const result = await check(app.url);
    expect(result.code).toBe(0);
    expect(Object.keys(result.cases)).toEqual(ALL);
    expect(result.failed).toEqual([]);
    expect(result.summary).toEqual({ cases: 13, passed: 13, atRisk: 0, failed: 0 });
    const large = app.requests.find((r) => r.body.length > 200_000);
    expect(large!.body.length).toBeGreaterThan(250_000);
  });

  it('fails the duplicate cases against an endpoint that refuses a repeated body with 409', async () => {
    const seen = new Set<string>();
    const app = await endpoint((req, res) => {
      const key = req.body.toString();
      res.statusCode = seen.has(key) ? 409 : 200;
      seen.add(key);
      res.end(res.statusCode === 409 ? 'already processed' : 'ok');
    });
    const result = await check(app.url);
    expect(result.code).toBe(1);
    expect(result.failed).toEqual(['duplicate', 'concurrent-duplicates']);
    expect(result.cases.duplicate.detail).toContain('the second, identical copy answered 409');
    expect(result.cases.duplicate.detail).toContain('already processed');
    expect(result.cases.duplicate.detail).toContain('Answer 2xx to a duplicate and ignore it; WineSitting may send an event twice.');
  });

  it('fails large-order against an endpoint with a 100 KB body limit', async () => {
    const app = await endpoint((req, res) => {
      res.statusCode = req.body.length > 100 * 1024 ? 413 : 200;
      res.end(res.statusCode === 413 ? 'request entity too large' : 'ok');
    });
    const result = await check(app.url);
    expect(result.failed).toEqual(['large-order']);
    expect(result.cases['large-order'].detail).toMatch(/answered 413 .*request entity too large.*Raise the body size limit/);
  });

  it('fails no-redirect, naming the login page, against an endpoint that redirects', async () => {
    const app = await endpoint((_, res) => {
      res.writeHead(302, { location: '/login?next=/webhooks' });
      res.end();
    });
    const result = await check(app.url);
    expect(result.code).toBe(1);
    expect(result.cases['no-redirect'].passed).toBe(false);
    expect(result.cases['no-redirect'].detail).toMatch(/answered 302 to \/login\?next=\/webhooks.*WineSitting does not follow redirects/);
    expect(result.cases['order-create'].detail).toContain('answered 302 to /login');
    expect(result.cases.latency.passed).toBe(true);
  });

  it('fails only latency against a slow endpoint', async () => {
    const app = await endpoint(async (_, res) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      res.end('ok');
    });
    const result = await check(app.url, ['--budget', '100', '--only', 'order-create', '--only', 'duplicate', '--only', 'latency', '--only', 'no-redirect']);
    expect(result.failed).toEqual(['latency']);
    expect(result.cases.latency.detail).toMatch(/3 of 3 answers took longer than 100 ms.*Answer 2xx first, then do the work/);
  });

  it('writes a JUnit report that parses and names the failing case', async () => {
    const app = await endpoint((req, res) => {
      res.statusCode = req.body.length > 100 * 1024 ? 413 : 200;
      res.end();
    });
    const dir = await mkdtemp(join(tmpdir(), 'ws-junit-'));
    const file = join(dir, 'reports', 'webhooks.xml');
    const result = await runCli(['check', '--to', app.url, '--junit', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ large-order/);
    expect(result.stdout).toMatch(/12 passed, 1 failed/);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await readFile(file, 'utf8'));
    const suite = xml.testsuites.testsuite;
    expect(suite['@_tests']).toBe('13');
    expect(suite['@_failures']).toBe('1');
    const failing = suite.testcase.filter((c: any) => c.failure);
    expect(failing.map((c: any) => c['@_name'])).toEqual(['large-order']);
    expect(failing[0].failure['@_message']).toMatch(/answered 413/);
    // Written to a temporary file, then renamed: nothing else is left beside it.
    expect(await readdir(join(dir, 'reports'))).toEqual(['webhooks.xml']);
  });

  it('reports an unreachable endpoint on every case, and refuses an unknown case name', async () => {
    const port = await deadPort();
    const result = await check(`http://127.0.0.1:${port}/`, ['--only', 'order-create']);
    expect(result.code).toBe(1);
    expect(result.cases['order-create'].detail).toMatch(/could not connect \(connection refused\)/);
    const unknown = await runCli(['check', '--only', 'dupes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown case "dupes". Cases: order-create');
  });

  describe('advises from what happened, not from the case', () => {
    const CASE_ADVICE = /Raise the body size limit|do not validate the payload strictly|Accept UTF-8 everywhere/;
    const cases = ['--only', 'large-order', '--only', 'unknown-fields', '--only', 'unicode'];
    const details = (result: Awaited<ReturnType<typeof check>>) =>
      ['large-order', 'unknown-fields', 'unicode'].map((name) => result.cases[name].detail as string);

    it('a refused connection: start the endpoint', async () => {
      const result = await check(`http://127.0.0.1:${await deadPort()}/`, cases);
      expect(result.failed).toEqual(['unknown-fields', 'large-order', 'unicode']);
      for (const detail of details(result)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).toMatch(/connection refused.*Start your endpoint/);
      }
    });

    it('a redirect to a login page: keep the webhook route out of the login', async () => {
      const app = await endpoint((_, res) => {
        res.writeHead(302, { location: '/login' });
        res.end();
      });
      const result = await check(app.url, cases);
      for (const detail of details(result)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).toMatch(/answered 302 to \/login.*redirects to a login page.*WineSitting does not follow redirects/);
      }
    });

    it('a 401: WineSitting sends no credentials', async () => {
      const app = await endpoint((_, res) => {
        res.statusCode = 401;
        res.end('unauthorized');
      });
      const result = await check(app.url, cases);
      for (const detail of details(result)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).toMatch(/answered 401.*WineSitting sends no credentials/);
      }
    });

    it('a timeout: answer first, work later', async () => {
      const app = await endpoint(() => undefined);
      const result = await check(app.url, [...cases, '--timeout', '300']);
      for (const detail of details(result)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).toMatch(/no answer within the 300 ms timeout.*Answer 2xx first, then do the work/);
      }
    });

    it('a TLS failure: the TLS sentence', async () => {
      const app = await endpoint();
      const plain = await check(`https://127.0.0.1:${app.port}/`, cases);
      for (const detail of details(plain)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).not.toMatch(/SSL routines|ERR_SSL/);
        expect(detail).toMatch(new RegExp(`this port speaks plain HTTP, not HTTPS.*Use http://127\\.0\\.0\\.1:${app.port}/`));
      }
      const tls = await startTlsServer();
      tlsServers.push(tls);
      const selfSigned = await check(`https://127.0.0.1:${tls.port}/`, ['--only', 'large-order']);
      expect(selfSigned.cases['large-order'].detail).toMatch(/self-signed certificate.*NODE_EXTRA_CA_CERTS/);
    });

    it("a 500: the app's error log", async () => {
      const app = await endpoint((_, res) => {
        res.statusCode = 500;
        res.end('TypeError: cannot read properties of undefined');
      });
      const result = await check(app.url, cases);
      for (const detail of details(result)) {
        expect(detail).not.toMatch(CASE_ADVICE);
        expect(detail).toMatch(/answered 500 .*TypeError.*error log/);
      }
    });

    it("the case's own advice for its own failure: a 422 on unknown keys", async () => {
      const app = await endpoint((req, res) => {
        res.statusCode = req.body.includes('loyalty_tier') ? 422 : 200;
        res.end(res.statusCode === 422 ? 'unexpected key loyalty_tier' : 'ok');
      });
      const result = await check(app.url, cases);
      expect(result.failed).toEqual(['unknown-fields']);
      expect(result.cases['unknown-fields'].detail).toMatch(/answered 422 .*do not validate the payload strictly/);
    });
  });

  it('judges nothing it has not seen: against an endpoint that never answers, latency and no-redirect fail without saying "start it"', async () => {
    const app = await endpoint(() => undefined);
    const result = await check(app.url, ['--only', 'order-create', '--only', 'latency', '--only', 'no-redirect', '--timeout', '300']);
    expect(result.failed).toEqual(['order-create', 'latency', 'no-redirect']);
    expect(result.cases.latency.detail).not.toContain('Start your endpoint');
    expect(result.cases.latency.detail).toMatch(/no answer within the 300 ms timeout.*Answer 2xx first/);
    expect(result.cases['no-redirect'].detail).toMatch(/redirects could not be ruled out/);
  });

  it('sends its own events when latency and no-redirect run alone', async () => {
    const app = await endpoint();
    const result = await check(app.url, ['--only', 'latency', '--only', 'no-redirect']);
    expect(result.code).toBe(0);
    expect(result.failed).toEqual([]);
    expect(result.cases.latency.detail).toMatch(/slowest \d+ ms of [1-9]\d* answers/);
    expect(result.cases['no-redirect'].detail).toMatch(/none of [1-9]\d* answers was a 3xx/);
    expect(app.requests.length).toBeGreaterThan(0);
  });

  it('marks a case that passed over the budget as at risk, without latency in the run', async () => {
    const app = await endpoint(async (_, res) => {
      await holdUntilPast(performance.now(), 150);
      res.end('ok');
    });
    const json = await check(app.url, ['--only', 'order-create', '--budget', '100']);
    expect(json.code).toBe(0);
    expect(json.cases['order-create']).toMatchObject({ passed: true, atRisk: true });
    expect(json.cases['order-create'].detail).toMatch(/at risk: slower than the 100 ms budget/);
    const pretty = await runCli(['check', '--to', app.url, '--only', 'order-create', '--budget', '100']);
    expect(pretty.stdout).toMatch(/⚠ order-create .*at risk/);
    expect(pretty.stdout).toMatch(/1 passed \(1 at risk\), 0 failed/);
  });

  it('bounds each delivery by --timeout as a whole, even when the answer trickles in', async () => {
    const app = await endpoint(trickle);
    const result = await check(app.url, ['--only', 'order-create', '--timeout', '500']);
    const detail: string = result.cases['order-create'].detail;
    expect(detail).toMatch(/no answer within the 500 ms timeout/);
    const ms = Number(/gave up after (\d+) ms/.exec(detail)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(500);
    // Well before the answer ends (3 s): the timeout bounds the whole delivery, not each chunk.
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a --junit path it cannot write before sending anything, with exit 2', async () => {
    const app = await endpoint(() => undefined);
    const dir = await mkdtemp(join(tmpdir(), 'ws-junit-'));
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    await mkdir(join(dir, 'folder'));
    for (const [path, reason] of [
      [join(file, 'report.xml'), /a-file is a file, not a folder/],
      [join(dir, 'folder'), /is a folder/],
    ] as const) {
      const started = performance.now();
      const result = await runCli(['check', '--to', app.url, '--only', 'order-create', '--junit', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(path);
      expect(result.stderr).toMatch(reason);
      expect(performance.now() - started).toBeLessThan(5000);
    }
    expect(app.requests).toHaveLength(0);
  });

  it('lists every case with a line each in --help', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    for (const name of ALL) expect(help.stdout).toMatch(new RegExp(`^\\s+${name}\\s+\\S`, 'm'));
  });
});
