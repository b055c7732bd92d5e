import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderProblem } from '../../src/fs/folder-problem.js';
import { outputFileProblem } from '../../src/fs/output-file-problem.js';

describe('outputFileProblem', () => {
  it('accepts a new file, an existing one, and one in folders it creates', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-output-'));
    await writeFile(join(root, 'old.xml'), '');
    expect(await outputFileProblem(join(root, 'new.xml'))).toBeNull();
    expect(await outputFileProblem(join(root, 'old.xml'))).toBeNull();
    expect(await outputFileProblem(join(root, 'reports', 'ci', 'webhooks.xml'))).toBeNull();
    expect((await stat(join(root, 'reports', 'ci'))).isDirectory()).toBe(true);
  });

  it('names a folder given as the file, and a file where a folder should be', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-output-'));
    await mkdir(join(root, 'folder'));
    await writeFile(join(root, 'file'), '');
    expect(await outputFileProblem(join(root, 'folder'))).toBe('it is a folder');
    expect(await outputFileProblem(join(root, 'file', 'report.xml'))).toBe(`${join(root, 'file')} is a file, not a folder`);
    expect(await outputFileProblem(join(root, 'file', 'deeper', 'report.xml'))).toBe(`${join(root, 'file')} is a file, not a folder`);
  });
});

describe('folderProblem', () => {
  it('creates a missing folder with its parents, and names a file in the way', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ws-folder-'));
    expect(await folderProblem(join(root, 'a', 'b'), 0o700)).toBeNull();
    expect((await stat(join(root, 'a', 'b'))).mode & 0o777).toBe(0o700);
    await writeFile(join(root, 'file'), '');
    expect(await folderProblem(join(root, 'file'))).toBe(`${join(root, 'file')} is a file, not a folder`);
    expect(await folderProblem(join(root, 'file', 'sub'))).toBe(`${join(root, 'file')} is a file, not a folder`);
  });
});
