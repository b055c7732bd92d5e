import { detectJsonLayout, formatJson } from '../../text/json-layout.js';
import type { Redaction, Redactor } from './redact-event.js';

/**
 * A JSON text with its personal values replaced, written back in the layout it came in
 * (compact or indented, as detected); the text itself when nothing in it is personal.
 * Throws a SyntaxError when the text is not JSON.
 */
export function redactJsonText(text: string, redactor: Redactor): { text: string; redaction: Redaction } {
  const redaction = redactor.redact(JSON.parse(text));
  if (redaction.replaced.length === 0) return { text, redaction };
  return { text: formatJson(redaction.value, detectJsonLayout(text)), redaction };
}
