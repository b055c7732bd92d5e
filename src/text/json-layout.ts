/** How a JSON text is laid out: what a rewrite keeps so that a file still reads (and diffs) as it did. */
export interface JsonLayout {
  /** `''` for compact JSON; otherwise one level of indentation (`'  '`, `'\t'`). */
  indent: string;
  newline: '\n' | '\r\n';
  finalNewline: boolean;
}

/** The layout of `text`, read from its first line break: compact when the value is on one line. */
export function detectJsonLayout(text: string): JsonLayout {
  const first = text.indexOf('\n');
  const newline = first > 0 && text.charCodeAt(first - 1) === 13 ? '\r\n' : '\n';
  const finalNewline = text.endsWith('\n');
  if (first === -1) return { indent: '', newline, finalNewline };
  const indent = /^[ \t]*/.exec(text.slice(first + 1))![0];
  return { indent, newline, finalNewline };
}

/** `value` as JSON text in `layout`. */
export function formatJson(value: unknown, layout: JsonLayout): string {
  let text = layout.indent === '' ? JSON.stringify(value) : JSON.stringify(value, null, layout.indent);
  // JSON.stringify escapes line breaks inside strings: every raw one is its own.
  if (layout.newline === '\r\n') text = text.replaceAll('\n', '\r\n');
  return layout.finalNewline ? `${text}${layout.newline}` : text;
}
