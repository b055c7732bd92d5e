import { describe, expect, it } from 'vitest';
import { History } from '../../src/inspect/history.js';

const item = (seq: number, size = 1) => ({ seq, size });

describe('the inspector history', () => {
  it('keeps the last items by count, oldest first, and lists those after a seq', () => {
    const history = new History<{ seq: number; size: number }>(3);
    for (let seq = 1; seq <= 5; seq++) history.add(item(seq));
    expect(history.list().map((i) => i.seq)).toEqual([3, 4, 5]);
    expect(history.list(4).map((i) => i.seq)).toEqual([5]);
    expect(history.get(2)).toBeUndefined();
    expect(history.get(4)).toEqual(item(4));
  });

  it('forgets the oldest items past the weight limit, but always keeps the newest', () => {
    const history = new History<{ seq: number; size: number }>(100, (i) => i.size, 10);
    history.add(item(1, 4));
    history.add(item(2, 4));
    history.add(item(3, 4));
    expect(history.list().map((i) => i.seq)).toEqual([2, 3]);
    history.add(item(4, 50));
    expect(history.list().map((i) => i.seq)).toEqual([4]);
    history.add(item(5, 1));
    expect(history.list().map((i) => i.seq)).toEqual([5]);
  });
});
