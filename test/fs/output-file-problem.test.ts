import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
