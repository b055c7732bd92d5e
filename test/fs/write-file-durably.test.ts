import { mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../src/fs/write-file-durably.js';

describe('writeFileDurably', () => {
  it('writes and replaces a file, leaving no temporary file beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-durable-'));
    const path = join(dir, 'relay.json');
    await writeFileDurably(path, 'first', { syncFolder: true });
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileDurably(path, `version ${i}`)));
    expect(await readFile(path, 'utf8')).toMatch(/^version \d+$/);
    expect(await readdir(dir)).toEqual(['relay.json']);
  });

  it('creates the file with the mode asked for', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ws-durable-')), 'secret.json');
    await writeFileDurably(path, '{}', { mode: 0o600 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('fails without leaving a temporary file when the rename cannot happen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-durable-'));
    await mkdir(join(dir, 'taken'));
    await expect(writeFileDurably(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });
});

describe('writeFileDurably, streamed and exclusive', () => {
  it('writes pieces as they come, and leaves the old file when producing them fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-durable-'));
    const path = join(dir, 'events.ndjson');
    async function* pieces(fail: boolean) {
      yield await Promise.resolve('one\n');
      yield Buffer.from('two\n');
      if (fail) throw new Error('line 3 is not JSON');
    }
    await writeFileDurably(path, pieces(false));
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\n');
    await expect(writeFileDurably(path, pieces(true))).rejects.toThrow('line 3 is not JSON');
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\n');
    expect(await readdir(dir)).toEqual(['events.ndjson']);
  });

  it('with exclusive, never replaces a file that exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ws-durable-'));
    const path = join(dir, 'key');
    await writeFileDurably(path, 'first', { exclusive: true, mode: 0o600 });
    await expect(writeFileDurably(path, 'second', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path, 'utf8')).toBe('first');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['key']);
  });
});
