import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ensureFolder } from './ensure-folder.js';

/**
 * Why `file` could not be written, found before any work, so that a long run does not end
 * on a report it cannot save: null when it can be (its missing folders are then created).
 */
export async function outputFileProblem(file: string): Promise<string | null> {
  const path = resolve(file);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) return 'it is a folder';
  const folder = dirname(path);
  try {
    await ensureFolder(folder);
    await access(existing ? path : folder, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return `${await firstFileAbove(folder)} is a file, not a folder`;
    if (code === 'EACCES' || code === 'EPERM') return `${existing ? path : folder} is not writable (permission denied)`;
    if (code === 'EROFS') return `${folder} is on a read-only file system`;
    return (error as Error).message;
  }
}

/** The nearest part of `folder`'s path that exists and is a file: what stops the folder from being made. */
async function firstFileAbove(folder: string): Promise<string> {
  for (let current = folder; ; current = dirname(current)) {
    const found = await stat(current).catch(() => null);
    if (found?.isFile() || dirname(current) === current) return current;
  }
}
