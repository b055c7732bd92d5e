import { open } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { LineSplitter } from '../text/split-lines.js';
import { cannotRead } from './cannot-read.js';
import { parseJson } from './parse-json.js';
import type { StoredEvent } from './stored-event.js';

/** An event of an NDJSON file, with the text its line holds besides the event, for a writer that puts every byte back (`redact`). */
export interface NdjsonEvent extends StoredEvent {
  line: number;
  body: string;
  /** What comes between the previous event's line and this one: a byte order mark, blank lines, each with its line break. */
  before: string;
  /** The line's own break: `\n`, `\r\n`, or none on a last line without one. */
  ending: string;
}

export interface NdjsonEvents extends AsyncIterable<NdjsonEvent> {
  /** What follows the last event's line (blank lines; the whole text of a file with no event), once every event is read. */
  readonly after: string;
}

/**
 * The events of an NDJSON file, one per line, LF or CRLF; a blank line and a leading byte order
 * mark are no event. Pulled one chunk at a time: the file is read only as fast as events are
 * consumed, so memory stays flat whatever its size.
 */
export function readNdjsonEvents(file: string): NdjsonEvents {
  const events = {
    after: '',
    async *[Symbol.asyncIterator](): AsyncGenerator<NdjsonEvent> {
      let handle;
      try {
        handle = await open(file);
      } catch (error) {
        throw cannotRead(file, error);
      }
      let line = 0;
      let before = '';
      try {
        for await (const text of readLines(handle.createReadStream({ encoding: 'utf8' }))) {
          line++;
          const bom = line === 1 && text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
          const ending = lineEnding(text);
          const body = text.slice(bom.length, text.length - ending.length);
          if (body.trim() === '') {
            before += text;
            continue;
          }
          yield { file, line, index: null, body, ...parseJson(body), before: before + bom, ending };
          before = '';
        }
        events.after = before;
      } catch (error) {
        throw error instanceof UsageError ? error : cannotRead(file, error);
      } finally {
        await handle.close();
      }
    },
  };
  return events;
}

/** Lines of a text stream with their breaks, pulled one chunk at a time. */
async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  const splitter = new LineSplitter(true);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  const last = splitter.end();
  if (last !== null) yield last;
}

/** `\r\n` or `\n`; a lone `\r` ends a last line too. */
function lineEnding(text: string): string {
  if (text.endsWith('\r\n')) return '\r\n';
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(-1);
  return '';
}
