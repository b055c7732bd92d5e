import { open, type FileHandle } from 'node:fs/promises';
import { cannotRead } from './cannot-read.js';

/**
 * A file's bytes, one chunk per read, each in a buffer of its own (a view of one may outlive
 * the next read); a failure to open or read it names the file. The next chunk is read while
 * this one is consumed, so that parsing never waits for the disk; no further ahead.
 */
export async function* readChunks(file: string, size: number): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  const read = async (): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafeSlow(size);
    try {
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      return buffer.subarray(0, bytesRead);
    } catch (error) {
      throw cannotRead(file, error);
    }
  };
  let next = read();
  try {
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) return;
      next = read();
      yield chunk;
    }
  } finally {
    // A read still under way when the consumer stops must end before the file is closed.
    await next.catch(() => undefined);
    await handle.close();
  }
}
