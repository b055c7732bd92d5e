import { UsageError } from '../errors.js';

/** Why an event file could not be read, in words, naming the file: the same sentence for every command that reads one. */
export function cannotRead(file: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
  return new UsageError(`Cannot read ${file}: ${why}. Check the path.`);
}
