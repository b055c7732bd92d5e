import { describe, expect, it } from 'vitest';
import { EventPlan } from '../../src/replay/event-plan.js';

describe('EventPlan', () => {
  it('gives back what the first pass recorded of each event, by position', () => {
    const plan = new EventPlan();
    const sent = [
      { type: 'ORDER', operation: 'CREATE', objectId: 109951 },
      { type: 'PUTAWAY', operation: 'CREATE', objectId: 0 },
      { type: 'ORDER', operation: 'UPDATE', objectId: null },
      { type: null, operation: null, objectId: -1.5 },
    ];
    plan.add(sent[0]!);
    plan.add(null);
    for (const described of sent.slice(1)) plan.add(described);
    expect([0, 1, 2, 3, 4].map((i) => plan.get(i))).toEqual([sent[0], null, ...sent.slice(1)]);
  });

  it('leaves to the send pass what it does not hold: an id given as text, events past its capacity or not seen', () => {
    const plan = new EventPlan(2);
    plan.add({ type: 'ORDER', operation: 'CREATE', objectId: 'A-1' });
    plan.add({ type: 'ORDER', operation: 'CREATE', objectId: 1 });
    plan.add({ type: 'ORDER', operation: 'CREATE', objectId: 2 });
    expect([plan.get(0), plan.get(1), plan.get(2), plan.get(3)]).toEqual([
      undefined,
      { type: 'ORDER', operation: 'CREATE', objectId: 1 },
      undefined,
      undefined,
    ]);
  });

  it('holds blocks of positions past the first', () => {
    const plan = new EventPlan();
    for (let i = 0; i < 70_000; i++) plan.add(i % 3 === 0 ? null : { type: 'ORDER', operation: 'UPDATE', objectId: i });
    expect(plan.get(65_537)).toEqual({ type: 'ORDER', operation: 'UPDATE', objectId: 65_537 });
    expect(plan.get(69_999)).toBeNull();
  });
});
