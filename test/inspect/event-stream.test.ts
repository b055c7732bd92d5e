import { afterEach, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import type { ReceiverHandle } from '../../src/receive/start-receiver.js';
import { readStream, startInspected, type SseReader } from '../helpers/inspector.js';
import { post } from '../helpers/listen.js';

const started: ReceiverHandle[] = [];
const readers: SseReader[] = [];
afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await Promise.all(started.splice(0).map((handle) => handle.close()));
});

async function inspected() {
  const handle = await startInspected();
  started.push(handle);
  return handle;
}
async function stream(url: string, headers?: Record<string, string>) {
  const reader = await readStream(url, headers);
  readers.push(reader);
  return reader;
}

const order = (id: number) => JSON.stringify(createEvent({ seed: id, id }));
const data = (reader: SseReader) => reader.messages.filter((m) => m.event === 'event').map((m) => JSON.parse(m.data));

describe('the live stream', () => {
  it('says hello, then sends each event as it arrives, with the same fields as the API', async () => {
    const handle = await inspected();
    const reader = await stream(`${handle.inspect}api/stream`);
    const [hello] = await reader.waitFor(1);
    expect(hello!.event).toBe('hello');
    expect(JSON.parse(hello!.data)).toEqual({ session: expect.stringMatching(/^[0-9a-f]+$/), history: 1000 });
    await post(`${handle.url}a`, order(1));
    await post(`${handle.url}b`, 'not json');
    await reader.waitFor(3);
    const [first, second] = data(reader);
    expect(first).toMatchObject({ seq: 1, path: '/a', type: 'ORDER', objectId: 1, rejected: null });
    expect(second).toMatchObject({ seq: 2, path: '/b', raw: 'not json', event: null, rejected: expect.stringMatching(/not JSON/) });
    const api = await (await fetch(`${handle.inspect}api/events/1`)).json();
    expect(first).toEqual(api);
    expect(reader.messages[1]!.id).toBe(`${JSON.parse(hello!.data).session}.1`);
  });

  it('sends the history first with ?since, and what was missed to a page that reconnects with Last-Event-ID', async () => {
    const handle = await inspected();
    for (let id = 1; id <= 3; id++) await post(handle.url, order(id));
    const all = await stream(`${handle.inspect}api/stream?since=0`);
    await all.waitFor(4);
    expect(data(all).map((e) => e.seq)).toEqual([1, 2, 3]);
    const session = JSON.parse(all.messages[0]!.data).session as string;
    const resumed = await stream(`${handle.inspect}api/stream?since=0`, { 'last-event-id': `${session}.2` });
    await resumed.waitFor(2);
    expect(data(resumed).map((e) => e.seq)).toEqual([3]);
    // An id from another listen (it restarted) is not this session's: the history after ?since comes instead.
    const restarted = await stream(`${handle.inspect}api/stream?since=1`, { 'last-event-id': 'ffffffffffff.3' });
    await restarted.waitFor(3);
    expect(data(restarted).map((e) => e.seq)).toEqual([2, 3]);
    const fresh = await stream(`${handle.inspect}api/stream`);
    await post(handle.url, order(4));
    await fresh.waitFor(2);
    expect(data(fresh).map((e) => e.seq)).toEqual([4]);
  });

  it("with ?view=list, sends the rows' fields only, a batch of events per message, history included", async () => {
    const handle = await inspected();
    for (let id = 1; id <= 3; id++) await post(handle.url, order(id));
    const reader = await stream(`${handle.inspect}api/stream?since=1&view=list`);
    const [hello, backlog] = await reader.waitFor(2);
    expect(backlog!.event).toBe('events');
    const session = JSON.parse(hello!.data).session as string;
    expect(backlog!.id).toBe(`${session}.3`);
    const rows = JSON.parse(backlog!.data);
    expect(rows.map((row: any) => row.seq)).toEqual([2, 3]);
    expect(rows[0]).toMatchObject({
      type: 'ORDER',
      operation: 'CREATE',
      objectId: 2,
      status: 'NEW',
      valid: true,
      duplicateOf: null,
      response: { status: 200 },
    });
    expect(rows[0]).not.toHaveProperty('event');
    expect(rows[0]).not.toHaveProperty('headers');
    await Promise.all([post(handle.url, order(4)), post(handle.url, order(5))]);
    // The two may come in one batch or in two.
    const seqs = () => reader.messages.slice(2).flatMap((message) => JSON.parse(message.data).map((row: any) => row.seq));
    await reader.waitFor(3);
    if (seqs().length < 2) await reader.waitFor(4);
    expect(seqs()).toEqual([4, 5]);
  });

  it('shows relayed events marked as relayed, and late when late', async () => {
    const handle = await inspected();
    const reader = await stream(`${handle.inspect}api/stream`);
    await reader.waitFor(1);
    await handle.receiver.handle({
      method: 'POST',
      path: '/relayed',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(order(9)),
      source: 'relay',
      late: true,
    });
    await reader.waitFor(2);
    expect(data(reader)[0]).toMatchObject({ source: 'relay', late: true, objectId: 9 });
  });

  it('ends open streams when listen stops, so that stopping does not wait for the page', async () => {
    const handle = await inspected();
    const reader = await stream(`${handle.inspect}api/stream`);
    await reader.waitFor(1);
    await handle.close();
    started.length = 0;
    await reader.ended;
  });
});
