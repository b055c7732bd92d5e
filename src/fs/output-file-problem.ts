import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { folderProblem } from './folder-problem.js';

/**
 * Why `file` could not be written, found before any work, so that a long run does not end
 * on a report it cannot save: null when it can be (its missing folders are then created).
 */
export async function outputFileProblem(file: string): Promise<string | null> {
  const path = resolve(file);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) return 'it is a folder';
  const problem = await folderProblem(dirname(path));
  if (problem !== null || !existing) return problem;
  return access(path, constants.W_OK).then(
    () => null,
    () => `${path} is not writable (permission denied)`,
  );
}
