import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNdjsonEvents } from '../../src/event-files/read-ndjson-events.js';

async function ndjson(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'ws-ndjson-')), 'events.ndjson');
  await writeFile(file, text);
  return file;
}

describe('readNdjsonEvents', () => {
  it('sets apart what a line holds besides its event, so that the pieces joined are the file', async () => {
    const text = '\uFEFF{"a":1}\r\n\r\n  \n{"b":2}\n{"c":3}\r\n\n\r\n';
    const events = readNdjsonEvents(await ndjson(text));
    const read = [];
    for await (const { line, body, value, before, ending } of events) read.push({ line, body, value, before, ending });
    expect(read).toEqual([
      { line: 1, body: '{"a":1}', value: { a: 1 }, before: '\uFEFF', ending: '\r\n' },
      { line: 4, body: '{"b":2}', value: { b: 2 }, before: '\r\n  \n', ending: '\n' },
      { line: 5, body: '{"c":3}', value: { c: 3 }, before: '', ending: '\r\n' },
    ]);
    expect(events.after).toBe('\n\r\n');
    expect(read.map(({ before, body, ending }) => `${before}${body}${ending}`).join('') + events.after).toBe(text);
  });

  it('reads a last line without a break, and a file with no event at all', async () => {
    const last = readNdjsonEvents(await ndjson('{"a":1}\n{"b":2}'));
    const bodies = [];
    for await (const { body, ending } of last) bodies.push([body, ending]);
    expect(bodies).toEqual([
      ['{"a":1}', '\n'],
      ['{"b":2}', ''],
    ]);
    expect(last.after).toBe('');

    const empty = readNdjsonEvents(await ndjson('\uFEFF\r\n\n'));
    for await (const event of empty) expect.unreachable(`no event expected, got line ${event.line}`);
    expect(empty.after).toBe('\uFEFF\r\n\n');
  });
});
