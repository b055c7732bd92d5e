import { createHash } from 'node:crypto';

/**
 * The default key of an event: SHA-256 of its `type`, `operation` and `object` as received.
 * The envelope `date` is left out: a copy sent again may carry a new one.
 */
export function eventKey(value: unknown): string {
  const envelope = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = JSON.stringify([envelope.type, envelope.operation, envelope.object]);
  return createHash('sha256').update(text).digest('hex');
}
