import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { folderProblem } from '../fs/folder-problem.js';
import { eventFileName } from '../event-files/event-file-name.js';
import { isPlainObject } from '../events/path.js';
import { RedactionError, type Redactor } from '../events/redact/redact-event.js';
import { redactJsonText } from '../events/redact/redact-json-text.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import type { Save, SaveRecord } from './types.js';

/**
 * Saves each body under `dir`, one file per request, never half-written, even after a crash.
 * With a redactor (`--redact`), what is written has its personal data replaced.
 */
export async function createSaver(dir: string, redactor?: Redactor): Promise<Save> {
  const problem = await folderProblem(dir);
  if (problem !== null) throw new UsageError(`Cannot save events in ${dir} (--save): ${problem}. Choose a folder you can write.`);
  return async (record) => {
    const path = join(dir, eventFileName(record));
    await writeFileDurably(path, redactor ? redactedBody(record, redactor) : record.body);
    return path;
  };
}

/**
 * An event with its personal values replaced where they stand, every other byte as it came. A body that is not JSON (saved as rejected),
 * or not an object as an event is, has every word and number replaced instead: nothing
 * personal reaches the disk, and the shape of what arrived still shows.
 */
function redactedBody(record: SaveRecord, redactor: Redactor): Buffer | string {
  const text = record.body.toString('utf8');
  if (!record.rejected) {
    try {
      const { text: redacted, redaction } = redactJsonText(text, redactor);
      if (isPlainObject(redaction.value)) return redacted === text ? record.body : redacted;
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof RedactionError)) throw error;
    }
  }
  return redactor.maskText(text);
}
