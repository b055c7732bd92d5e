import type { IncomingMessage } from 'node:http';

export type BodyResult = Buffer | 'too-large' | 'aborted';

/**
 * Reads a request body up to `limit` bytes. The limit is enforced before reading (a
 * declared Content-Length over it) and while reading (a chunked body that grows past it),
 * so no more than `limit` bytes are ever held.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Read on and drop the rest: data left unread when the connection closes makes the
        // kernel reset it, and the client may lose the 413 that explains why.
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', () => resolve('aborted'));
    req.on('close', () => {
      if (!req.complete) resolve('aborted');
    });
  });
}
