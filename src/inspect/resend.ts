import { DEFAULT_BUDGET_MS, DEFAULT_TIMEOUT_MS } from '../defaults.js';
import { createDeliverer } from '../deliver/deliverer.js';
import { adviseOnLoss } from '../deliver/loss-advice.js';
import { describeEnvelope } from '../events/describe-envelope.js';
import { parseJson } from '../event-files/parse-json.js';
import { endToEndHeaders } from '../http/headers.js';
import { deliveryRecord } from '../render/delivery.js';
import { forwardUrl } from '../receive/forward-url.js';
import type { ReceivedEvent } from '../receive/types.js';

export interface ResendRequest {
  /** Where to send; default: the `--forward-to` target, with the event's path appended as when forwarding. */
  url?: string;
  /** What to send instead of the bytes received (Edit and send). */
  body?: string;
}

/** The request's headers a resend passes on: content type and end-to-end headers, as a forward does; the body's framing is the sender's own. */
const NOT_RESENT = new Set(['content-length', 'user-agent']);

/** Where a resend goes, or why it cannot go anywhere. */
export function resendTarget(event: ReceivedEvent, request: ResendRequest, forwardTo: string | null): { url: string } | { error: string } {
  if (request.url !== undefined) {
    try {
      const url = new URL(request.url);
      if (url.protocol === 'http:' || url.protocol === 'https:') return { url: url.href };
    } catch {
      // Said below.
    }
    return { error: `"${request.url}" is not an http(s) URL: type one like http://127.0.0.1:3000/webhooks.` };
  }
  if (forwardTo === null) return { error: 'listen runs without --forward-to: type the URL to send the event to.' };
  return { url: forwardUrl(forwardTo, event.path) };
}

/** Sends one event again and answers the `send --json` result line of that delivery, with the advice `send` would print under a loss. */
export async function resend(event: ReceivedEvent, body: Buffer, url: string): Promise<Record<string, unknown>> {
  const headers = Object.entries(endToEndHeaders(event.headers))
    .filter(([name]) => !NOT_RESENT.has(name.toLowerCase()))
    .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(', ') : value]);
  const deliverer = createDeliverer({ url, timeout: DEFAULT_TIMEOUT_MS, budget: DEFAULT_BUDGET_MS, headers, connections: 1 });
  try {
    const result = await deliverer.deliver(body, event.contentType ?? 'application/json');
    const sent = describeEnvelope(parseJson(body.toString('utf8')).value);
    const advice = adviseOnLoss(result, { acknowledgedSome: false });
    return { ...deliveryRecord(sent, result), ...(advice ? { advice } : {}) };
  } finally {
    await deliverer.close();
  }
}
