import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureFolder } from '../../src/fs/ensure-folder.js';

describe('ensureFolder', () => {
  it('creates missing parents, and accepts a folder that exists', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-folder-'));
    await ensureFolder(join(root, 'a', 'b', 'c'), 0o700);
    await ensureFolder(join(root, 'a', 'b', 'c'), 0o700);
    expect((await stat(join(root, 'a', 'b', 'c'))).mode & 0o777).toBe(0o700);
  });

  it('fails with the error when a file is in the way', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-folder-'));
    await writeFile(join(root, 'file'), '');
    await expect(ensureFolder(join(root, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(ensureFolder(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('fails at once where the system refuses new folders with ENOENT (Node 20 recursive mkdir spins there)', async () => {
    await expect(ensureFolder('/proc/winesitting-hooks/data')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
