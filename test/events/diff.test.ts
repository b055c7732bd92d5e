import { describe, expect, it } from 'vitest';
import { diffObjects } from '../../src/events/diff.js';
import { createLifecycle, createEvent } from '../../src/index.js';
import { createRandom, type Random } from '../../src/events/random.js';
import { referenceDiff } from './diff-reference.js';

/** A copy of `value` with a few random edits: changed, added and removed keys, resized arrays, odd values and deep nesting. */
function mutate(value: unknown, random: Random, depth = 0): unknown {
  const odd = [null, 0, -0, NaN, '', [], {}, 'x', 42, true, { a: [1, { b: 2 }] }, ['a'], undefined];
  if (random.chance(0.04)) return random.pick(odd);
  if (Array.isArray(value)) {
    const copy = value.map((item) => mutate(item, random, depth + 1));
    if (random.chance(0.1)) copy.push(random.pick(odd));
    if (random.chance(0.1)) copy.splice(0, 1);
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (random.chance(0.03)) continue;
      copy[key] = mutate(item, random, depth + 1);
    }
    if (random.chance(0.05)) copy[random.pick(['extra', '0', '__proto__', 'a b', 'status'])] = random.pick(odd);
    if (depth === 0 && random.chance(0.05)) copy.deep = nested(20, random.int(0, 3));
    return copy;
  }
  return random.chance(0.1) ? random.pick(odd) : value;
}

const nested = (levels: number, leaf: number): unknown => (levels === 0 ? leaf : { next: nested(levels - 1, leaf) });

describe('diffObjects', () => {
  it('names each changed field with its path, added and removed keys included', () => {
    const [created, processing] = createLifecycle({ seed: 3, pickup: false });
    const changes = diffObjects(created!.object, processing!.object);
    expect(changes.map((c) => c.path)).toContain('status.name');
    expect(changes.find((c) => c.path === 'status.name')).toMatchObject({ from: 'NEW', to: 'PROCESSING' });
    expect(diffObjects({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 3] }, d: null })).toEqual([
      { path: 'a', from: 1, to: undefined },
      { path: 'b.c[1]', from: 2, to: 3 },
      { path: 'd', from: undefined, to: null },
    ]);
  });

  it('agrees with the reference implementation on 10,000 generated pairs', () => {
    let compared = 0;
    for (let seed = 1; seed <= 10_000; seed++) {
      const random = createRandom(seed);
      const before = random.chance(0.5)
        ? createEvent({ seed, type: 'ORDER' }).object
        : createLifecycle({ seed, pickup: random.chance(0.3) })[random.int(0, 3)]!.object;
      const after = mutate(before, random);
      const expected = referenceDiff(before, after);
      const actual = diffObjects(before, after);
      expect(actual, `seed ${seed}`).toStrictEqual(expected);
      compared += expected.length;
    }
    // The pairs do differ: the agreement is about thousands of changes, not empty lists.
    expect(compared).toBeGreaterThan(10_000);
  });

  it('stops at 100 changes and at 16 levels, as the reference does', () => {
    const wide = (n: number) => Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, n]));
    expect(diffObjects(wide(1), wide(2))).toHaveLength(100);
    expect(diffObjects(wide(1), wide(2))).toEqual(referenceDiff(wide(1), wide(2)));
    expect(diffObjects(nested(30, 1), nested(30, 2))).toEqual([]);
    expect(diffObjects(nested(10, 1), nested(10, 2))).toEqual([{ path: 'next.next.next.next.next.next.next.next.next.next', from: 1, to: 2 }]);
  });
});
