import { describe, expect, it } from 'vitest';
import { createEvent, createLifecycle } from '../../src/index.js';
import { createReceiver } from '../../src/receive/receiver.js';
import type { IncomingRequest, ReceivedEvent, SaveRecord } from '../../src/receive/types.js';

const clock = () => new Date('2026-11-28T12:00:00.000Z');
const request = (body: string | Buffer, extra: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/json' },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  ...extra,
});

function recording(options: Parameters<typeof createReceiver>[0] = {}) {
  const receiver = createReceiver({ clock, ...options });
  const seen: ReceivedEvent[] = [];
  receiver.subscribe((event) => seen.push(event));
  return { receiver, seen };
}

describe('createReceiver', () => {
  it('acknowledges an event and describes it, with no transport involved', async () => {
    const { receiver, seen } = recording();
    const event = createEvent({ seed: 1 });
    const answer = await receiver.handle(request(JSON.stringify(event)));
    expect(answer.status).toBe(200);
    expect(seen[0]).toMatchObject({
      seq: 1,
      receivedAt: '2026-11-28T12:00:00.000Z',
      type: 'ORDER',
      operation: 'CREATE',
      objectId: event.object.id,
      valid: true,
      source: 'local',
      late: false,
    });
  });

  it('acknowledges JSON that is no event, and refuses what is not JSON with 400', async () => {
    const { receiver, seen } = recording();
    expect((await receiver.handle(request('{"hello":"world"}'))).status).toBe(200);
    expect(seen[0]!.valid).toBe(false);
    expect(seen[0]!.issues.map((i) => i.path)).toEqual(['type', 'operation', 'object', 'date']);
    expect((await receiver.handle(request('nope'))).status).toBe(400);
    expect((await receiver.handle(request(''))).status).toBe(400);
    expect(seen.slice(1).map((e) => e.rejected)).toEqual([expect.stringMatching(/not JSON/), expect.stringMatching(/empty body/)]);
    expect(receiver.summary.counts).toMatchObject({ requests: 3, invalid: 1, rejected: 2 });
  });

  it('saves before answering, rejected bodies too, and reports the file', async () => {
    const saved: SaveRecord[] = [];
    const { receiver, seen } = recording({ save: (record) => (saved.push(record), Promise.resolve(`/saved/${record.seq}`)) });
    const event = createEvent({ seed: 2 });
    await receiver.handle(request(JSON.stringify(event)));
    await receiver.handle(request('<xml/>'));
    expect(saved.map((r) => r.rejected)).toEqual([false, true]);
    expect(saved[1]!.body.toString()).toBe('<xml/>');
    // Decoded and parsed once, for the saver too.
    expect(saved.map((r) => [r.text, r.event])).toEqual([
      [JSON.stringify(event), event],
      ['<xml/>', null],
    ]);
    expect(seen.map((e) => e.file)).toEqual(['/saved/1', '/saved/2']);
  });

  it('answers 500 and says why when --save cannot write, and keeps serving', async () => {
    let full = true;
    const { receiver, seen } = recording({ save: () => (full ? Promise.reject(new Error('ENOSPC: no space left on device')) : Promise.resolve('/saved')) });
    const answer = await receiver.handle(request(JSON.stringify(createEvent({ seed: 7 }))));
    expect(answer.status).toBe(500);
    expect(String(answer.body)).toContain('could not save the event: ENOSPC');
    expect(seen[0]!.saveError).toContain('ENOSPC');
    full = false;
    expect((await receiver.handle(request(JSON.stringify(createEvent({ seed: 8 }))))).status).toBe(200);
    expect(receiver.summary.counts.saveFailures).toBe(1);
  });

  it('marks a duplicate with the first seq and diffs a new version against the last one', async () => {
    const { receiver, seen } = recording();
    const [create, update] = createLifecycle({ seed: 3 });
    for (const event of [create, update, update]) await receiver.handle(request(JSON.stringify(event)));
    expect(seen.map((e) => e.duplicateOf)).toEqual([null, null, 2]);
    expect(seen[1]!.changes).toContainEqual({ path: 'status.name', from: 'NEW', to: 'PROCESSING' });
    expect(seen[2]!.changes).toEqual([]);
  });

  it('answers 405 to other methods and serves a page to GET', async () => {
    const { receiver } = recording();
    expect((await receiver.handle(request('{}', { method: 'DELETE' }))).status).toBe(405);
    const page = await receiver.handle(request('', { method: 'GET' }));
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('winesitting-hooks is listening');
  });

  it("passes the app's answer back when forwarding, and 502 when the app cannot be reached", async () => {
    const up = recording({
      forward: () => Promise.resolve({ url: 'http://app/', status: 201, ms: 3, error: null, body: Buffer.from('made'), contentType: 'text/plain' }),
    });
    const answer = await up.receiver.handle(request(JSON.stringify(createEvent({ seed: 4 }))));
    expect(answer).toMatchObject({ status: 201, headers: { 'content-type': 'text/plain' } });
    expect(String(answer.body)).toBe('made');
    const down = recording({
      forward: () => Promise.resolve({ url: 'http://app/', status: null, ms: 1, error: 'connection refused', body: null, contentType: null }),
    });
    expect((await down.receiver.handle(request(JSON.stringify(createEvent({ seed: 4 }))))).status).toBe(502);
    expect(down.receiver.summary.counts.forwardFailures).toBe(1);
  });

  it('hides filtered events from subscribers but still acknowledges and forwards only what matches', async () => {
    const forwarded: string[] = [];
    const { receiver, seen } = recording({
      filters: [{ type: 'PUTAWAY', operation: null }],
      forward: (req) => (forwarded.push(req.path), Promise.resolve({ url: 'x', status: 200, ms: 1, error: null, body: null, contentType: null })),
    });
    expect((await receiver.handle(request(JSON.stringify(createEvent({ seed: 5 })), { path: '/order' }))).status).toBe(200);
    await receiver.handle(request(JSON.stringify(createEvent({ seed: 6, type: 'PUTAWAY' })), { path: '/putaway' }));
    expect(seen.map((e) => e.shown)).toEqual([false, true]);
    expect(forwarded).toEqual(['/putaway']);
  });

  it('drains: resolves once every request in progress is answered', async () => {
    let release!: () => void;
    const { receiver } = recording({ save: () => new Promise((resolve) => (release = () => resolve('/f'))) });
    const pending = receiver.handle(request('{}'));
    let drained = false;
    const draining = receiver.drain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    release();
    await pending;
    await draining;
    expect(drained).toBe(true);
  });

  it('waits for the delay before answering, and reports the event with its answer', async () => {
    let wake!: () => void;
    let sleepStarted!: () => void;
    const sleeping = new Promise<void>((resolve) => (sleepStarted = resolve));
    const asked: number[] = [];
    const sleep = (ms: number) => {
      asked.push(ms);
      sleepStarted();
      return new Promise<void>((resolve) => (wake = resolve));
    };
    const { receiver, seen } = recording({ delay: 150, status: 202, sleep });
    let answered = false;
    const pending = receiver.handle(request(JSON.stringify(createEvent({ seed: 9 })))).then((answer) => ((answered = true), answer));
    await sleeping;
    expect(asked).toEqual([150]);
    expect(answered).toBe(false);
    expect(seen).toEqual([]);
    wake();
    expect((await pending).status).toBe(202);
    expect(seen.map((e) => e.response.status)).toEqual([202]);
  });

  it('keeps __proto__ keys as data and changes no prototype', async () => {
    const { receiver, seen } = recording();
    const version = (x: number) =>
      `{"type":"ORDER","operation":"UPDATE","__proto__":{"admin":true},"object":{"id":5,"__proto__":{"x":${x}}},"date":"2024-01-01T00:00:00Z"}`;
    await receiver.handle(request(version(1)));
    await receiver.handle(request(version(2)));
    expect(seen[1]!.changes).toEqual([{ path: '__proto__.x', from: 1, to: 2 }]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
