import { isBlankLine, NdjsonSplitter, type LineEnding } from './ndjson-splitter.js';
import { parseJson } from './parse-json.js';
import { readChunks } from './read-chunks.js';
import type { StoredEvent } from './stored-event.js';

/** An event of an NDJSON file, with the text its line holds besides the event, for a writer that puts every byte back (`redact`). */
export interface NdjsonEvent extends StoredEvent {
  line: number;
  body: string;
  /** What comes between the previous event's line and this one: a byte order mark, blank lines, each with its line break. */
  before: string;
  /** The line's own break: `\n`, `\r\n`, or none on a last line without one. */
  ending: LineEnding;
}

export interface NdjsonEvents extends AsyncIterable<NdjsonEvent> {
  /** What follows the last event's line (blank lines; the whole text of a file with no event), once every event is read. */
  readonly after: string;
}

/** The size of a read: a line is a view of its chunk, so this much stays in memory while an event is held. */
const CHUNK = 64 * 1024;

/**
 * The events of an NDJSON file, one per line, LF or CRLF; a blank line and a leading byte order
 * mark are no event. Pulled one chunk at a time: the file is read only as fast as events are
 * consumed, so memory stays flat whatever its size.
 */
export function readNdjsonEvents(file: string): NdjsonEvents {
  const events = {
    after: '',
    async *[Symbol.asyncIterator](): AsyncGenerator<NdjsonEvent> {
      const splitter = new NdjsonSplitter();
      let before = '';
      let ready: NdjsonEvent[] = [];
      const visit = (text: Buffer, line: number, ending: LineEnding) => {
        const bom = line === 1 ? splitter.bom : '';
        if (isBlankLine(text)) {
          before += `${bom}${text.toString('utf8')}${ending}`;
          return;
        }
        const body = text.toString('utf8');
        ready.push({ file, line, index: null, body, ...parseJson(body), before: before + bom, ending });
        before = '';
      };
      for await (const chunk of readChunks(file, CHUNK)) {
        splitter.push(chunk, visit);
        const done = ready;
        ready = [];
        yield* done;
      }
      splitter.end(visit);
      yield* ready;
      events.after = before;
    },
  };
  return events;
}
