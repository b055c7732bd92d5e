import { digest } from '../text/digest.js';
import { isPlainObject } from '../events/path.js';

/**
 * The default key of an event: SHA-256 of its `type`, `operation` and `object` as received.
 * The envelope `date` is left out: a copy sent again may carry a new one.
 */
export function eventKey(value: unknown): string {
  // JSON that is no envelope is keyed by all of it, so that two different bodies never share a key.
  const text = isPlainObject(value) ? JSON.stringify([value.type, value.operation, value.object]) : `!${JSON.stringify(value)}`;
  return digest('sha256', text, 'hex');
}
