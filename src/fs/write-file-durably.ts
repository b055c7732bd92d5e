import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DurableWriteOptions {
  /** Mode of the file, e.g. 0o600 for a file that holds secrets. */
  mode?: number;
  /**
   * Also fsync the folder, so that the rename itself survives a power cut: for files
   * whose existence is promised (a relay channel, a remembered token), not only their content.
   */
  syncFolder?: boolean;
  /**
   * Never replace an existing file: fail with EEXIST instead. Two processes creating the
   * same file at once (a key generated on first use) then agree on one of them.
   */
  exclusive?: boolean;
}

/** What to write: all at once, or in pieces as they come (a large output built while its input streams). */
export type DurableData = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/**
 * Replaces `path` with `data` so that a reader, or a crash at any moment, finds the old
 * file or the new one, never half of one: a hidden temporary file in the same folder,
 * written and fsync'd, then renamed over `path`. A failure, including one thrown by the
 * pieces of `data` while they are produced, leaves no temporary file behind and `path` as it was.
 */
export async function writeFileDurably(path: string, data: DurableData, options: DurableWriteOptions = {}): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', options.mode ?? 0o666);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      // Each writeFile continues where the previous one ended.
      else for await (const piece of data) await handle.writeFile(piece);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    await handle.close();
    if (options.exclusive) {
      // A link fails when `path` exists, where a rename would replace it.
      await link(temporary, path);
      await rm(temporary, { force: true });
    } else await rename(temporary, path);
  } catch (error) {
    // The write's own error is the one to report, whatever the clean-up meets.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  if (options.syncFolder) await syncFolder(folder);
}

/** Makes a folder's entries (a rename, a new file) durable. Windows cannot open a folder to sync it, and needs no such step. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
