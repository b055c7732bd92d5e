import type { FileRedaction, RedactedEvent } from '../redact/redact-file.js';
import { plural } from '../text/plural.js';
import { locationFields } from './delivery.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';

export interface RedactTotals {
  /** Files redacted (those skipped are counted in `failed`). */
  files: number;
  events: number;
  /** Values replaced. */
  replaced: number;
  /** Of those, values at places the model does not know. */
  unknown: number;
  failed: number;
}

/** How `redact` reports: a line per file, or a JSON line per event; then the totals. */
export interface RedactReporter {
  /** Absent when the report shows no event: the events are then not kept. */
  event?: (event: RedactedEvent) => string;
  file(file: FileRedaction): string;
  end(totals: RedactTotals): string;
}

export function redactReporter(json: boolean, paint: Paint, out: string | null): RedactReporter {
  if (json) {
    return {
      event: (event) => jsonLine({ ...locationFields(event), replaced: event.replaced, unknown: event.unknown }),
      file: ({ file, failure }) => (failure ? jsonLine({ file, line: failure.line, error: failure.message }) : ''),
      end: (totals) => jsonLine({ summary: totals }),
    };
  }
  return { file: (file) => formatFileRedaction(file, paint), end: (totals) => formatRedactSummary(totals, out, paint) };
}

export function formatFileRedaction(file: FileRedaction, paint: Paint): string {
  if (file.failure) {
    const where = file.failure.line !== null ? `${file.file}:${file.failure.line}` : file.file;
    return `${paint.fail('✖')} ${where}: ${file.failure.message} ${paint.fail('(skipped, nothing written)')}\n`;
  }
  const counts = `${plural(file.events, 'event')}, ${plural(file.replaced, 'field')} replaced`;
  const head =
    file.output === file.file
      ? `${paint.ok('✔')} ${file.file} ${paint.dim(file.changed ? `(${counts})` : `(${plural(file.events, 'event')}, nothing personal: left as it was)`)}`
      : `${paint.ok('✔')} ${file.file} → ${file.output} ${paint.dim(`(${counts})`)}`;
  const unknown = file.unknown.map(
    (path) => `    ${paint.warn('unknown field')} ${paint.bold(path)}: not in the model, replaced because its name looks personal`,
  );
  return `${[head, ...unknown].join('\n')}\n`;
}

export function formatRedactSummary(totals: RedactTotals, out: string | null, paint: Paint): string {
  let text = `${plural(totals.files, 'file')}, ${plural(totals.events, 'event')}: ${plural(totals.replaced, 'field')} replaced`;
  if (totals.unknown > 0) text += paint.warn(` (${totals.unknown} in fields the model does not know)`);
  text += out === null ? ', in place' : `, written under ${out}`;
  if (totals.failed > 0) text += `; ${paint.fail(`${plural(totals.failed, 'file')} could not be redacted`)}`;
  return `${text}\n`;
}

/** Said once, when the first redaction on a machine creates its key. */
export function formatKeyCreated(path: string): string {
  return `Generated a redaction key in ${path}: the same key gives the same fakes, so keep it, and share it with your team (or pass --key) for theirs to match.\n`;
}
