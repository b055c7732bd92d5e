import { UsageError } from '../errors.js';
import { quoteArgument } from '../invocation.js';
import { jsonErrorText } from '../text/json-error.js';
import { readJsonFile } from './read-json-file.js';

/**
 * Reads the one event (or bare object) that `send --from` starts from, turning every failure into a
 * message that names the file and the fix. A file of several events, which `validate` and `replay`
 * read happily, is told apart from broken JSON: the user picked the wrong tool, not a broken file.
 */
export async function readOneEvent(file: string, command = 'winesitting-hooks'): Promise<unknown> {
  const path = quoteArgument(file);
  const text = (await readJsonFile(file)).bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const lines = eventLines(text);
    if (lines.length > 1) {
      throw severalEvents(file, `${lines.length} events, one per line (NDJSON)`, 'copy its line', command);
    }
    throw new UsageError(`${file} is not valid JSON (${jsonErrorText(error)}). Fix the file; to see where, run: ${command} validate ${path}`);
  }
  if (!Array.isArray(value)) return value;
  if (value.length === 1) return value[0];
  if (value.length === 0) throw new UsageError(`${file} holds an empty array; --from takes one event (a JSON object).`);
  throw severalEvents(file, `${value.length} events (a JSON array)`, 'copy its object', command);
}

function severalEvents(file: string, what: string, how: string, command: string): UsageError {
  return new UsageError(
    `${file} holds ${what}; --from takes one event. Pick the one you want (${how} into a file of its own, say one.json), then --from one.json; ` +
      `or send them all: ${command} replay ${quoteArgument(file)}`,
  );
}

/** Line numbers (from 1) of the non-blank lines, when each of them is JSON on its own: NDJSON; else none. */
function eventLines(text: string): number[] {
  const numbers: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    try {
      JSON.parse(lines[i]!);
    } catch {
      return [];
    }
    numbers.push(i + 1);
  }
  return numbers;
}
