import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { useServers } from '../helpers/http.js';
import { getJson, rawRequest, startInspected } from '../helpers/inspector.js';
import { post } from '../helpers/listen.js';
import type { ReceiverHandle } from '../../src/receive/start-receiver.js';

const started: ReceiverHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.close()));
});
const server = useServers(afterEach);

async function inspected(options: Parameters<typeof startInspected>[0] = {}) {
  const handle = await startInspected(options);
  started.push(handle);
  return handle;
}

const order = (id: number, operation: 'CREATE' | 'UPDATE' = 'CREATE', status: 'NEW' | 'PROCESSING' = 'NEW') =>
  JSON.stringify(createEvent({ seed: id, id, operation, status }), null, 2);

describe('the inspector API', () => {
  it('lists the events in memory, oldest first, with the --json line fields and the request headers', async () => {
    const handle = await inspected();
    await post(`${handle.url}hooks?env=staging`, order(7), { 'content-type': 'application/json', 'x-request-id': 'abc' });
    await post(`${handle.url}hooks`, order(7, 'UPDATE', 'PROCESSING'));
    const { status, body } = await getJson(`${handle.inspect}api/events`);
    expect(status).toBe(200);
    expect(body.map((e: any) => [e.seq, e.operation, e.path])).toEqual([
      [1, 'CREATE', '/hooks?env=staging'],
      [2, 'UPDATE', '/hooks'],
    ]);
    expect(body[0]).toMatchObject({ type: 'ORDER', objectId: 7, valid: true, duplicateOf: null, response: { status: 200 }, source: 'local', late: false });
    expect(body[0].headers['x-request-id']).toBe('abc');
    expect(body[0].event.object.id).toBe(7);
    expect(body[1].changes).toEqual(expect.arrayContaining([{ path: 'status.name', from: 'NEW', to: 'PROCESSING' }]));
    const one = await getJson(`${handle.inspect}api/events/2`);
    expect(one.body).toEqual(body[1]);
  });

  it('finds the events holding every word of ?text=, after a seq, and gives only the rows with ?view=list', async () => {
    const handle = await inspected();
    await post(`${handle.url}a`, order(101));
    await post(`${handle.url}b`, order(102, 'UPDATE', 'PROCESSING'));
    await post(`${handle.url}c`, 'Château not json');
    const find = async (query: string) => (await getJson(`${handle.inspect}api/events?${query}`)).body.map((e: any) => e.seq);
    expect(await find('text=processing')).toEqual([2]);
    expect(await find('text=ORDER%20%23')).toEqual([]);
    expect(await find(`text=${encodeURIComponent('châTEAU')}`)).toEqual([3]);
    expect(await find('text=order&after=1')).toEqual([2]);
    const rows = (await getJson(`${handle.inspect}api/events?view=list`)).body;
    expect(rows[1]).toMatchObject({ seq: 2, status: 'PROCESSING', operation: 'UPDATE' });
    expect(rows[1]).not.toHaveProperty('event');
  });

  it('never counts, shows or forwards its own requests as events', async () => {
    const app = await server();
    const handle = await inspected({ forwardTo: app.url });
    const seen: number[] = [];
    handle.receiver.subscribe((event) => seen.push(event.seq));
    await getJson(`${handle.inspect}api/events`);
    await fetch(handle.inspect);
    await fetch(`${handle.inspect}api/check`, { method: 'POST', body: '{}' });
    await fetch(`${handle.inspect}nothing-here`, { method: 'POST', body: order(1) });
    expect(seen).toEqual([]);
    expect(handle.receiver.summary.counts.requests).toBe(0);
    expect(app.requests).toHaveLength(0);
  });

  it('keeps the last --history events and says so for an older one', async () => {
    const handle = await inspected({ inspector: { history: 3 } });
    for (let id = 1; id <= 5; id++) await post(handle.url, order(id));
    const { body } = await getJson(`${handle.inspect}api/events`);
    expect(body.map((e: any) => e.seq)).toEqual([3, 4, 5]);
    const old = await getJson(`${handle.inspect}api/events/1`);
    expect(old.status).toBe(404);
    expect(old.body.error).toMatch(/keeps the last 3 \(--history\)/);
  });

  it('downloads the exact bytes received, named as --save names files', async () => {
    const handle = await inspected();
    const bytes = Buffer.from(`${order(12).replace(/\n/g, '\r\n').replace('"id"', '"label": "Château d’Yquem ✓",\t"id"')}\n\n`);
    await post(handle.url, bytes);
    const answer = await fetch(`${handle.inspect}api/events/1/body`);
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="\d{8}-\d{6}-\d{3}-000001-ORDER-CREATE-12\.json"$/);
    // A body that is not UTF-8 is kept byte for byte too.
    await post(handle.url, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const rejected = await fetch(`${handle.inspect}api/events/2/body`);
    expect(Buffer.from(await rejected.arrayBuffer())).toEqual(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  });

  it('checks an edited event against the same model as validate, naming issues by path and syntax errors by line', async () => {
    const handle = await inspected();
    const event = createEvent({ seed: 3, id: 3 }) as any;
    event.object.content[0].quantity = 'twelve';
    const issues = await getJson(`${handle.inspect}api/check`, { method: 'POST', body: JSON.stringify(event) });
    expect(issues.body.syntax).toBeNull();
    expect(issues.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'object.content[0].quantity' })]));
    const broken = await getJson(`${handle.inspect}api/check`, { method: 'POST', body: '{\n  "type": "ORDER"\n  "operation": "CREATE"\n}' });
    expect(broken.body).toMatchObject({ valid: false, syntax: { line: 3, column: 3 } });
    const fine = await getJson(`${handle.inspect}api/check`, { method: 'POST', body: order(3) });
    expect(fine.body).toEqual({ valid: true, issues: [], syntax: null });
  });

  it('redirects /_inspect to the page and serves it with a policy that loads nothing from elsewhere', async () => {
    const handle = await inspected();
    const bare = await rawRequest(`http://127.0.0.1:${handle.port}/_inspect`);
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/_inspect/');
    const page = await rawRequest(handle.inspect);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.body.toString()).toMatch(/<script src="app\.js"/);
    expect((await rawRequest(`${handle.inspect}app.js`)).status).toBe(200);
    expect((await rawRequest(handle.inspect, { method: 'DELETE' })).status).toBe(405);
    expect((await getJson(`${handle.inspect}api/nothing`)).status).toBe(404);
  });
});

