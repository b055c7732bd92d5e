import { describe, expect, it } from 'vitest';
import { plural } from '../../src/text/plural.js';
import { excerpt } from '../../src/text/excerpt.js';
import { LineSplitter } from '../../src/text/split-lines.js';
import { stripBom } from '../../src/text/strip-bom.js';

describe('text helpers', () => {
  it('splits LF and CRLF lines across any chunk boundary, keeping the unfinished rest', () => {
    const text = 'one\r\ntwo\n\nthree\r\nfour';
    for (let size = 1; size <= text.length; size++) {
      const splitter = new LineSplitter();
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += size) lines.push(...splitter.push(text.slice(i, i + size)));
      expect([...lines, splitter.end()]).toEqual(['one', 'two', '', 'three', 'four']);
    }
    const ended = new LineSplitter();
    expect(ended.push('a\n')).toEqual(['a']);
    expect(ended.end()).toBeNull();
  });

  it('keeps each line break when asked, so that the lines joined are the text', () => {
    const text = '\uFEFFone\r\ntwo\n\n  \r\nthree';
    for (let size = 1; size <= text.length; size++) {
      const splitter = new LineSplitter(true);
      const lines: string[] = [];
      for (let i = 0; i < text.length; i += size) lines.push(...splitter.push(text.slice(i, i + size)));
      expect([...lines, splitter.end()]).toEqual(['\uFEFFone\r\n', 'two\n', '\n', '  \r\n', 'three']);
    }
  });

  it('strips one byte order mark, from text or bytes', () => {
    expect(stripBom('\uFEFF{}')).toBe('{}');
    expect(stripBom('{}')).toBe('{}');
    expect(stripBom(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])).toString()).toBe('{}');
    expect(stripBom(Buffer.from('{}')).toString()).toBe('{}');
  });

  it('counts and cuts for messages', () => {
    expect([plural(0, 'event'), plural(1, 'event'), plural(2, 'channel')]).toEqual(['0 events', '1 event', '2 channels']);
    expect(excerpt('  a\n\n  b  ', 10)).toBe('a b');
    expect(excerpt('abcdefghij', 4)).toBe('abcd…');
  });
});
