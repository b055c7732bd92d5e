/**
 * Splits a text that arrives in chunks into lines, LF or CRLF, synchronously: each
 * `push` returns the lines its chunk completed, and keeps the unfinished rest. With
 * `keepEndings`, each line keeps its `\n` or `\r\n`, for a reader that writes the text back
 * as it was: joined, the lines are the text.
 */
export class LineSplitter {
  private rest = '';

  constructor(private readonly keepEndings = false) {}

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (this.keepEndings) lines.push(text.slice(start, end + 1));
      else lines.push(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
    }
    this.rest = text.slice(start);
    return lines;
  }

  /** The last line when the text does not end with a line break; null otherwise. */
  end(): string | null {
    const last = this.rest;
    this.rest = '';
    if (last === '') return null;
    return !this.keepEndings && last.endsWith('\r') ? last.slice(0, -1) : last;
  }
}
