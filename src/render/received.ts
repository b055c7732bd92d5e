import { describeEnvelope } from '../events/describe-envelope.js';
import type { ReceiveCounts } from '../receive/summary.js';
import type { ReceivedEvent } from '../receive/types.js';
import { excerpt } from '../text/excerpt.js';
import { plural } from '../text/plural.js';
import { condenseChanges } from './condense-changes.js';
import { formatMs } from './delivery.js';
import { formatIssue } from './issues.js';
import type { Paint } from './paint.js';

/** `listen`'s reporter: the text for one received request, pretty or as a JSON line. */
export type ReceivedReporter = (event: ReceivedEvent) => string;

export function receivedReporter(json: boolean, paint: Paint): ReceivedReporter {
  return json ? receivedJsonLine : (event) => formatReceived(event, paint);
}

const MAX_CHANGES_SHOWN = 12;

/** Pretty mode: one headline per request, then what matters about it. */
export function formatReceived(event: ReceivedEvent, paint: Paint): string {
  const time = paint.dim(localTime(event.receivedAt));
  const via = event.source === 'relay' ? paint.accent(event.late ? ' [relay, late]' : ' [relay]') : '';
  const answer = statusText(event.response.status, paint);
  if (event.rejected) {
    const preview = event.text ? `\n    ${paint.dim(`body: ${excerpt(event.text, 120)}`)}` : '';
    const saved = event.file ? `\n    ${paint.dim(`saved ${event.file}`)}` : '';
    return `${time} ${paint.fail('✖ rejected')} ${event.method} ${event.path}${via} → ${answer}: ${event.rejected}${preview}${saved}\n`;
  }
  const what = `${event.type ?? '?'} ${event.operation ?? '?'}${event.objectId !== null ? ` #${event.objectId}` : ''}`;
  const { status } = describeEnvelope(event.event);
  const forward = event.forward ? paint.dim(` (app ${event.forward.status ?? event.forward.error} · ${formatMs(event.forward.ms)})`) : '';
  const lines = [`${time} ${paint.bold(what)}${status ? ` ${status}` : ''} ${paint.dim(event.path)}${via} → ${answer}${forward}`];
  if (event.duplicateOf !== null)
    lines.push(`    ${paint.warn(`duplicate of #${event.duplicateOf}`)} ${paint.dim('(the same body was already received: make processing idempotent)')}`);
  const changes = condenseChanges(event.changes);
  for (const change of changes.slice(0, MAX_CHANGES_SHOWN)) {
    lines.push(`    ${paint.accent(change.path)} ${change.text ?? `${preview(change.from)} → ${preview(change.to)}`}`);
  }
  if (changes.length > MAX_CHANGES_SHOWN) lines.push(paint.dim(`    … and ${changes.length - MAX_CHANGES_SHOWN} more changes`));
  for (const issue of event.issues) lines.push(`    ${formatIssue(issue, paint)}`);
  if (event.forward?.status === null) lines.push(`    ${paint.fail(`forward to ${event.forward.url} failed (${event.forward.error}): answered 502`)}`);
  if (event.file) lines.push(paint.dim(`    saved ${event.file}`));
  if (event.saveError) lines.push(`    ${paint.fail(`could not save (${event.saveError}): answered 500. Free disk space or fix the folder's permissions.`)}`);
  return `${lines.join('\n')}\n`;
}

/** `--json`: the documented fields, with the body embedded as received (never re-serialised). */
export function receivedJsonLine(event: ReceivedEvent): string {
  const fields = {
    seq: event.seq,
    receivedAt: event.receivedAt,
    method: event.method,
    path: event.path,
    type: event.type,
    operation: event.operation,
    objectId: event.objectId,
    valid: event.valid,
    issues: event.issues,
    duplicateOf: event.duplicateOf,
    changes: event.changes,
    response: event.response,
    forward: event.forward,
    file: event.file,
    raw: event.event === null ? event.text : null,
    source: event.source,
    late: event.late,
    ...(event.saveError ? { saveError: event.saveError } : {}),
  };
  let head: string;
  try {
    head = JSON.stringify(fields);
  } catch {
    // A change's value nested too deep to serialise: keep the line, drop the values.
    head = JSON.stringify({ ...fields, changes: event.changes.map((c) => ({ path: c.path, from: '[too deep]', to: '[too deep]' })) });
  }
  // JSON text cannot hold a raw line break inside a string, so replacing them keeps it valid.
  const text = event.text;
  const body = event.event === null ? 'null' : text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]+/g, ' ') : text;
  return `${head.slice(0, -1)},"event":${body}}\n`;
}

export function formatReceiveSummary(counts: ReceiveCounts, paint: Paint): string {
  const kinds = Object.entries(counts.byKind)
    .sort()
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const parts = [
    `${plural(counts.requests, 'request')}${kinds ? ` (${kinds})` : ''}`,
    plural(counts.duplicates, 'duplicate'),
    `${counts.invalid} invalid`,
    `${counts.rejected} rejected`,
    plural(counts.forwardFailures, 'forward failure'),
  ];
  if (counts.saveFailures) parts.push(paint.fail(`${counts.saveFailures} not saved`));
  return `${paint.bold('Received')} ${parts.join(' · ')}\n`;
}

function statusText(status: number, paint: Paint): string {
  return status >= 200 && status < 300 ? paint.ok(String(status)) : paint.fail(String(status));
}

function localTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function preview(value: unknown): string {
  let text: string;
  try {
    // A field that appeared or went away is `undefined` on one side, which JSON cannot show.
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return excerpt(text, 60);
}
