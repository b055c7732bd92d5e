import { describe, expect, it } from 'vitest';
import { createEvent } from '../../src/index.js';
import { eventKey } from '../../src/handler/index.js';
import { isStale, objectVersion } from '../../src/handler/object-version.js';
import { readEvent } from '../../src/handler/read-event.js';

describe('eventKey', () => {
  const event = createEvent({ seed: 5, type: 'ORDER', operation: 'UPDATE' });

  it('is the same for a copy with another envelope date or key order, and differs when the object or operation does', () => {
    const { type, operation, object } = event;
    expect(eventKey({ ...event, date: '2031-01-01T00:00:00Z' })).toBe(eventKey(event));
    expect(eventKey({ date: event.date, object, operation, type })).toBe(eventKey(event));
    expect(eventKey({ ...event, object: { ...object, comment: 'changed' } })).not.toBe(eventKey(event));
    expect(eventKey({ ...event, operation: 'CREATE' })).not.toBe(eventKey(event));
    expect(eventKey(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keys JSON that is no envelope by all of it', () => {
    expect(eventKey([1])).not.toBe(eventKey([2]));
    expect(eventKey('a')).not.toBe(eventKey(null));
  });
});

describe('objectVersion and isStale', () => {
  it('names the object by type and id (legacy type names included) and reads updated_at in either date format', () => {
    const order = createEvent({ seed: 1, type: 'ORDER', id: 12, now: Date.UTC(2026, 2, 1, 10) });
    expect(objectVersion(order)).toEqual({ object: 'ORDER:12', updatedAt: Date.UTC(2026, 2, 1, 10) });
    expect(objectVersion({ ...order, type: 'getoutrequest' }).object).toBe('ORDER:12');
    const iso = createEvent({ seed: 1, type: 'PUTAWAY', id: 3, now: Date.UTC(2026, 2, 1, 10), dateFormat: 'iso' });
    expect(objectVersion(iso)).toEqual({ object: 'PUTAWAY:3', updatedAt: Date.UTC(2026, 2, 1, 10) });
    expect(objectVersion({ type: 'ORDER', object: {} })).toEqual({ object: undefined, updatedAt: undefined });
    expect(objectVersion('not an event')).toEqual({});
  });

  it('calls stale only an older version than the newest seen', () => {
    expect(isStale(undefined, 1000)).toBe(false);
    expect(isStale(2000, undefined)).toBe(false);
    expect(isStale(2000, 1000)).toBe(true);
    expect(isStale(2000, 2000)).toBe(false);
    expect(isStale(2000, 3000)).toBe(false);
  });
});

describe('readEvent', () => {
  it('takes an envelope in current names as it is, validating it only when its issues are read', () => {
    const event = createEvent({ seed: 2, type: 'ORDER', operation: 'CREATE' });
    const read = readEvent(event);
    expect(read.event).toBe(event);
    expect(read.issues()).toEqual([]);
    const broken = { ...event, object: { ...event.object, warehouse: 'none' } };
    expect(readEvent(broken).issues()).toEqual([expect.objectContaining({ path: 'object.warehouse', severity: 'warning' })]);
  });

  it('normalises legacy names with their warning, and finds no event where parseEvent finds an error', () => {
    const event = createEvent({ seed: 2, type: 'ORDER', operation: 'UPDATE' });
    const legacy = readEvent({ ...event, type: 'order' });
    expect(legacy.event?.type).toBe('ORDER');
    expect(legacy.issues()).toEqual([expect.objectContaining({ path: 'type', severity: 'warning' })]);
    const putaway = createEvent({ seed: 2, type: 'PUTAWAY' });
    expect(readEvent({ ...putaway, object: { ...putaway.object, id: 'x' } }).event).toBeNull();
    expect(readEvent({ type: 'ORDER', operation: 'CREATE' }).event).toBeNull();
    expect(readEvent([]).event).toBeNull();
  });
});
