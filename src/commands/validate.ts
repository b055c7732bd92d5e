import { listEventFiles } from '../fixtures/list-files.js';
import { readEvents } from '../fixtures/read-events.js';
import { checkStored, countIssues } from '../fixtures/stored-issues.js';
import type { Io } from '../io.js';
import { jsonLine } from '../render/json-line.js';
import { paintFor } from '../render/paint.js';
import { formatFileReport, formatValidationSummary, type FileReport } from '../render/validation.js';

interface ValidateFlags {
  json?: boolean;
  strict?: boolean;
}

export async function run(flags: ValidateFlags, io: Io, args: string[]): Promise<number> {
  const paths = args.length > 0 ? args : ['./fixtures'];
  const { files, skipped } = await listEventFiles(paths);
  for (const { file, reason } of skipped) io.stderr.write(`skipped ${file}: ${reason}\n`);
  const paint = await paintFor(io.stdout, io.env);
  const totals = { files: files.length, events: 0, errors: 0, warnings: 0 };
  let report = null as FileReport | null;
  const flush = () => {
    if (report && !flags.json) io.stdout.write(formatFileReport(report, paint));
  };
  for await (const stored of readEvents(files)) {
    if (report?.file !== stored.file) {
      flush();
      report = { file: stored.file, events: 0, problems: [] };
    }
    const { issues } = checkStored(stored);
    const counts = countIssues(issues);
    totals.events++;
    totals.errors += counts.errors;
    totals.warnings += counts.warnings;
    report.events++;
    if (issues.length > 0) report.problems.push({ line: stored.line, issues });
    if (flags.json) io.stdout.write(jsonLine({ file: stored.file, line: stored.line, ...(stored.index !== null ? { index: stored.index } : {}), valid: counts.errors === 0, issues }));
  }
  flush();
  if (flags.json) io.stdout.write(jsonLine({ summary: totals }));
  else io.stdout.write(formatValidationSummary(totals, Boolean(flags.strict), paint));
  return totals.errors > 0 || (flags.strict && totals.warnings > 0) ? 1 : 0;
}
