import { describe, expect, it } from 'vitest';
import { formatPath, getAtPath, parsePath } from '../../src/events/path.js';
import { parseAssignment, setAtPath } from '../../src/events/set-path.js';

describe('JSON paths', () => {
  it.each([
    [['object', 'content', 0, 'quantity'], 'object.content[0].quantity'],
    [['object', 'status', 'name'], 'object.status.name'],
    [[0, 'type'], '[0].type'],
    [['object', 'odd key', 'x-y'], 'object["odd key"]["x-y"]'],
    [['a.b'], '["a.b"]'],
  ] as const)('%j is written %s and read back', (segments, text) => {
    expect(formatPath(segments)).toBe(text);
    expect(parsePath(text)).toEqual(segments);
  });

  it.each(['', 'object[', 'object[x]', 'object]', '[0'])('refuses the malformed path %j', (text) => {
    expect(parsePath(text)).toBeNull();
  });

  it('reads own values only, never through a prototype', () => {
    const event = { object: { content: [{ quantity: 6 }] } };
    expect(getAtPath(event, ['object', 'content', 0, 'quantity'])).toBe(6);
    expect(getAtPath(event, ['object', 'missing', 'x'])).toBeUndefined();
    expect(getAtPath(event, ['object', 'toString'])).toBeUndefined();
  });

  it('sets a value, creating objects and arrays on the way', () => {
    const event: Record<string, unknown> = { object: { id: 1 } };
    setAtPath(event, ['object', 'content', 0, 'quantity'], 24);
    setAtPath(event, ['object', 'reference'], 'PO-42');
    expect(event).toEqual({ object: { id: 1, content: [{ quantity: 24 }], reference: 'PO-42' } });
  });

  it('parses --set assignments: JSON when it parses, text otherwise, and never a prototype key', () => {
    expect(parseAssignment('object.content[0].quantity=24')).toEqual({ path: ['object', 'content', 0, 'quantity'], value: 24 });
    expect(parseAssignment('object.reference=PO-42')).toEqual({ path: ['object', 'reference'], value: 'PO-42' });
    expect(parseAssignment('object.tracking_numbers=["A","B"]')).toEqual({ path: ['object', 'tracking_numbers'], value: ['A', 'B'] });
    expect(parseAssignment('object.comment=')).toEqual({ path: ['object', 'comment'], value: '' });
    expect(parseAssignment('=1')).toBeNull();
    expect(parseAssignment('no-equals')).toBeNull();
    expect(parseAssignment('__proto__.admin=true')).toBeNull();
    expect(parseAssignment('object.constructor.prototype=1')).toBeNull();
  });
});
