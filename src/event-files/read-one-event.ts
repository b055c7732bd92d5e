import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { jsonErrorText } from '../text/json-error.js';
import { stripBom } from '../text/strip-bom.js';

/**
 * Reads the one event (or bare object) that `send --from` starts from, turning every failure into a
 * message that names the file and the fix. A file of several events, which `validate` and `replay`
 * read happily, is told apart from broken JSON: the user picked the wrong tool, not a broken file.
 */
export async function readOneEvent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = stripBom(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`Cannot read ${file}: ${why}. Check the path.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const lines = eventLines(text);
    if (lines.length > 1) {
      const line = lines[Math.min(2, lines.length - 1)]!;
      throw severalEvents(file, `${lines.length} events, one per line`, `the event on line ${line}: sed -n ${line}p ${file} > one.json`);
    }
    throw new UsageError(`${file} is not valid JSON (${jsonErrorText(error)}). Fix the file or run "winesitting-hooks validate ${file}".`);
  }
  if (!Array.isArray(value)) return value;
  if (value.length === 1) return value[0];
  if (value.length === 0) throw new UsageError(`${file} holds an empty array; --from takes one event (a JSON object).`);
  throw severalEvents(file, `${value.length} events (a JSON array)`, `the first: jq '.[0]' ${file} > one.json`);
}

function severalEvents(file: string, what: string, pick: string): UsageError {
  return new UsageError(
    `${file} holds ${what}; --from takes one event. Save the one you want in a .json file of its own (${pick}), then --from one.json; ` +
      `or send them all with "winesitting-hooks replay ${file}".`,
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
