import { detectJsonLayout, formatJson } from '../../text/json-layout.js';
import { spliceChangedValues } from '../../text/splice-changed-values.js';
import type { Redaction, Redactor } from './redact-event.js';

/**
 * A JSON text with its personal values replaced where they stand: every other byte stays as
 * it was (WineSitting's `\/` and `\u00e9` escapes, its `13.0`), so a redacted recording diffs
 * against the original on the personal values alone. The text itself when nothing in it is
 * personal. Throws a SyntaxError when the text is not JSON.
 */
export function redactJsonText(text: string, redactor: Redactor): { text: string; redaction: Redaction } {
  const value: unknown = JSON.parse(text);
  const redaction = redactor.redact(value);
  if (redaction.replaced.length === 0) return { text, redaction };
  return { text: rewriteJsonText(text, value, redaction.value), redaction };
}

/** `text`, parsed as `before`, rewritten to hold `after`: spliced in place, or (a key written twice) written anew in its layout. */
export function rewriteJsonText(text: string, before: unknown, after: unknown): string {
  return spliceChangedValues(text, before, after) ?? formatJson(after, detectJsonLayout(text));
}
