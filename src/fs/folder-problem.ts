import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ensureFolder } from './ensure-folder.js';

/**
 * Why files cannot be written in `folder`, found at start so that a server does not answer
 * 500 to every request later: null when they can be (the folder, and its missing parents,
 * are then created with `mode`). The sentence names the path at fault and the cause in words.
 */
export async function folderProblem(folder: string, mode = 0o777): Promise<string | null> {
  const path = resolve(folder);
  try {
    await ensureFolder(path, mode);
    await access(path, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return `${await firstFileAbove(path)} is a file, not a folder`;
    if (code === 'EACCES' || code === 'EPERM') return `${await firstExisting(path)} is not writable (permission denied)`;
    if (code === 'EROFS') return `${await firstExisting(path)} is on a read-only file system`;
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

/** The nearest part of `folder`'s path that exists: the one whose permissions matter. */
async function firstExisting(folder: string): Promise<string> {
  for (let current = folder; ; current = dirname(current)) {
    if ((await stat(current).catch(() => null)) !== null || dirname(current) === current) return current;
  }
}
