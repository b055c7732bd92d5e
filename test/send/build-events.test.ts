import { describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { buildEvents } from '../../src/send/build-events.js';

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
