import type { Answer } from '../answer.js';
import type { BodyInput } from '../decode-body.js';

/** The core every adapter carries bytes to. */
export type Receive = (input: BodyInput) => Promise<Answer>;

/** The body as received, where a framework plugin or a body parser's `verify` kept it on `rawBody` (bytes or text). */
export function keptRawBody(request: { rawBody?: unknown }): string | Buffer | undefined {
  const { rawBody } = request;
  return typeof rawBody === 'string' || Buffer.isBuffer(rawBody) ? rawBody : undefined;
}
