import { describe, expect, it } from 'vitest';
import { isBlankLine, NdjsonSplitter } from '../../src/event-files/ndjson-splitter.js';

/** Every line of `bytes` cut into chunks at `cuts`, as [text, line, ending]; and the byte order mark seen. */
function split(bytes: Buffer, cuts: number[] = []): { lines: [string, number, string][]; bom: string } {
  const splitter = new NdjsonSplitter();
  const lines: [string, number, string][] = [];
  const visit = (text: Buffer, line: number, ending: string) => lines.push([text.toString('utf8'), line, ending]);
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.subarray(start, cut), visit);
    start = cut;
  }
  splitter.end(visit);
  return { lines, bom: splitter.bom };
}

describe('NdjsonSplitter', () => {
  const text = '\uFEFF{"a":"é"}\r\n\r\n \u00a0 \n{"b":2}\n{"c":3}\r';

  it('visits each line with its number and break, the byte order mark set apart', () => {
    expect(split(Buffer.from(text))).toEqual({
      lines: [
        ['{"a":"é"}', 1, '\r\n'],
        ['', 2, '\r\n'],
        [' \u00a0 ', 3, '\n'],
        ['{"b":2}', 4, '\n'],
        ['{"c":3}', 5, '\r'],
      ],
      bom: '\uFEFF',
    });
  });

  it('gives the same lines wherever the chunks are cut, inside a character, a break or the byte order mark too', () => {
    const bytes = Buffer.from(text);
    const whole = split(bytes);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b += 3) expect(split(bytes, [a, b]), `cut at ${a} and ${b}`).toEqual(whole);
    }
  });

  it('visits nothing for an empty text, and a last line without a break', () => {
    expect(split(Buffer.alloc(0)).lines).toEqual([]);
    expect(split(Buffer.from('{}\n{}')).lines).toEqual([
      ['{}', 1, '\n'],
      ['{}', 2, ''],
    ]);
  });
});

describe('isBlankLine', () => {
  it('reads white space as String.prototype.trim does', () => {
    for (const blank of ['', ' \t\v\f\r', '\u00a0', ' \u2028\u3000\uFEFF ']) expect(isBlankLine(Buffer.from(blank)), JSON.stringify(blank)).toBe(true);
    for (const text of ['{}', ' x', '\u00a0é', '\u00e9']) expect(isBlankLine(Buffer.from(text)), JSON.stringify(text)).toBe(false);
  });
});
