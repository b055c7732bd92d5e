import { describe, expect, it } from 'vitest';
import { EventStore } from '../../src/inspect/page/event-store.js';
import { NO_FILTER } from '../../src/inspect/page/filter.js';
import type { ListItem } from '../../src/inspect/page/types.js';

function item(seq: number, fields: Partial<ListItem> = {}): ListItem {
  return {
    seq,
    receivedAt: '2026-11-30T10:00:00.000Z',
    method: 'POST',
    path: '/',
    type: 'ORDER',
    operation: 'CREATE',
    objectId: 100_000 + seq,
    status: 'NEW',
    valid: true,
    issues: [],
    duplicateOf: null,
    response: { status: 200 },
    forward: null,
    file: null,
    source: 'local',
    late: false,
    rejected: null,
    shown: true,
    ...fields,
  };
}

const seqs = (store: EventStore) => Array.from({ length: store.visibleCount }, (_, i) => store.visibleAt(i)!.seq);

describe('EventStore', () => {
  it('lists newest first and skips events it already has (a stream that resumed)', () => {
    const store = new EventStore();
    expect(store.add([item(1), item(2)])).toBe(2);
    expect(store.add([item(2), item(3)])).toBe(1);
    expect(seqs(store)).toEqual([3, 2, 1]);
    expect(store.visibleIndexOf(1)).toBe(2);
  });

  it('keeps at most its capacity, forgetting the oldest, and its filtered list follows', () => {
    const store = new EventStore(3);
    store.setFilter({ ...NO_FILTER, operation: 'UPDATE' });
    store.add([1, 2, 3, 4, 5].map((seq) => item(seq, { operation: seq % 2 === 0 ? 'UPDATE' : 'CREATE' })));
    expect(store.size).toBe(3);
    expect(store.get(2)).toBeUndefined();
    expect(seqs(store)).toEqual([4]);
    expect(store.visibleIndexOf(2)).toBe(-1);
    store.setFilter(NO_FILTER);
    expect(seqs(store)).toEqual([5, 4, 3]);
  });

  it('starts again at 1 after a clear (listen restarted)', () => {
    const store = new EventStore();
    store.add([item(1), item(2)]);
    store.clear();
    expect(store.add([item(1)])).toBe(1);
    expect(seqs(store)).toEqual([1]);
  });

  it('filters by type (OTHER: anything else), operation, the start of the id, and words where listen found them', () => {
    const store = new EventStore();
    store.add([
      item(1),
      item(2, { type: 'PUTAWAY' }),
      item(3, { type: null, operation: null, objectId: null, status: null, rejected: 'body is not JSON' }),
      item(4, { objectId: 42_001 }),
    ]);
    const only = (filter: Partial<typeof NO_FILTER>, found: number[] | null = null) => {
      store.setFilter({ ...NO_FILTER, ...filter }, found && new Set(found));
      return seqs(store);
    };
    expect(only({ type: 'PUTAWAY' })).toEqual([2]);
    expect(only({ type: 'OTHER' })).toEqual([3]);
    expect(only({ id: '420' })).toEqual([4]);
    expect(only({ text: 'cour livrer' }, [4])).toEqual([4]);
    expect(only({ text: 'cour', type: 'PUTAWAY' }, [4])).toEqual([]);
    // Words not looked for yet (listen has not answered) show nothing rather than everything.
    expect(only({ text: 'cour' })).toEqual([]);
    // A new event waits for listen's answer before it shows under words.
    store.add([item(5)]);
    expect(seqs(store)).toEqual([]);
  });
});
