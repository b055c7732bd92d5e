import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/event-files/stored-event.js';
import { formatDate } from '../../src/events/dates.js';
import { createEvent } from '../../src/index.js';
import { replaySource, type ReplayItem, type SourceOptions } from '../../src/replay/replay-source.js';

const at = (iso: string) => formatDate(Date.parse(iso));

function stored(value: unknown, line: number): StoredEvent {
  const body = JSON.stringify(value);
  return { file: 'events.ndjson', line, index: null, body, value, parseError: null };
}

/** Events as a stream, the way files are read: one at a time, each after a turn of the event loop. */
async function* from(events: StoredEvent[], pulled?: { count: number }) {
  for (const event of events) {
    await Promise.resolve();
    if (pulled) pulled.count++;
    yield event;
  }
}

async function all(items: AsyncIterable<ReplayItem>): Promise<ReplayItem[]> {
  const out: ReplayItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const options = (extra: Partial<SourceOptions> = {}): SourceOptions => ({ order: 'name', seed: 1, repeat: 1, ...extra });
const events = [
  stored({ ...createEvent({ seed: 1, id: 1 }), date: at('2026-05-03T10:00:00Z') }, 1),
  stored({ ...createEvent({ seed: 2, id: 2, type: 'PUTAWAY' }), date: at('2026-05-01T10:00:00Z') }, 2),
  stored({ type: 'getoutrequest', operation: 'update', object: { id: 3 }, date: at('2026-05-02T10:00:00Z') }, 3),
  stored({ ...createEvent({ seed: 4, id: 4, operation: 'UPDATE' }), date: 'not a date' }, 4),
];
const ids = (items: ReplayItem[]) => items.map((item) => item.objectId);

describe('replaySource', () => {
  it('in name order, streams: it pulls one event ahead of what is consumed', async () => {
    const pulled = { count: 0 };
    const source = replaySource(from(events, pulled), options());
    const first = await source.next();
    expect(first.value).toMatchObject({ type: 'ORDER', operation: 'CREATE', objectId: 1 });
    expect(pulled.count).toBe(1);
    expect(ids(await all(source))).toEqual([2, 3, 4]);
  });

  it('filters on the reading every command shares: a v1 getoutrequest is an ORDER', async () => {
    const orders = await all(replaySource(from(events), options({ filters: [{ type: 'ORDER', operation: null }] })));
    expect(ids(orders)).toEqual([1, 3, 4]);
    const updates = await all(replaySource(from(events), options({ filters: [{ type: 'ORDER', operation: 'UPDATE' }] })));
    expect(ids(updates)).toEqual([3, 4]);
  });

  it('orders by envelope date, undated last, ties in file order', async () => {
    expect(ids(await all(replaySource(from(events), options({ order: 'date' }))))).toEqual([2, 3, 1, 4]);
  });

  it('shuffles the same way for the same seed, and another way for another', async () => {
    const many = Array.from({ length: 30 }, (_, i) => stored({ type: 'ORDER', operation: 'CREATE', object: { id: i }, date: null }, i + 1));
    const shuffle = async (seed: number) => ids(await all(replaySource(from(many), options({ order: 'shuffle', seed }))));
    const first = await shuffle(7);
    expect(await shuffle(7)).toEqual(first);
    expect(await shuffle(8)).not.toEqual(first);
    expect([...first].sort((a, b) => Number(a) - Number(b))).toEqual(many.map((_, i) => i));
  });

  it('repeats each event in place, the same bytes each time', async () => {
    const items = await all(replaySource(from(events.slice(0, 2)), options({ repeat: 3 })));
    expect(ids(items)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(new Set(items.slice(0, 3).map((item) => item.body)).size).toBe(1);
  });

  it('with --refresh-date, rewrites only the envelope date, in the shape the event had', async () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    const [object, iso] = await all(
      replaySource(
        from([events[0]!, stored({ type: 'ORDER', operation: 'CREATE', object: { id: 9 }, date: '2024-01-01T00:00:00+01:00' }, 5)]),
        options({ refreshDate: () => now }),
      ),
    );
    expect(JSON.parse(String(object!.body))).toEqual({ ...(events[0]!.value as object), date: formatDate(now) });
    expect(JSON.parse(String(iso!.body)).date).toBe('2026-11-29T13:00:00+01:00');
  });
});
