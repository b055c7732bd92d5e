import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { folderProblem } from '../fs/folder-problem.js';
import { eventFileName } from '../event-files/event-file-name.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import type { Save, SaveRecord } from './types.js';

/** What is written for a request; by default its body as received. */
export type SaveAs = (record: SaveRecord) => Buffer | string;

/**
 * Saves each request under `dir`, one file per request, never half-written, even after a
 * crash. `saveAs` changes what is written (`--redact`: the body without personal data).
 */
export async function createSaver(dir: string, saveAs: SaveAs = (record) => record.body): Promise<Save> {
  const problem = await folderProblem(dir);
  if (problem !== null) throw new UsageError(`Cannot save events in ${dir} (--save): ${problem}. Choose a folder you can write.`);
  return async (record) => {
    const path = join(dir, eventFileName(record));
    await writeFileDurably(path, saveAs(record));
    return path;
  };
}
