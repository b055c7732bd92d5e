const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf] as const;

/** How a line ends: `\n`, `\r\n`, or nothing on a last line without a break (a lone `\r` ends a last line too). */
export type LineEnding = '\n' | '\r\n' | '\r' | '';

/** Called for each line: its bytes without the break (nor, on line 1, the byte order mark), its number from 1, and its break. */
export type LineVisitor = (text: Buffer, line: number, ending: LineEnding) => void;

/**
 * Splits the bytes of an NDJSON file, as they arrive in chunks, into lines, synchronously: each
 * `push` visits the lines its chunk completes and keeps the unfinished rest. A line is a view
 * of its chunk, not a copy, unless it spans chunks; LF and CRLF are both line breaks, and a
 * byte order mark before the first line is no part of it.
 */
export class NdjsonSplitter {
  /** `\uFEFF` when the file starts with a byte order mark (known once line 1 is visited), else ''. */
  bom = '';
  private line = 0;
  /** The unfinished line's bytes, from earlier chunks. */
  private rest: Buffer[] = [];

  push(chunk: Buffer, visit: LineVisitor): void {
    let start = 0;
    for (let end = chunk.indexOf(LF); end !== -1; end = chunk.indexOf(LF, start)) {
      const piece = chunk.subarray(start, end);
      const text = this.rest.length === 0 ? piece : this.joinRest(piece);
      const crlf = text.length > 0 && text[text.length - 1] === CR;
      this.visitLine(crlf ? text.subarray(0, text.length - 1) : text, crlf ? '\r\n' : '\n', visit);
      start = end + 1;
    }
    if (start < chunk.length) this.rest.push(chunk.subarray(start));
  }

  /** Visits the last line, when the text does not end with a line break. */
  end(visit: LineVisitor): void {
    if (this.rest.length === 0) return;
    const text = this.joinRest(Buffer.alloc(0));
    const cr = text[text.length - 1] === CR;
    this.visitLine(cr ? text.subarray(0, text.length - 1) : text, cr ? '\r' : '', visit);
  }

  private joinRest(piece: Buffer): Buffer {
    const text = Buffer.concat([...this.rest, piece]);
    this.rest = [];
    return text;
  }

  private visitLine(text: Buffer, ending: LineEnding, visit: LineVisitor): void {
    this.line++;
    if (this.line === 1 && text[0] === BOM[0] && text[1] === BOM[1] && text[2] === BOM[2]) {
      this.bom = '\uFEFF';
      text = text.subarray(BOM.length);
    }
    visit(text, this.line, ending);
  }
}

/**
 * True when a line holds no event: nothing but white space, as `String.prototype.trim` sees it.
 * Decided on the bytes for ASCII, which is all but every case; other bytes are decoded.
 */
export function isBlankLine(text: Buffer): boolean {
  for (const byte of text) {
    // Space, \t, \n, \v, \f, \r.
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue;
    if (byte < 0x80) return false;
    return text.toString('utf8').trim() === '';
  }
  return true;
}
