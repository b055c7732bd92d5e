import { receivedJsonLine } from '../render/received.js';
import { withText, type KeptEvent } from './kept-event.js';

/**
 * One event as the inspector's API gives it: the `listen --json` line's fields, plus the
 * request headers, the object's status name, why it was refused, whether `--filter` hid it
 * and the start of the app's answer. Spliced onto the JSON line, which is worked out once per event.
 */
export function inspectorJson(event: KeptEvent): string {
  const line = receivedJsonLine(withText(event));
  const extra = JSON.stringify({
    headers: event.headers,
    status: event.status,
    rejected: event.rejected,
    shown: event.shown,
    forwardAnswer: event.forwardAnswer,
  });
  return `${line.slice(0, -2)},${extra.slice(1)}`;
}

/**
 * What a row of the page's list shows (`?view=list`): the same fields but the body, the
 * changes, the headers and the app's answer, which the page reads when it opens an event.
 * A tenth of the bytes: a page open during a load test costs the machine little.
 */
export function listItemJson(event: KeptEvent): string {
  return JSON.stringify({
    seq: event.seq,
    receivedAt: event.receivedAt,
    method: event.method,
    path: event.path,
    type: event.type,
    operation: event.operation,
    objectId: event.objectId,
    status: event.status,
    valid: event.valid,
    issues: event.issues,
    duplicateOf: event.duplicateOf,
    response: event.response,
    forward: event.forward,
    file: event.file,
    source: event.source,
    late: event.late,
    rejected: event.rejected,
    shown: event.shown,
    ...(event.saveError ? { saveError: event.saveError } : {}),
  });
}

/** Whether every word (lower case) is in the event: its body, path, method, type, operation, id, status or why it was refused. */
export function matchesWords(event: KeptEvent, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = [event.method, event.path, event.type, event.operation, event.objectId, event.status, event.rejected, event.body.toString('utf8')]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
}
