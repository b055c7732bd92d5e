import { describe, expect, it } from 'vitest';
import { describeEnvelope } from '../../src/events/describe-envelope.js';
import { knownOperation, knownType } from '../../src/events/event-names.js';
import { parseEventFilter } from '../../src/events/filter.js';

describe('event type and operation names', () => {
  it('reads the names WineSitting sends now, in any case, and the older ones', () => {
    expect(['ORDER', 'order', 'Putaway', 'getoutrequest', 'GetOutRequest'].map(knownType)).toEqual(['ORDER', 'ORDER', 'PUTAWAY', 'ORDER', 'ORDER']);
    expect(['CREATE', 'update', 'DELETE'].map(knownOperation)).toEqual(['CREATE', 'UPDATE', null]);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('knows no type called %s: a name is data, never a property lookup', (name) => {
    expect(knownType(name)).toBeNull();
    expect(parseEventFilter(name)).toBeNull();
    expect(describeEnvelope({ type: name, operation: 'CREATE', object: { id: 5 } })).toMatchObject({
      type: name.toUpperCase(),
      operation: 'CREATE',
      objectId: 5,
    });
  });
});
