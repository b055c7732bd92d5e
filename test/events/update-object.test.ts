import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, createLifecycle, createOrder, createPutaway, dateToEpoch, type Order } from '../../src/index.js';
import { createRandom } from '../../src/events/random.js';
import { nextChangeTime } from '../../src/events/timeline.js';
import { updateObject } from '../../src/events/update-object.js';
import { inconsistencies } from '../helpers/order-consistency.js';

const STATUSES = ORDER_STATUSES.map((s) => s.name);
const SEEDS = Array.from({ length: 300 }, (_, i) => i * 7919 + 1);

/** The order moved from its status to `to`, one lifecycle step after its last update. */
function moved(order: Order, to: (typeof STATUSES)[number], seed: number): Order {
  const at = nextChangeTime(dateToEpoch(order.updated_at), order.status.name as (typeof STATUSES)[number], to);
  return updateObject(order, { type: 'ORDER', status: to, at, random: createRandom(seed) }) as Order;
}

describe('order consistency', () => {
  it('holds for every generated order, of every status, and along every lifecycle', () => {
    const problems: string[] = [];
    for (const seed of SEEDS) {
      for (const status of STATUSES) problems.push(...inconsistencies(createOrder({ seed, status })).map((p) => `seed ${seed} ${status}: ${p}`));
      for (const event of createLifecycle({ seed })) problems.push(...inconsistencies(event.object).map((p) => `seed ${seed} lifecycle: ${p}`));
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

describe('updateObject', () => {
  it('keeps an order consistent whatever status it moves to, from whatever status, forward or back', () => {
    const problems: string[] = [];
    for (const seed of SEEDS) {
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const before = createOrder({ seed, status: from });
          const after = moved(before, to, seed);
          problems.push(...inconsistencies(after).map((p) => `seed ${seed} ${from} → ${to}: ${p}`));
          if (!(dateToEpoch(after.updated_at) > dateToEpoch(before.updated_at))) problems.push(`seed ${seed} ${from} → ${to}: updated_at did not move`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('takes a delivered order back to READY: no tracking, a later updated_at, the same order otherwise', () => {
    const delivered = createOrder({ seed: 5, status: 'DELIVERED' });
    const ready = moved(delivered, 'READY', 5);
    expect(ready.status).toEqual({ value: 2, name: 'READY', label: 'Prête' });
    expect(ready.tracking_numbers).toEqual([]);
    expect(ready.tracking_url).toBeNull();
    expect(dateToEpoch(ready.updated_at)).toBeGreaterThan(dateToEpoch(delivered.updated_at));
    expect({ ...ready, status: 0, tracking_numbers: 0, tracking_url: 0, updated_at: 0, preparation_date: 0, delivery_date: 0 }).toEqual({
      ...delivered,
      status: 0,
      tracking_numbers: 0,
      tracking_url: 0,
      updated_at: 0,
      preparation_date: 0,
      delivery_date: 0,
    });
    expect(Object.keys(ready)).toEqual(Object.keys(delivered));
  });

  it('keeps the tracking numbers an order already has, and its address, and writes dates in the shape it had', () => {
    const shipped = createOrder({ seed: 8, status: 'SHIPPED', dateFormat: 'iso' });
    const delivered = moved(shipped, 'DELIVERED', 8);
    expect(delivered.tracking_numbers).toEqual(shipped.tracking_numbers);
    expect(delivered.tracking_url).toBe(shipped.tracking_url);
    expect(delivered.address).toEqual(shipped.address);
    expect(delivered.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  });

  it('moves a putaway on without touching what an order status implies', () => {
    const putaway = createPutaway({ seed: 2 });
    const at = dateToEpoch(putaway.updated_at) + 3_600_000;
    const updated = updateObject(putaway, { type: 'PUTAWAY', status: 'READY', at, random: createRandom(2) });
    expect(updated).toEqual({ ...putaway, status: { value: 2, name: 'READY', label: 'Prête' }, updated_at: updated.updated_at });
    expect(dateToEpoch(updated.updated_at)).toBe(at);
  });

  it('leaves what it is given untouched', () => {
    const order = createOrder({ seed: 3, status: 'DELIVERED' });
    const copy = structuredClone(order);
    moved(order, 'NEW', 3);
    expect(order).toEqual(copy);
  });
});
