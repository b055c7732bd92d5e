import { UsageError } from '../errors.js';
import { listEventFiles } from '../event-files/list-event-files.js';
import { createRedactor } from '../events/redact/redact-event.js';
import type { Io } from '../io.js';
import { planOutputs } from '../redact/plan-outputs.js';
import { redactFile, type RedactedEvent } from '../redact/redact-file.js';
import { chooseRedactionKey } from '../redact/redaction-key.js';
import { formatKeyCreated, redactReporter, type RedactTotals } from '../render/redact-report.js';
import { createLineWriter } from '../terminal/line-writer.js';
import { paintFor } from '../terminal/paint-for.js';

interface RedactFlags {
  out?: string;
  inPlace?: boolean;
  key?: string;
  json?: boolean;
}

export async function run(flags: RedactFlags, io: Io, args: string[]): Promise<number> {
  const out = outputFolder(flags);
  const { files, skipped } = await listEventFiles(args);
  for (const { file, reason } of skipped) io.stderr.write(`skipped ${file}: ${reason}\n`);
  const planned = await planOutputs(args, files, out);
  const { key, createdIn } = await chooseRedactionKey(flags.key, io.env);
  if (createdIn !== null) io.stderr.write(formatKeyCreated(createdIn));
  const redactor = createRedactor(key);
  const report = redactReporter(Boolean(flags.json), await paintFor(io.stdout, io.env), out);
  const lines = createLineWriter(io.stdout);
  const totals: RedactTotals = { files: 0, events: 0, replaced: 0, unknown: 0, failed: 0 };
  const { event } = report;
  const onEvent = event && ((redacted: RedactedEvent) => lines.write(event(redacted)));
  for (const file of planned) {
    const done = await redactFile(file, redactor, onEvent);
    lines.write(report.file(done));
    if (done.failure) {
      totals.failed++;
      continue;
    }
    totals.files++;
    totals.events += done.events;
    totals.replaced += done.replaced;
    totals.unknown += done.replacedUnknown;
  }
  lines.flush();
  io.stdout.write(report.end(totals));
  return totals.failed > 0 ? 1 : 0;
}

/** `--out <dir>` or `--in-place`: one of them, said on purpose. */
function outputFolder(flags: RedactFlags): string | null {
  if (flags.out !== undefined && flags.inPlace) throw new UsageError('Pass --out <dir> or --in-place, not both.');
  if (flags.out !== undefined) return flags.out;
  if (flags.inPlace) return null;
  throw new UsageError('Say where the redacted files go: --out <dir> writes copies in the same layout, --in-place rewrites the files themselves.');
}
