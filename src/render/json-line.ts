/** One NDJSON line. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** What `send --dry-run` prints and `send` delivers: one event pretty, several as NDJSON. */
export function serializeEvent(event: unknown, pretty: boolean): string {
  return pretty ? JSON.stringify(event, null, 2) : JSON.stringify(event);
}
