/** A small seeded generator (mulberry32): the same seed gives the same sequence everywhere. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (probability) => next() < probability,
  };
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/**
 * The seed of event `index` of a run: the run's seed for the first, then a hash of both.
 * `seed + index` would make event 1 of seed 1 event 0 of seed 2, so that neighbouring
 * runs shared all their events but one. For a given index, distinct seeds (below 2^32)
 * always give distinct seeds: the hash is a bijection (murmur3's finaliser).
 */
export function eventSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  let h = (seed >>> 0) ^ Math.imul(index, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
