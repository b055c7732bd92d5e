import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, createEvent, createLifecycle, createOrder, createPutaway, dateToEpoch, parseEvent } from '../../src/index.js';

const ORDER_KEYS = [
  'id',
  'comment',
  'is_pickup',
  'address',
  'pickup_warehouse',
  'warehouse',
  'attachments',
  'delivery_slip',
  'delivery_date',
  'delivery_start',
  'delivery_end',
  'preparation_date',
  'tracking_url',
  'tracking_numbers',
  'status',
  'additional_status',
  'reference',
  'origin',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'content',
];
const SEEDS = Array.from({ length: 1000 }, (_, i) => i * 7919 + 1);
const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('generators', () => {
  it('gives the same bytes for the same seed, and different events for different seeds', () => {
    expect(JSON.stringify(createEvent({ seed: 3 }))).toBe(JSON.stringify(createEvent({ seed: 3 })));
    expect(JSON.stringify(createLifecycle({ seed: 3 }))).toBe(JSON.stringify(createLifecycle({ seed: 3 })));
    expect(createOrder({ seed: 3 }).id).not.toBe(createOrder({ seed: 4 }).id);
  });

  it('builds an order with exactly the keys of the ORDER table, in order, with real types', () => {
    const order = createOrder({ seed: 9, status: 'SHIPPED' });
    expect(Object.keys(order)).toEqual(ORDER_KEYS);
    expect(Number.isInteger(order.id)).toBe(true);
    expect(order.status).toEqual({ value: 3, name: 'SHIPPED', label: 'Expédiée' });
    expect(order.delivery_start).toMatch(/^\d\d:\d\d$/);
    expect(order.created_at).toMatchObject({ timezone_type: 3, timezone: 'Europe/Paris' });
  });

  it('makes every generated event, of every kind and status, parse with zero issues (1,000 seeds)', () => {
    const failures: string[] = [];
    for (const seed of SEEDS) {
      const status = ORDER_STATUSES[seed % ORDER_STATUSES.length]!.name;
      const events = [
        createEvent({ seed, status, operation: seed % 2 ? 'CREATE' : 'UPDATE' }),
        createEvent({ seed, type: 'PUTAWAY' }),
        createEvent({ seed, dateFormat: 'iso', operation: 'UPDATE' }),
        ...createLifecycle({ seed }),
      ];
      for (const event of events) {
        const { issues } = parseEvent(roundTrip(event));
        if (issues.length) failures.push(`seed ${seed}: ${JSON.stringify(issues[0])}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps every order internally consistent', () => {
    for (const seed of SEEDS) {
      const status = ORDER_STATUSES[seed % ORDER_STATUSES.length]!.name;
      const order = createOrder({ seed, status });
      for (const line of order.content) {
        expect(line.reference).toBe(`${line.id}|${line.format}|${line.box}`);
        if (line.box === 'CTO6') expect(line.quantity % 6).toBe(0);
        if (line.box === 'CTO12') expect(line.quantity % 12).toBe(0);
      }
      expect(dateToEpoch(order.created_at)).toBeLessThanOrEqual(dateToEpoch(order.updated_at));
      expect(dateToEpoch(order.preparation_date)).toBeLessThanOrEqual(dateToEpoch(order.delivery_date));
      expect(order.address === null).toBe(order.is_pickup);
      const shipped = status === 'SHIPPED' || status === 'DELIVERED';
      expect(order.tracking_numbers.length > 0).toBe(shipped);
      expect(order.tracking_url !== null).toBe(shipped);
      if (status === 'WITHDRAWED') expect(order.is_pickup).toBe(true);
    }
  });

  it('tells the life of one order: same id, statuses in order, updated_at moving forward', () => {
    for (const seed of SEEDS.slice(0, 200)) {
      const life = createLifecycle({ seed });
      const orders = life.map((e) => e.object);
      expect(new Set(orders.map((o) => o.id)).size).toBe(1);
      expect(life.map((e) => e.operation)).toEqual(['CREATE', ...life.slice(1).map(() => 'UPDATE')]);
      const names = orders.map((o) => o.status.name);
      expect(names).toEqual(orders[0]!.is_pickup ? ['NEW', 'PROCESSING', 'READY', 'WITHDRAWED'] : ['NEW', 'PROCESSING', 'READY', 'SHIPPED', 'DELIVERED']);
      const times = orders.map((o) => dateToEpoch(o.updated_at));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
      expect(JSON.stringify(orders.map((o) => o.content))).toBe(JSON.stringify(orders.map(() => orders[0]!.content)));
      expect(life.map((e) => e.date)).toEqual(orders.map((o) => o.updated_at));
    }
  });

  it('honours the options: id, pickup, lines, now and ISO dates', () => {
    const now = Date.UTC(2026, 10, 28, 12, 0, 0);
    const order = createOrder({ seed: 1, id: 42, pickup: true, lines: 500, now, dateFormat: 'iso' });
    expect(order.id).toBe(42);
    expect(order.address).toBeNull();
    expect(order.content).toHaveLength(500);
    expect(order.updated_at).toBe('2026-11-28T13:00:00+01:00');
    const putaway = createPutaway({ seed: 2, now });
    expect(putaway.updated_at).toEqual({ date: '2026-11-28 13:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' });
  });
});
