import { open } from 'node:fs/promises';
import { cannotRead } from './cannot-read.js';

/**
 * A file's bytes, one chunk per read, each in a buffer of its own (a view of one may outlive
 * the next read); a failure to open or read it names the file. Read only as fast as chunks
 * are consumed.
 */
export async function* readChunks(file: string, size: number): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafeSlow(size);
      let bytesRead;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, size, null));
      } catch (error) {
        throw cannotRead(file, error);
      }
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
