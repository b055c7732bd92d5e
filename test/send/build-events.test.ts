import { describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { buildEvents, checkEventsToSend } from '../../src/send/build-events.js';

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
