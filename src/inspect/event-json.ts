import { receivedJsonLine } from '../render/received.js';
import type { ReceivedEvent } from '../receive/types.js';

/**
 * One event as the inspector's API gives it: the `listen --json` line's fields, plus the
 * request headers, why it was refused, whether `--filter` hid it and the start of the app's
 * answer. Spliced onto the JSON line, which is worked out once per event.
 */
export function inspectorJson(event: ReceivedEvent): string {
  const line = receivedJsonLine(event);
  const extra = JSON.stringify({ headers: event.headers, rejected: event.rejected, shown: event.shown, forwardAnswer: event.forwardAnswer });
  return `${line.slice(0, -2)},${extra.slice(1)}`;
}
