/**
 * JSON.parse's message on one line: V8 quotes the start of the text it failed on, line
 * breaks included, which would split an error or an NDJSON field across lines.
 */
export function jsonErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\r\n|\r|\n/g, '\\n');
}
