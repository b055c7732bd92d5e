const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * `text`, the JSON text `before` was parsed from, with each value that `after` changes
 * replaced where it stands by its JSON, and every other byte left as it was: spacing, key
 * order, escapes (`\/`, `\u00e9`) and numbers (`13.0`, `14.50`) that a new `JSON.stringify`
 * would rewrite. `after` must share with `before` every object and array it leaves unchanged
 * (a copy-on-write result, as a redaction's is): those are stepped over unread. Null when the
 * text and the values do not line up (an object with a key twice, whose first value the
 * parsed value no longer holds): the caller writes `after` anew.
 */
export function spliceChangedValues(text: string, before: unknown, after: unknown): string | null {
  const splicer = new Splicer(text);
  splicer.skipSpace();
  if (!splicer.value(before, after)) return null;
  splicer.skipSpace();
  return splicer.pos === text.length ? splicer.result() : null;
}

class Splicer {
  pos = 0;
  private readonly pieces: string[] = [];
  private copied = 0;

  constructor(private readonly text: string) {}

  result(): string {
    this.pieces.push(this.text.slice(this.copied));
    return this.pieces.join('');
  }

  value(before: unknown, after: unknown): boolean {
    if (before === after) return this.skipValue();
    const char = this.text.charCodeAt(this.pos);
    if (char === OPEN_BRACE) return isRecord(before) && isRecord(after) && this.object(before, after);
    if (char === OPEN_BRACKET) return Array.isArray(before) && Array.isArray(after) && this.array(before, after);
    const start = this.pos;
    if (!this.skipValue()) return false;
    this.pieces.push(this.text.slice(this.copied, start), JSON.stringify(after));
    this.copied = this.pos;
    return true;
  }

  private object(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
    this.pos++;
    this.skipSpace();
    // The parsed object's keys are the text's, in its order: most are matched without reading them into a new string.
    const keys = Object.keys(before);
    let count = 0;
    if (this.text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      for (;;) {
        const key = this.key(keys[count]);
        if (key === null) return false;
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== COLON) return false;
        this.pos++;
        this.skipSpace();
        count++;
        if (!this.value(before[key], after[key])) return false;
        if (!this.next(CLOSE_BRACE)) break;
      }
      if (this.text.charCodeAt(this.pos) !== CLOSE_BRACE) return false;
    }
    this.pos++;
    // A key written twice counts twice here and once in the parsed object.
    return count === keys.length;
  }

  private array(before: unknown[], after: unknown[]): boolean {
    this.pos++;
    this.skipSpace();
    let index = 0;
    if (this.text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      for (;;) {
        if (!this.value(before[index], after[index])) return false;
        index++;
        if (!this.next(CLOSE_BRACKET)) break;
      }
      if (this.text.charCodeAt(this.pos) !== CLOSE_BRACKET) return false;
    }
    this.pos++;
    return index === before.length;
  }

  /** After a member: true when a comma says another follows; false at `close` (or anything else). */
  private next(close: number): boolean {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== COMMA) return false;
    this.pos++;
    this.skipSpace();
    return this.text.charCodeAt(this.pos) !== close;
  }

  private key(expected: string | undefined): string | null {
    if (this.text.charCodeAt(this.pos) !== QUOTE) return null;
    const start = this.pos;
    if (
      expected !== undefined &&
      !expected.includes('\\') &&
      this.text.startsWith(expected, start + 1) &&
      this.text.charCodeAt(start + 1 + expected.length) === QUOTE
    ) {
      this.pos = start + expected.length + 2;
      return expected;
    }
    if (!this.skipString()) return null;
    const raw = this.text.slice(start + 1, this.pos - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(start, this.pos)) as string) : raw;
  }

  /** Steps over one value, unread; false when the text ends first. */
  private skipValue(): boolean {
    const char = this.text.charCodeAt(this.pos);
    if (char === QUOTE) return this.skipString();
    if (char !== OPEN_BRACE && char !== OPEN_BRACKET) {
      while (this.pos < this.text.length && !isEndOfLiteral(this.text.charCodeAt(this.pos))) this.pos++;
      return true;
    }
    let depth = 0;
    while (this.pos < this.text.length) {
      const at = this.text.charCodeAt(this.pos);
      if (at === QUOTE) {
        if (!this.skipString()) return false;
        continue;
      }
      this.pos++;
      if (at === OPEN_BRACE || at === OPEN_BRACKET) depth++;
      else if ((at === CLOSE_BRACE || at === CLOSE_BRACKET) && --depth === 0) return true;
    }
    return false;
  }

  /** From an opening quote to just after its closing one. */
  private skipString(): boolean {
    let end = this.pos + 1;
    for (;;) {
      end = this.text.indexOf('"', end);
      if (end === -1) return false;
      let backslashes = 0;
      while (this.text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) break;
      end++;
    }
    this.pos = end + 1;
    return true;
  }

  skipSpace(): void {
    for (;;) {
      const char = this.text.charCodeAt(this.pos);
      if (char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09) this.pos++;
      else return;
    }
  }
}

function isEndOfLiteral(char: number): boolean {
  return char === COMMA || char === CLOSE_BRACE || char === CLOSE_BRACKET || char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
