import { stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { CliError } from '../errors.js';
import { parseJson } from '../event-files/parse-json.js';
import { readJsonFile } from '../event-files/read-json-file.js';
import { readNdjsonEvents } from '../event-files/read-ndjson-events.js';
import { RedactionError, type Redaction, type Redactor } from '../events/redact/redact-event.js';
import { rewriteJsonText } from '../events/redact/redact-json-text.js';
import { ensureFolder } from '../fs/ensure-folder.js';
import { writeFileDurably } from '../fs/write-file-durably.js';
import type { PlannedFile } from './plan-outputs.js';

/** What was replaced in one event, and where the event is. */
export interface RedactedEvent {
  file: string;
  line: number | null;
  index: number | null;
  replaced: string[];
  unknown: string[];
}

export interface FileRedaction extends PlannedFile {
  events: number;
  replaced: number;
  /** Of `replaced`, the values at places the model does not know. */
  replacedUnknown: number;
  /** The paths the model does not know that were replaced, once each, array positions as `[]`. */
  unknown: string[];
  /** False when nothing in the file is personal: with `--in-place`, it was left untouched. */
  changed: boolean;
  /** Why the file was skipped, with nothing written for it; null when it was redacted. */
  failure: { line: number | null; message: string } | null;
}

/** NDJSON is written in pieces of about this many characters. */
const PIECE = 64 * 1024;

/**
 * Redacts one file into `output`, atomically (a temporary file renamed over it), so that
 * nothing is ever half-written: a file with a line that is not JSON is skipped whole.
 * Only the personal values change: every other byte of the file stays as it was. NDJSON streams.
 * With `--in-place` (output = file), a file with nothing personal is not rewritten. With
 * `onEvent`, its events are handed over once the file is written, never for a file skipped
 * (they are kept until then: without it, memory stays flat).
 */
export async function redactFile(planned: PlannedFile, redactor: Redactor, onEvent?: (event: RedactedEvent) => void): Promise<FileRedaction> {
  const result: FileRedaction = { ...planned, events: 0, replaced: 0, replacedUnknown: 0, unknown: [], changed: false, failure: null };
  const unknown = new Set<string>();
  // Reported once the file is written: a file skipped at a later line has had nothing replaced.
  const events = onEvent ? keptEvents(planned.file, onEvent) : null;
  const redact = (value: unknown, line: number | null, index: number | null): unknown => {
    let redaction;
    try {
      redaction = redactor.redact(value);
    } catch (error) {
      if (error instanceof RedactionError) throw new SkippedFile(line, error.message);
      throw error;
    }
    result.events++;
    result.replaced += redaction.replaced.length;
    result.replacedUnknown += redaction.unknown.length;
    if (redaction.replaced.length > 0) result.changed = true;
    for (const path of redaction.unknown) unknown.add(path.replace(/\[\d+\]/g, '[]'));
    events?.add(line, index, redaction);
    return redaction.value;
  };
  const changed = () => result.changed;
  const inPlace = planned.output === planned.file;
  try {
    const mode = inPlace ? (await stat(planned.file)).mode & 0o777 : undefined;
    const data =
      extname(planned.file).toLowerCase() === '.json' ? await redactJson(planned.file, redact, changed, inPlace) : redactNdjson(planned.file, redact);
    if (data !== null) {
      await ensureFolder(dirname(planned.output));
      await writeFileDurably(planned.output, inPlace ? untilUnchanged(data, changed) : data, { mode });
    }
  } catch (error) {
    if (!(error instanceof NothingPersonal)) return { ...result, unknown: [...unknown], failure: failureOf(error) };
  }
  events?.handOver();
  return { ...result, unknown: [...unknown] };
}

/** The events of a file, kept until it is written, then handed to `onEvent`. */
function keptEvents(file: string, onEvent: (event: RedactedEvent) => void) {
  const list: RedactedEvent[] = [];
  // The same few paths in every event of a file: one string each, however many events hold it.
  const paths = new Map<string, string>();
  const intern = (path: string) => {
    const known = paths.get(path);
    if (known !== undefined) return known;
    paths.set(path, path);
    return path;
  };
  return {
    add(line: number | null, index: number | null, redaction: Redaction): void {
      list.push({ file, line, index, replaced: redaction.replaced.map(intern), unknown: redaction.unknown });
    },
    handOver: () => list.forEach(onEvent),
  };
}

type Redact = (value: unknown, line: number | null, index: number | null) => unknown;

/**
 * The new text of a .json file (one event or an array); its own bytes when nothing is personal
 * (`changed` says whether anything was replaced); null when it needs no rewriting.
 */
async function redactJson(file: string, redact: Redact, changed: () => boolean, inPlace: boolean): Promise<string | Buffer | null> {
  const { bytes, bom } = await readJsonFile(file);
  const text = bytes.toString('utf8');
  const parsed = parseJson(text);
  if (parsed.parseError !== null) throw new SkippedFile(null, parsed.parseError);
  const source = parsed.value;
  const value = Array.isArray(source) ? source.map((item, index) => redact(item, null, index)) : redact(source, null, null);
  if (!changed()) return inPlace ? null : Buffer.concat([Buffer.from(bom), bytes]);
  return `${bom}${rewriteJsonText(text, source, value)}`;
}

/** The lines of an NDJSON file, redacted as they are read, with the breaks and blank lines between them as they were; a line that is not JSON stops the file. */
async function* redactNdjson(file: string, redact: Redact): AsyncGenerator<string> {
  let pending = '';
  const events = readNdjsonEvents(file);
  for await (const stored of events) {
    if (stored.parseError !== null) throw new SkippedFile(stored.line, stored.parseError);
    const value = redact(stored.value, stored.line, null);
    const body = value === stored.value ? stored.body : rewriteJsonText(stored.body, stored.value, value);
    pending += `${stored.before}${body}${stored.ending}`;
    if (pending.length >= PIECE) {
      yield pending;
      pending = '';
    }
  }
  yield `${pending}${events.after}`;
}

/** With `--in-place`, a file found to hold nothing personal is abandoned before it replaces the original. */
async function* untilUnchanged(data: string | Buffer | AsyncIterable<string>, changed: () => boolean): AsyncGenerator<string | Buffer> {
  if (typeof data === 'string' || Buffer.isBuffer(data)) yield data;
  else yield* data;
  if (!changed()) throw new NothingPersonal();
}

class SkippedFile extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

class NothingPersonal extends Error {}

/** A failure that concerns this file alone (unreadable, not JSON, unwritable): reported, and the other files go on. */
function failureOf(error: unknown): { line: number | null; message: string } {
  if (error instanceof SkippedFile) return { line: error.line, message: error.message };
  if (error instanceof CliError) return { line: null, message: error.message };
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') return { line: null, message: error.message };
  throw error;
}