describe('resend', () => {
  it('sends the exact bytes again to the forward target, path, content type and headers included, and answers the send --json result', async () => {
    const app = await server();
    const handle = await inspected({ forwardTo: `${app.url}webhooks` });
    const bytes = `${order(21)}\n  `;
    await post(`${handle.url}orders?env=pp`, bytes, { 'content-type': 'application/json; charset=utf-8', 'x-trace': 't-1' });
    await app.waitFor(1);
    const { status, body } = await getJson(`${handle.inspect}api/events/1/resend`, { method: 'POST', body: '{}' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'ORDER',
      operation: 'CREATE',
      objectId: 21,
      url: `${app.url}webhooks/orders?env=pp`,
      status: 200,
      verdict: 'delivered',
      cause: null,
    });
    const [, again] = await app.waitFor(2);
    expect(again!.url).toBe('/webhooks/orders?env=pp');
    expect(again!.body.equals(Buffer.from(bytes))).toBe(true);
    expect(again!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again!.headers['x-trace']).toBe('t-1');
  });

  it('sends an edited body to a URL typed in', async () => {
    const other = await server((_, res) => res.writeHead(202).end());
    const handle = await inspected();
    await post(handle.url, order(5));
    const edited = order(5, 'UPDATE', 'PROCESSING');
    const { body } = await getJson(`${handle.inspect}api/events/1/resend`, {
      method: 'POST',
      body: JSON.stringify({ url: `${other.url}typed`, body: edited }),
    });
    expect(body).toMatchObject({ operation: 'UPDATE', status: 202, verdict: 'delivered' });
    const [received] = await other.waitFor(1);
    expect(received!.url).toBe('/typed');
    expect(received!.body.toString()).toBe(edited);
  });

  it('reports a loss with the advice send gives, and refuses what it cannot do with a reason', async () => {
    const down = await server();
    const url = down.url;
    await down.close();
    const handle = await inspected();
    await post(handle.url, order(8));
    const lost = await getJson(`${handle.inspect}api/events/1/resend`, { method: 'POST', body: JSON.stringify({ url }) });
    expect(lost.body).toMatchObject({ verdict: 'lost', cause: 'refused', status: null });
    expect(lost.body.advice).toMatch(/listen|running|start/i);
    const noTarget = await getJson(`${handle.inspect}api/events/1/resend`, { method: 'POST', body: '{}' });
    expect(noTarget).toEqual({ status: 400, body: { error: expect.stringMatching(/without --forward-to: type the URL/) } });
    const badUrl = await getJson(`${handle.inspect}api/events/1/resend`, { method: 'POST', body: JSON.stringify({ url: 'ftp://x' }) });
    expect(badUrl.status).toBe(400);
    const badBody = await getJson(`${handle.inspect}api/events/1/resend`, { method: 'POST', body: '{"url": 3}' });
    expect(badBody.body.error).toMatch(/expected \{"url"\?: string/);
    expect((await getJson(`${handle.inspect}api/events/99/resend`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await getJson(`${handle.inspect}api/events/1/resend`)).status).toBe(405);
  });
});

describe('who may use the inspector', () => {
  it('refuses a Host that is not the address listen serves (DNS rebinding), on the page, the API and the stream', async () => {
    const handle = await inspected();
    for (const path of ['', 'api/events', 'api/stream', 'api/events/1/body']) {
      const answer = await rawRequest(`${handle.inspect}${path}`, { headers: { host: `attacker.example:${handle.port}` } });
      expect(answer.status, path).toBe(403);
      expect(answer.body.toString()).toMatch(/not this inspector's address/);
    }
    for (const host of [`localhost:${handle.port}`, `127.0.0.1:${handle.port}`, `[::1]:${handle.port}`]) {
      expect((await rawRequest(`${handle.inspect}api/events`, { headers: { host } })).status, host).toBe(200);
    }
    expect((await rawRequest(`${handle.inspect}api/events`, { headers: { host: '127.0.0.1:1' } })).status).toBe(403);
  });

  it('refuses an action from another origin or site, and takes it from its own page and from scripts', async () => {
    const app = await server();
    const handle = await inspected({ forwardTo: app.url });
    await post(handle.url, order(4));
    await app.waitFor(1);
    const resend = (headers: Record<string, string>) => rawRequest(`${handle.inspect}api/events/1/resend`, { method: 'POST', headers, body: '{}' });
    expect((await resend({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await resend({ origin: 'null' })).status).toBe(403);
    expect((await resend({ origin: `http://127.0.0.1:${handle.port}`, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(app.requests).toHaveLength(1);
    expect((await resend({ origin: `http://127.0.0.1:${handle.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await resend({})).status).toBe(200);
    expect(app.requests).toHaveLength(3);
  });

  it("lets another site link to the page, but not read the API from that site's scripts or tags", async () => {
    const handle = await inspected();
    const get = (path: string, mode: string) => rawRequest(`${handle.inspect}${path}`, { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': mode } });
    expect((await get('', 'navigate')).status).toBe(200);
    expect((await get('api/events', 'no-cors')).status).toBe(403);
    expect((await get('api/events', 'cors')).status).toBe(403);
    expect((await get('api/stream', 'cors')).status).toBe(403);
    expect((await rawRequest(`${handle.inspect}api/events`, { headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' } })).status).toBe(200);
  });

  it('off loopback, needs the token printed in its URL, in the query or as a bearer token', async () => {
    const handle = await inspected({ host: '0.0.0.0' });
    expect(handle.inspectorUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${handle.port}/_inspect/\\?token=[\\w-]{20,}$`));
    const token = new URL(handle.inspectorUrl!).searchParams.get('token')!;
    const api = `${handle.inspect}api/events`;
    const refused = await rawRequest(api);
    expect(refused.status).toBe(403);
    expect(refused.body.toString()).toMatch(/needs the token printed by listen/);
    expect((await rawRequest(`${api}?token=${token}x`)).status).toBe(403);
    expect((await rawRequest(`${api}?token=${token}`)).status).toBe(200);
    expect((await rawRequest(api, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await rawRequest(handle.inspectorUrl!)).status).toBe(200);
    // The page itself needs the token; its script and style, the package's own, do not.
    expect((await rawRequest(handle.inspect)).status).toBe(403);
    expect((await rawRequest(`${handle.inspect}index.html`)).status).toBe(403);
    expect((await rawRequest(`${handle.inspect}app.js`)).status).toBe(200);
    // Webhook events need no token: WineSitting sends none.
    expect((await post(handle.url.replace('0.0.0.0', '127.0.0.1'), order(1))).status).toBe(200);
  });

  it('on loopback, needs no token', async () => {
    const handle = await inspected();
    expect(handle.inspectorUrl).toBe(`http://127.0.0.1:${handle.port}/_inspect/`);
  });
});
