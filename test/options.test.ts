import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import * as parse from '../src/options.js';

function refuses(fn: () => unknown, message: RegExp): void {
  expect(fn).toThrow(InvalidArgumentError);
  expect(fn).toThrow(message);
}

describe('flag parsers', () => {
  it('integer: whole numbers within bounds', () => {
    expect(parse.integer(0, 65535)('4545')).toBe(4545);
    expect(parse.integer(0, 65535)(' 0 ')).toBe(0);
    refuses(() => parse.integer(0, 65535)('65536'), /from 0 to 65535/);
    refuses(() => parse.integer(1)('1.5'), /whole number from 1\./);
    refuses(() => parse.integer(1)('abc'), /whole number/);
    refuses(() => parse.integer(1)(''), /whole number/);
  });

  it('positiveNumber: above zero, decimals allowed', () => {
    expect(parse.positiveNumber('0.5')).toBe(0.5);
    refuses(() => parse.positiveNumber('0'), /above 0/);
    refuses(() => parse.positiveNumber('Infinity'), /above 0/);
  });

  it('url: http and https only', () => {
    expect(parse.url('http://127.0.0.1:3000/hooks')).toBe('http://127.0.0.1:3000/hooks');
    expect(parse.url('https://example.com')).toBe('https://example.com/');
    refuses(() => parse.url('ftp://example.com'), /received "ftp:"\.$/);
    refuses(() => parse.url('not a url'), /http:\/\/127\.0\.0\.1:3000\/webhooks/);
    refuses(() => parse.url('localhost:3000'), /URL\. Did you mean http:\/\/localhost:3000\/\?$/);
    refuses(() => parse.url('localhost:3000/webhooks'), /Did you mean http:\/\/localhost:3000\/webhooks\?$/);
    refuses(() => parse.url('127.0.0.1:3000'), /Did you mean http:\/\/127\.0\.0\.1:3000\/\?$/);
    refuses(() => parse.url('example.com'), /Did you mean http:\/\/example\.com\/\?$/);
    refuses(() => parse.url(':3000'), /Did you mean http:\/\/127\.0\.0\.1:3000\/\?$/);
    refuses(() => parse.url('http://localhost:0/'), /^port 0 is out of range/);
    refuses(() => parse.url('3000'), /Did you mean http:\/\/127\.0\.0\.1:3000\/\?$/);
    refuses(() => parse.url(':3000/hooks'), /Did you mean http:\/\/127\.0\.0\.1:3000\/hooks\?$/);
    refuses(() => parse.url('http://localhost:99999/'), /^port 99999 is out of range: ports go from 1 to 65535\.$/);
    refuses(() => parse.url('localhost:70000'), /^port 70000 is out of range/);
    refuses(() => parse.url('mailto:someone'), /received "mailto:"\.$/);
  });

  it('size: bytes, with units', () => {
    expect(parse.size('10mb')).toBe(10 * 1024 * 1024);
    expect(parse.size('512KB')).toBe(512 * 1024);
    expect(parse.size('1.5k')).toBe(1536);
    expect(parse.size('1048576')).toBe(1048576);
    refuses(() => parse.size('0'), /10mb/);
    refuses(() => parse.size('10 parsecs'), /10mb/);
  });

  it('formatSize: what size reads back, in the largest whole unit', () => {
    for (const bytes of [10 * 1024 ** 2, 2 * 1024 ** 3, 512 * 1024, 1536, 1000]) expect(parse.size(parse.formatSize(bytes))).toBe(bytes);
    expect([10 * 1024 ** 2, 2 * 1024 ** 3, 1536, 1000].map(parse.formatSize)).toEqual(['10mb', '2gb', '1536', '1000']);
  });

  it('header: a valid name, the value trimmed', () => {
    expect(parse.header('Authorization: Bearer abc')).toEqual(['Authorization', 'Bearer abc']);
    expect(parse.header('X-Empty:')).toEqual(['X-Empty', '']);
    refuses(() => parse.header('no colon'), /Name: value/);
    refuses(() => parse.header('bad name: x'), /Name: value/);
  });

  it('eventFilter: a type, optionally with an operation, any case; older type names too', () => {
    expect(parse.eventFilter('order')).toEqual({ type: 'ORDER', operation: null });
    expect(parse.eventFilter('ORDER:update')).toEqual({ type: 'ORDER', operation: 'UPDATE' });
    expect(parse.eventFilter('getoutrequest')).toEqual({ type: 'ORDER', operation: null });
    refuses(() => parse.eventFilter('INVOICE'), /ORDER, PUTAWAY or ORDER:UPDATE/);
    refuses(() => parse.eventFilter('ORDER:DELETE'), /TYPE:OPERATION/);
    refuses(() => parse.eventFilter('ORDER:UPDATE:X'), /TYPE:OPERATION/);
  });

  it('collect: repeated flags gather in order', () => {
    const collect = parse.collect(parse.eventFilter);
    expect(collect('PUTAWAY', collect('ORDER', undefined))).toEqual([
      { type: 'ORDER', operation: null },
      { type: 'PUTAWAY', operation: null },
    ]);
  });
});
