import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { ensureFolder } from '../fs/ensure-folder.js';
import { eventFileName } from '../event-files/event-file-name.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import type { Save } from './types.js';

/** Saves each body under `dir`, one file per request, never half-written, even after a crash. */
export async function createSaver(dir: string): Promise<Save> {
  try {
    await ensureFolder(dir);
  } catch (error) {
    throw new UsageError(`Cannot create the folder ${dir} for --save: ${(error as Error).message}. Choose a folder you can write.`);
  }
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`Cannot write to the folder ${dir} for --save (${code}). Choose a folder you can write, or change its permissions.`);
  }
  return async (record) => {
    const path = join(dir, eventFileName(record));
    await writeFileDurably(path, record.body);
    return path;
  };
}
