import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { folderProblem } from '../fs/folder-problem.js';
import { eventFileName } from '../event-files/event-file-name.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import type { Save } from './types.js';

/** Saves each body under `dir`, one file per request, never half-written, even after a crash. */
export async function createSaver(dir: string): Promise<Save> {
  const problem = await folderProblem(dir);
  if (problem !== null) throw new UsageError(`Cannot save events in ${dir} (--save): ${problem}. Choose a folder you can write.`);
  return async (record) => {
    const path = join(dir, eventFileName(record));
    await writeFileDurably(path, record.body);
    return path;
  };
}
