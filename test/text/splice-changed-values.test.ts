import { describe, expect, it } from 'vitest';
import { spliceChangedValues } from '../../src/text/splice-changed-values.js';

/** `after` as a redaction makes it: `before` copied on the way to each changed value, everything else shared. */
function change(text: string, edit: (copy: Record<string, unknown>) => void) {
  const before = JSON.parse(text) as Record<string, unknown>;
  const after = structuredClone(before);
  edit(after);
  return spliceChangedValues(text, before, after);
}

describe('spliceChangedValues', () => {
  it('replaces the changed values where they stand and keeps every other byte', () => {
    const text = '{ "a" : "x\\/y",\r\n\t"n": 13.0, "s": "Ren\\u00e9", "list": [ 1.50, "06 12" ], "k\\"ey": "old" }\n';
    const out = change(text, (copy) => {
      copy.s = 'Zoé "Z"';
      (copy.list as unknown[])[1] = '07 98';
      copy['k"ey'] = 'new';
    });
    expect(out).toBe('{ "a" : "x\\/y",\r\n\t"n": 13.0, "s": "Zoé \\"Z\\"", "list": [ 1.50, "07 98" ], "k\\"ey": "new" }\n');
  });

  it('follows the text, not the parsed key order, where they differ (integer-like keys)', () => {
    const text = '{"b":"keep","10":"old","2":{"x":"old"},"a":[]}';
    expect(change(text, (copy) => ((copy['10'] = 'new'), ((copy['2'] as Record<string, string>).x = 'new')))).toBe(
      '{"b":"keep","10":"new","2":{"x":"new"},"a":[]}',
    );
  });

  it('gives up on an object with a key twice, whose first value the parsed value has lost', () => {
    expect(change('{"a":"first","a":"second"}', (copy) => (copy.a = 'new'))).toBeNull();
  });

  it('keeps the text whole when nothing changed', () => {
    const text = '[{"a":1.0},"b\\/c"]';
    const value: unknown = JSON.parse(text);
    expect(spliceChangedValues(text, value, value)).toBe(text);
  });
});
