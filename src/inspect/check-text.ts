import { parseEvent, type Issue } from '../events/parse.js';
import { parseJson } from '../event-files/parse-json.js';

export interface TextCheck {
  /** No errors: WineSitting could have sent it (warnings allowed). */
  valid: boolean;
  issues: Issue[];
  /** Why it is not JSON, and where (1-based line and column), when it is not. */
  syntax: { message: string; line: number | null; column: number | null } | null;
}

/** "Edit and send", as the user types: the same model and the same issues as `validate`. */
export function checkText(text: string): TextCheck {
  const { value, parseError } = parseJson(text);
  if (parseError !== null) {
    const message = text.trim() === '' ? 'empty: an event is a JSON object' : parseError;
    const position = /at position (\d+)/.exec(message);
    return { valid: false, issues: [], syntax: { message, ...(position ? lineAndColumn(text, Number(position[1])) : { line: null, column: null }) } };
  }
  const { event, issues } = parseEvent(value);
  return { valid: event !== null, issues, syntax: null };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
