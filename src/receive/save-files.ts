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
    throw new UsageError(`Cannot create the folder ${dir} for --save: ${(error as Error).message}.`);
  }
  return async (record) => {
    const path = join(dir, eventFileName(record));
    await writeFileDurably(path, record.body);
    return path;
  };
}
