import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { fixtureName } from '../fixtures/fixture-name.js';
import type { SaveRecord } from './receiver.js';

/**
 * Saves each body under `dir`, atomically: written to a hidden temporary file in the
 * same folder, then renamed, so no reader ever sees half a file, even after a crash.
 */
export async function createSaver(dir: string): Promise<(record: SaveRecord) => Promise<string>> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`Cannot create the folder ${dir} for --save: ${(error as Error).message}.`);
  }
  return async (record) => {
    const name = fixtureName(record);
    const path = join(dir, name);
    const temporary = join(dir, `.${name}.tmp`);
    await writeFile(temporary, record.body);
    await rename(temporary, path);
    return path;
  };
}
