import { open, type FileHandle } from 'node:fs/promises';

/**
 * An append-only file written in batches: the lines appended while a write is under way go
 * out together in the next one, with one fsync when any of them asked for it (a group commit).
 */
export interface Journal {
  append(line: string, sync: boolean): Promise<void>;
  /** Runs `fn` between two batches, with nothing written meanwhile (to replace the file). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Opens the journal to append after its first `end` bytes (what was read of it): anything past
 * them, a line cut short by a crash in mid-write, is cut off so that the next line starts clean.
 */
export async function openJournal(path: string, end: number): Promise<Journal> {
  let handle: FileHandle = await open(path, 'a');
  await handle.truncate(end);
  let size = end;
  let queued: { line: string; sync: boolean; done: (error?: Error) => void }[] = [];
  let chain: Promise<unknown> = Promise.resolve();

  const flush = async () => {
    const batch = queued;
    queued = [];
    if (batch.length === 0) return;
    const data = Buffer.from(batch.map((b) => b.line + '\n').join(''));
    try {
      await handle.appendFile(data);
      if (batch.some((b) => b.sync)) await handle.datasync();
      size += data.length;
      for (const b of batch) b.done();
    } catch (error) {
      // A batch refused is not kept, in part or whole (a full disk): the next starts where the last good one ended.
      await handle.truncate(size).catch(() => undefined);
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const b of batch) b.done(failure);
    }
  };
  const enqueue = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = chain.then(fn);
    chain = result.catch(() => undefined);
    return result;
  };

  return {
    append(line, sync) {
      return new Promise<void>((resolve, reject) => {
        queued.push({ line, sync, done: (error) => (error ? reject(error) : resolve()) });
        if (queued.length === 1) void enqueue(flush);
      });
    },
    exclusive(fn) {
      return enqueue(async () => {
        await flush();
        await handle.close();
        try {
          return await fn();
        } finally {
          handle = await open(path, 'a');
          size = (await handle.stat()).size;
        }
      });
    },
    close: () => enqueue(flush).then(() => handle.close()),
  };
}
