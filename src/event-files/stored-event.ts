/** One event as stored: where it is, its exact bytes, and its JSON value when it parses. */
export interface StoredEvent {
  file: string;
  /** 1-based line for NDJSON; null for a .json file. */
  line: number | null;
  /** Position in a .json array; null otherwise. */
  index: number | null;
  /** The bytes to send: the file's own bytes, except for items of an array. */
  body: string | Buffer;
  value: unknown;
  /** Why the text is not JSON, when it is not. */
  parseError: string | null;
}

/** `file:line`, `file[3]` or `file`: where an event sits, as every message names it. */
export function locateEvent(stored: Pick<StoredEvent, 'file' | 'line' | 'index'>): string {
  if (stored.line !== null) return `${stored.file}:${stored.line}`;
  if (stored.index !== null) return `${stored.file}[${stored.index}]`;
  return stored.file;
}
