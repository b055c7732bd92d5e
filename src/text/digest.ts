import * as crypto from 'node:crypto';

type Digest = (algorithm: 'sha1' | 'sha256', data: string | Buffer, encoding: 'hex' | 'base64') => string;

/** A digest in one call: Node's one-shot `crypto.hash` where it has it (20.12 and later), a hash object before. */
export const digest: Digest = (crypto as Partial<typeof crypto>).hash
  ? (algorithm, data, encoding) => crypto.hash(algorithm, data, encoding)
  : (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding);
