import { describe, expect, it } from 'vitest';
import { createEvent, createLifecycle, dateToEpoch, formatDate, type Order } from '../../src/index.js';
import { parseAssignment } from '../../src/events/set-path.js';
import { buildEvents, checkEventsToSend } from '../../src/send/build-events.js';
import { inconsistencies } from '../helpers/order-consistency.js';

const bodies = (options: Partial<Parameters<typeof buildEvents>[0]>) =>
  buildEvents({ count: 1, seed: 1, dateFormat: 'object', ...options }).map((event) => JSON.stringify(event));

describe('buildEvents', () => {
  it('gives runs with different seeds no event in common, and the same seed the same events', () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 50; seed++) {
      for (const body of bodies({ count: 20, seed })) {
        expect(seen.get(body), `an event of seed ${seed} is also one of seed ${seen.get(body)}`).toBeUndefined();
        seen.set(body, seed);
      }
    }
    expect(bodies({ count: 20, seed: 7 })).toEqual(bodies({ count: 20, seed: 7 }));
    expect(bodies({ count: 3, seed: 7, lifecycle: true })).toEqual(bodies({ count: 3, seed: 7, lifecycle: true }));
  });

  it('starts a run with the event of its seed: -n 3 --seed S begins with --seed S, as createEvent({ seed: S })', () => {
    expect(bodies({ count: 3, seed: 7 })[0]).toBe(JSON.stringify(createEvent({ seed: 7 })));
    expect(bodies({ count: 3, seed: 7 }).slice(0, 2)).toEqual(bodies({ count: 2, seed: 7 }));
  });

  it('gives the lives of -n orders no event in common across neighbouring seeds', () => {
    const one = new Set(bodies({ count: 4, seed: 1, lifecycle: true }));
    expect(bodies({ count: 4, seed: 2, lifecycle: true }).filter((body) => one.has(body)).length).toBe(0);
  });
});

describe('checkEventsToSend', () => {
  const putaway = () => structuredClone(createEvent({ seed: 3, type: 'PUTAWAY' }));
  const check = (options: Partial<Parameters<typeof buildEvents>[0]>, allowInvalid = false) =>
    checkEventsToSend(buildEvents({ count: 1, seed: 1, dateFormat: 'object', allowInvalid, ...options }), allowInvalid);

  it('refuses a PUTAWAY UPDATE however it is made: flags, --op on a putaway from a file, a file holding one, a legacy name', () => {
    const refusals = [
      () => check({ type: 'PUTAWAY', operation: 'UPDATE' }),
      () => check({ from: putaway(), operation: 'UPDATE' }),
      () => check({ from: { ...putaway(), operation: 'UPDATE' } }),
      () => check({ from: { ...putaway(), type: 'putaway', operation: 'update' } }),
      () => check({ from: putaway().object, operation: 'UPDATE' }),
    ];
    for (const refuse of refusals) expect(refuse().refusal?.message).toMatch(/PUTAWAY events only with operation CREATE/);
  });

  it('sends a PUTAWAY UPDATE with --allow-invalid, showing the warning, and a PUTAWAY CREATE from a file as it is', () => {
    const allowed = check({ from: putaway(), operation: 'UPDATE' }, true);
    expect(allowed.refusal).toBeNull();
    expect(allowed.issues.map((i) => i.path)).toEqual(['operation']);
    expect(check({ from: putaway() })).toEqual({ issues: [], refusal: null });
  });
});

describe('send --from with a change', () => {
  const delivered = () => structuredClone(createLifecycle({ seed: 4, pickup: false }).at(-1)!);
  const build = (options: Partial<Parameters<typeof buildEvents>[0]>) => buildEvents({ count: 1, seed: 1, dateFormat: 'object', ...options })[0]!;
  const epoch = (date: unknown) => dateToEpoch(date);

  it('moves updated_at and date forward when the status changes, and keeps the order consistent with it', () => {
    const file = delivered();
    expect(file.object.status.name).toBe('DELIVERED');
    const ready = build({ from: file, operation: 'UPDATE', status: 'READY' });
    const order = ready.object as Order;
    expect(order.status.name).toBe('READY');
    expect(epoch(order.updated_at)).toBeGreaterThan(epoch(file.object.updated_at));
    expect(ready.date).toEqual(order.updated_at);
    expect(order.tracking_numbers).toEqual([]);
    expect(order.tracking_url).toBeNull();
    expect(inconsistencies(order)).toEqual([]);
    expect(order.id).toBe(file.object.id);
    expect(order.content).toEqual(file.object.content);
  });

  it('dates the change now when now is later, one lifecycle step after the file otherwise; the same seed, the same bytes', () => {
    const file = delivered();
    const later = epoch(file.object.updated_at) + 40 * 86_400_000;
    expect(build({ from: file, status: 'READY', now: later }).object.updated_at).toEqual(formatDate(later));
    const earlier = epoch(file.object.updated_at) - 86_400_000;
    expect(epoch(build({ from: file, status: 'READY', now: earlier }).object.updated_at)).toBe(epoch(file.object.updated_at) + 3_600_000);
    expect(JSON.stringify(build({ from: delivered(), status: 'SHIPPED' }))).toBe(JSON.stringify(build({ from: delivered(), status: 'SHIPPED' })));
  });

  it('moves a CREATE made an UPDATE on too, and leaves an event that does not change as it is', () => {
    const [create] = createLifecycle({ seed: 6 });
    const update = build({ from: structuredClone(create), operation: 'UPDATE' });
    expect(update.operation).toBe('UPDATE');
    expect(epoch(update.object.updated_at)).toBeGreaterThan(epoch(create!.object.updated_at));
    expect(update.object.status).toEqual(create!.object.status);
    for (const same of [{}, { operation: 'UPDATE' }, { status: 'DELIVERED' }, { operation: 'UPDATE', status: 'delivered' }]) {
      expect(build({ from: delivered(), ...same })).toEqual(delivered());
    }
  });

  it('lets --set force any value, applied last', () => {
    const set = ['object.tracking_numbers=["6A00000000001"]', 'date="2020-01-01T00:00:00+01:00"'].map((text) => parseAssignment(text)!);
    const forced = build({ from: delivered(), status: 'READY', set });
    expect(forced.object.tracking_numbers).toEqual(['6A00000000001']);
    expect(forced.date).toBe('2020-01-01T00:00:00+01:00');
  });
});
