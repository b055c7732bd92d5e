import { locate } from '../fixtures/stored-issues.js';
import type { CheckReport } from '../replay/check-all.js';
import type { ReplayItem } from '../replay/replay-source.js';
import { formatIssue } from './issues.js';
import type { Paint } from './paint.js';

/** Each invalid event's errors, with file, line and JSON path. */
export function formatProblems(check: CheckReport, paint: Paint): string {
  let text = '';
  for (const problem of check.problems) {
    for (const issue of problem.issues) text += `${problem.where}: ${formatIssue(issue, paint)}\n`;
  }
  if (check.invalid > check.problems.length) text += `… and ${check.invalid - check.problems.length} more invalid events\n`;
  return text;
}

/** `file`, `line` (NDJSON) and `index` (in a .json array) of a replayed event, for JSON lines. */
export function where(item: ReplayItem): { file: string; line: number | null; index?: number } {
  const { file, line, index } = item.stored;
  return index === null ? { file, line } : { file, line, index };
}

export function listedRecord(item: ReplayItem): Record<string, unknown> {
  return { ...where(item), type: item.type, operation: item.operation, objectId: item.objectId };
}

/** A dry run's line: where the event is, and what it is. */
export function formatListed(item: ReplayItem): string {
  return `${locate(item.stored)}  ${item.type} ${item.operation}${item.objectId !== null ? ` #${item.objectId}` : ''}\n`;
}
