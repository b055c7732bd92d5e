import type { RelayedRequest } from '../protocol.js';
import type { IncomingWebhook } from './store.js';

/** An event as stored and sent: its `RelayedRequest` JSON, `seq` first, serialised once. */
export function wireJson(seq: number, webhook: IncomingWebhook): string {
  const { receivedAt, method, path, contentType, headers, body } = webhook;
  const record: RelayedRequest = { seq, receivedAt, method, path, contentType, headers, body: body.toString('base64') };
  return JSON.stringify(record);
}
