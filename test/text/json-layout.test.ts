import { describe, expect, it } from 'vitest';
import { detectJsonLayout, formatJson } from '../../src/text/json-layout.js';

const value = { type: 'ORDER', object: { id: 1, tags: ['a', 'b'], empty: [] }, note: 'line\nbreak' };

describe('JSON layout', () => {
  it.each([
    ['compact', JSON.stringify(value)],
    ['compact with a final newline', `${JSON.stringify(value)}\n`],
    ['two spaces', `${JSON.stringify(value, null, 2)}\n`],
    ['four spaces, no final newline', JSON.stringify(value, null, 4)],
    ['tabs', `${JSON.stringify(value, null, '\t')}\n`],
    ['CRLF', `${JSON.stringify(value, null, 2).replaceAll('\n', '\r\n')}\r\n`],
  ])('rewrites %s text byte for byte', (_, text) => {
    expect(formatJson(JSON.parse(text), detectJsonLayout(text))).toBe(text);
  });

  it('reads an array of pretty events as pretty', () => {
    const text = JSON.stringify([value, value], null, 2);
    expect(detectJsonLayout(text)).toEqual({ indent: '  ', newline: '\n', finalNewline: false });
  });
});
