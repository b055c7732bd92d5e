import { isBlankLine, NdjsonSplitter } from './ndjson-splitter.js';
import { parseJson } from './parse-json.js';
import { readChunks } from './read-chunks.js';
import type { StoredEvent } from './stored-event.js';

/** An event's line in an NDJSON file: its bytes as the file holds them (no line break, no byte order mark), and its number. */
export interface EventLine {
  text: Buffer;
  line: number;
}

/** The size of a read: the lines of a chunk are views of it, so it stays in memory while one of its events is held. */
const CHUNK = 256 * 1024;

/**
 * The event lines of an NDJSON file as bytes, a chunk's worth at a time (one await per chunk,
 * not per line), blank lines left out: for readers that decode only what they need, and
 * senders that send the bytes as they are.
 */
export async function* readNdjsonLines(file: string): AsyncGenerator<EventLine[]> {
  const splitter = new NdjsonSplitter();
  let lines: EventLine[] = [];
  const visit = (text: Buffer, line: number) => {
    if (!isBlankLine(text)) lines.push({ text, line });
  };
  for await (const chunk of readChunks(file, CHUNK)) {
    splitter.push(chunk, visit);
    if (lines.length > 0) yield lines;
    lines = [];
  }
  splitter.end(visit);
  if (lines.length > 0) yield lines;
}

/** An event line read as a stored event: its text decoded and parsed. */
export function storedEventOf(file: string, { text, line }: EventLine): StoredEvent {
  const body = text.toString('utf8');
  return { file, line, index: null, body, ...parseJson(body) };
}
