import { UsageError } from '../errors.js';
import { randomSeed } from '../events/random.js';
import { listEventFiles } from '../fixtures/list-files.js';
import { readEvents } from '../fixtures/read-events.js';
import { checkStored, locate } from '../fixtures/stored-issues.js';
import { defaultTarget, type Io } from '../io.js';
import type { TypeFilter } from '../options.js';
import { deliveryRecord, formatDelivery, formatSummary } from '../render/delivery.js';
import { formatListed, formatProblems, listedRecord, where } from '../render/replay-lines.js';
import { plural } from '../render/validation.js';
import { jsonLine } from '../render/json-line.js';
import { createLineWriter } from '../render/line-writer.js';
import { paintFor } from '../render/paint.js';
import { startProgress } from '../render/progress.js';
import { checkAll } from '../replay/check-all.js';
import { replaySource, type ReplayOrder } from '../replay/replay-source.js';

interface ReplayFlags {
  to?: string;
  concurrency: number;
  rate?: number;
  repeat: number;
  filter?: TypeFilter[];
  order: ReplayOrder;
  seed?: number;
  refreshDate?: boolean;
  skipInvalid?: boolean;
  bail?: boolean;
  dryRun?: boolean;
  header?: Array<[string, string]>;
  timeout: number;
  budget: number;
  json?: boolean;
}

/** Runs with up to this many events print a line each when delivered; losses always do. */
const LIST_ALL_UP_TO = 100;

export async function run(flags: ReplayFlags, io: Io, args: string[]): Promise<number> {
  const paths = args.length > 0 ? args : ['./fixtures'];
  const { files, skipped } = await listEventFiles(paths);
  for (const { file, reason } of skipped) io.stderr.write(`skipped ${file}: ${reason}\n`);
  const errPaint = await paintFor(io.stderr, io.env);

  const check = await checkAll(files, flags.filter);
  if (check.invalid > 0) {
    io.stderr.write(formatProblems(check, errPaint));
    if (!flags.skipInvalid) {
      throw new UsageError(`${check.invalid} of ${check.events} events are invalid, so nothing was sent. Fix them, or pass --skip-invalid to send the valid ones.`);
    }
    io.stderr.write(`Skipping ${check.invalid} invalid event${check.invalid === 1 ? '' : 's'}.\n`);
  }

  const seed = flags.seed ?? randomSeed();
  if (flags.order === 'shuffle' && flags.seed === undefined) io.stderr.write(`Shuffled with --seed ${seed}\n`);
  const valid = flags.skipInvalid ? onlyValid(readEvents(files)) : readEvents(files);
  const source = replaySource(valid, { order: flags.order, seed, repeat: flags.repeat, filters: flags.filter, refreshDate: flags.refreshDate ? Date.now : undefined });
  const total = check.selected * flags.repeat;
  const url = flags.to ?? defaultTarget(io.env);

  if (flags.dryRun) {
    for await (const item of source) io.stdout.write(flags.json ? jsonLine(listedRecord(item)) : formatListed(item));
    io.stderr.write(`Dry run: ${plural(total, 'event')} would be sent to ${url}; nothing was sent.\n`);
    return 0;
  }

  const paint = await paintFor(io.stdout, io.env);
  const progress = await startProgress(io.stderr, io.stdout, total, Boolean(io.stdout.isTTY) && !flags.json);
  const out = createLineWriter(io.stdout);
  const { replayEvents } = await import('../replay/replay-events.js');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { summary, abandoned } = await replayEvents(source, {
      url,
      concurrency: flags.concurrency,
      rate: flags.rate,
      bail: flags.bail,
      signal: stop.signal,
      timeout: flags.timeout,
      budget: flags.budget,
      headers: flags.header,
      onResult(item, result, running) {
        if (flags.json) out.write(jsonLine(deliveryRecord(item, result, where(item))));
        else if (result.verdict !== 'delivered' || total <= LIST_ALL_UP_TO) progress.log(`${formatDelivery(item, result, paint, flags.budget)} ${paint.dim(locate(item.stored))}\n`);
        progress.update(running.events, running);
      },
    });
    progress.stop();
    out.flush();
    if (flags.json) io.stdout.write(jsonLine({ summary }));
    else io.stdout.write(formatSummary(summary, paint));
    if (stop.signal.aborted) {
      io.stderr.write(`Interrupted after ${summary.events} of ${total} events${abandoned ? `; ${abandoned} in flight abandoned (not counted)` : ''}.\n`);
      return 130;
    }
    if (flags.bail && summary.lost > 0) io.stderr.write('Stopped at the first lost event (--bail).\n');
    return summary.lost > 0 ? 1 : 0;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function* onlyValid(events: ReturnType<typeof readEvents>) {
  for await (const stored of events) if (checkStored(stored).event !== null) yield stored;
}
