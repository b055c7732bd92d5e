import { checkStored, countIssues } from '../event-files/check-stored.js';
import { listEventFiles } from '../event-files/list-event-files.js';
import { readEvents } from '../event-files/read-events.js';
import type { Io } from '../io.js';
import { paintFor } from '../terminal/paint-for.js';
import { validationReporter } from '../render/validation.js';

interface ValidateFlags {
  json?: boolean;
  strict?: boolean;
}

export async function run(flags: ValidateFlags, io: Io, args: string[]): Promise<number> {
  const { files, skipped } = await listEventFiles(args.length > 0 ? args : ['./fixtures']);
  for (const { file, reason } of skipped) io.stderr.write(`skipped ${file}: ${reason}\n`);
  const report = validationReporter(Boolean(flags.json), await paintFor(io.stdout, io.env), Boolean(flags.strict));
  const totals = { files: files.length, events: 0, errors: 0, warnings: 0 };
  for await (const stored of readEvents(files)) {
    const { issues } = checkStored(stored);
    const counts = countIssues(issues);
    totals.events++;
    totals.errors += counts.errors;
    totals.warnings += counts.warnings;
    const text = report.event(stored, issues);
    if (text) io.stdout.write(text);
  }
  io.stdout.write(report.end(totals));
  return totals.errors > 0 || (flags.strict && totals.warnings > 0) ? 1 : 0;
}
