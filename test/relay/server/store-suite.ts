import { afterEach, describe, expect, it } from 'vitest';
import type { RelayedRequest } from '../../../src/relay/protocol.js';
import { ChannelLimitError, type IncomingWebhook, type RelayStore } from '../../../src/relay/server/store.js';

export interface StoreLimits {
  capacity?: number;
  maxBytes?: number;
  maxTotalBytes?: number;
  maxChannels?: number;
  rate?: number;
  channelTtlMs?: number;
  now?: () => number;
}

/** How a suite reaches one kind of store: a fresh place for each test, and a store opened on it (again, to test what survives). */
export interface StoreHarness {
  open(limits?: StoreLimits): Promise<RelayStore>;
}

export const webhook = (n: number, bytes = 0): IncomingWebhook => ({
  receivedAt: '2026-11-28T12:00:00.000Z',
  method: 'POST',
  path: `/event/${n}`,
  contentType: 'application/json',
  headers: { 'content-type': 'application/json', 'x-request-id': `r-${n}` },
  body: Buffer.from(`{"n":${n},"pad":"${'x'.repeat(bytes)}"}`),
});

export const parsed = (json: Buffer) => JSON.parse(json.toString('utf8')) as RelayedRequest;

/** The behaviour every relay store must have, whatever keeps the data. */
export function describeStore(name: string, harness: () => Promise<StoreHarness>): void {
  describe(`${name}: the relay store contract`, () => {
    const opened: RelayStore[] = [];
    let place: StoreHarness | undefined;
    const open = async (limits?: StoreLimits) => {
      place ??= await harness();
      const store = await place.open(limits);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      place = undefined;
    });

    it('creates, finds, counts and removes channels, and refuses one past the limit', async () => {
      const store = await open({ maxChannels: 2 });
      const first = await store.createChannel('hash-1');
      expect(first).toMatchObject({ tokenHash: 'hash-1' });
      expect(first.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      await store.createChannel('hash-2');
      await expect(store.createChannel('hash-3')).rejects.toBeInstanceOf(ChannelLimitError);
      expect(await store.countChannels()).toBe(2);
      expect(await store.getChannel(first.id)).toEqual(first);
      await store.append(first.id, webhook(1));
      await store.removeChannel(first.id);
      expect(await store.getChannel(first.id)).toBeNull();
      expect(await store.countChannels()).toBe(1);
      await store.createChannel('hash-3');
    });

    it('numbers events 1, 2, 3… and reads them back after any position, with their path, headers and exact bytes', async () => {
      const store = await open();
      const { id } = await store.createChannel('h');
      for (let n = 1; n <= 5; n++) expect(await store.append(id, webhook(n))).toBe(n);
      const all = await store.read(id, 0, { records: 100, bytes: 1 << 20 });
      expect(all).toMatchObject({ firstSeq: 1, lastSeq: 5 });
      expect(all.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      const third = parsed(all.records[2]!.json);
      expect(third).toMatchObject({ seq: 3, path: '/event/3', contentType: 'application/json', headers: { 'x-request-id': 'r-3' } });
      expect(Buffer.from(third.body, 'base64').equals(webhook(3).body)).toBe(true);
      expect((await store.read(id, 3, { records: 100, bytes: 1 << 20 })).records.map((r) => r.seq)).toEqual([4, 5]);
      expect((await store.read(id, 5, { records: 100, bytes: 1 << 20 })).records).toEqual([]);
      expect(await store.bounds(id)).toMatchObject({ firstSeq: 1, lastSeq: 5 });
    });

    it('reads within a count and a byte limit, but always at least one event, however large', async () => {
      const store = await open();
      const { id } = await store.createChannel('h');
      for (let n = 1; n <= 4; n++) await store.append(id, webhook(n, 10_000));
      expect((await store.read(id, 0, { records: 2, bytes: 1 << 20 })).records.map((r) => r.seq)).toEqual([1, 2]);
      // Events are measured as stored: their wire JSON, about 13.6 KB each here.
      expect((await store.read(id, 0, { records: 100, bytes: 30_000 })).records.map((r) => r.seq)).toEqual([1, 2]);
      expect((await store.read(id, 0, { records: 100, bytes: 10 })).records.map((r) => r.seq)).toEqual([1]);
    });

    it('gives 300 simultaneous appends the numbers 1 to 300, none lost, none twice', async () => {
      const store = await open({ rate: 100_000 });
      const { id } = await store.createChannel('h');
      const seqs = await Promise.all(Array.from({ length: 300 }, (_, n) => store.append(id, webhook(n))));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      const read = await store.read(id, 0, { records: 1000, bytes: 1 << 24 });
      expect(read.records.map((r) => r.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(new Set(read.records.map((r) => parsed(r.json).path)).size).toBe(300);
    });

    it('evicts the oldest events past the count limit, and says where the kept ones start', async () => {
      const store = await open({ capacity: 3 });
      const { id } = await store.createChannel('h');
      for (let n = 1; n <= 5; n++) await store.append(id, webhook(n));
      const read = await store.read(id, 0, { records: 100, bytes: 1 << 20 });
      expect(read).toMatchObject({ firstSeq: 3, lastSeq: 5 });
      expect(read.records.map((r) => r.seq)).toEqual([3, 4, 5]);
    });

    it('evicts the oldest events past the byte limit, keeping the newest even when it alone is over', async () => {
      const store = await open({ maxBytes: 30_000 });
      const { id } = await store.createChannel('h');
      for (let n = 1; n <= 4; n++) await store.append(id, webhook(n, 10_000));
      expect((await store.read(id, 0, { records: 100, bytes: 1 << 20 })).records.map((r) => r.seq)).toEqual([3, 4]);
      await store.append(id, webhook(5, 40_000));
      expect((await store.read(id, 0, { records: 100, bytes: 1 << 20 })).records.map((r) => r.seq)).toEqual([5]);
    });

    it('past the total byte limit, takes the oldest events of the next largest channel when the largest holds only its newest', async () => {
      // Wire JSON of about 27 KB, and of about 7 KB each.
      const store = await open({ maxTotalBytes: 40_000 });
      const large = await store.createChannel('l');
      const small = await store.createChannel('s');
      await store.append(large.id, webhook(1, 20_000));
      await store.append(small.id, webhook(1, 5000));
      await store.append(small.id, webhook(2, 5000));
      expect(await store.bounds(large.id)).toMatchObject({ firstSeq: 1, lastSeq: 1 });
      expect(await store.bounds(small.id)).toMatchObject({ firstSeq: 2, lastSeq: 2 });
    });

    it('tells watchers of each append, until they stop watching', async () => {
      const store = await open();
      const { id } = await store.createChannel('h');
      const other = await store.createChannel('h2');
      const seen: number[] = [];
      const unwatch = store.watch(id, (lastSeq) => seen.push(lastSeq));
      const otherTold = new Promise((resolve) => store.watch(other.id, resolve));
      await store.append(id, webhook(1));
      await store.append(id, webhook(2));
      unwatch();
      await store.append(id, webhook(3));
      // Notifications come in the order of the appends: once the later one is told, the earlier was handled.
      await store.append(other.id, webhook(1));
      await otherTold;
      expect(seen).toEqual([1, 2]);
    });

    it('limits the rate per channel, and says how long to wait', async () => {
      const store = await open({ rate: 2 });
      const { id } = await store.createChannel('h');
      const other = await store.createChannel('h2');
      const waits = [];
      for (let i = 0; i < 6; i++) waits.push(await store.takeRate(id));
      expect(waits.slice(0, 4)).toEqual([null, null, null, null]);
      expect(waits[5]).toBeGreaterThanOrEqual(1);
      expect(await store.takeRate(other.id)).toBeNull();
    });

    it('removes the channels nobody has read for the TTL, with their events, and keeps those read or watched', async () => {
      let clock = Date.parse('2026-11-28T12:00:00.000Z');
      const store = await open({ channelTtlMs: 60_000, now: () => clock });
      const unread = await store.createChannel('unread');
      const read = await store.createChannel('read');
      const watched = await store.createChannel('watched');
      await store.append(unread.id, webhook(1));
      clock += 40_000;
      await store.read(read.id, 0, { records: 10, bytes: 1 << 20 });
      const unwatch = store.watch(watched.id, () => undefined);
      clock += 40_000;
      expect(await store.expire()).toEqual([unread.id]);
      expect(await store.getChannel(unread.id)).toBeNull();
      expect(await store.countChannels()).toBe(2);
      unwatch();
      clock += 61_000;
      expect(new Set(await store.expire())).toEqual(new Set([read.id, watched.id]));
      expect(await store.countChannels()).toBe(0);
      const again = await store.createChannel('again');
      expect(await store.append(again.id, webhook(1))).toBe(1);
    });

    it('keeps channels and events across a restart, and numbers the next event after the last', async () => {
      const first = await open();
      const { id } = await first.createChannel('h');
      for (let n = 1; n <= 3; n++) await first.append(id, webhook(n));
      await first.close();
      opened.splice(opened.indexOf(first), 1);
      const again = await open();
      expect(await again.getChannel(id)).toMatchObject({ id, tokenHash: 'h' });
      expect((await again.read(id, 0, { records: 100, bytes: 1 << 20 })).records.map((r) => parsed(r.json).path)).toEqual(['/event/1', '/event/2', '/event/3']);
      expect(await again.append(id, webhook(4))).toBe(4);
    });
  });
}
