import { defaultTarget } from '../defaults.js';
import { UsageError } from '../errors.js';
import { listEventFiles } from '../event-files/list-event-files.js';
import type { EventFilter } from '../events/filter.js';
import { randomSeed } from '../events/random.js';
import { abortOnStop, stoppedExitCode, type Io } from '../io.js';
import { createLineWriter } from '../terminal/line-writer.js';
import type { Paint } from '../render/paint.js';
import { paintFor } from '../terminal/paint-for.js';
import { startProgress } from '../terminal/progress.js';
import { formatInterrupted } from '../render/delivery.js';
import { formatNothingToSend, formatProblems, replayReporter, type ReplayReporter } from '../render/replay-report.js';
import type { JobQueue } from '../deliver/job-queue.js';
import { eventsPerSecond } from '../deliver/stats.js';
import { replayJobs } from '../replay/replay-jobs.js';
import type { ReplayItem, ReplayOrder } from '../replay/replay-source.js';
import { scanEvents, type ScanReport } from '../replay/scan-events.js';
import { plural } from '../text/plural.js';

interface ReplayFlags {
  to?: string;
  concurrency: number;
  rate?: number;
  repeat: number;
  filter?: EventFilter[];
  order: ReplayOrder;
  seed?: number;
  refreshDate?: boolean;
  skipInvalid?: boolean;
  bail?: boolean;
  dryRun?: boolean;
  header?: [string, string][];
  timeout: number;
  budget: number;
  json?: boolean;
}

/** Runs with up to this many events print a line each when delivered; losses always do. */
const LIST_ALL_UP_TO = 100;

export async function run(flags: ReplayFlags, io: Io, args: string[]): Promise<number> {
  const began = performance.now();
  const { files, skipped } = await listEventFiles(args.length > 0 ? args : ['./fixtures']);
  for (const { file, reason } of skipped) io.stderr.write(`skipped ${file}: ${reason}\n`);
  const scan = await scanEvents(files, flags.filter);
  if (scan.invalid > 0) refuseOrSkipInvalid(scan, Boolean(flags.skipInvalid), io, await paintFor(io.stderr, io.env));
  if (scan.selected === 0) throw new UsageError(formatNothingToSend(scan, files, flags.filter));

  const seed = flags.seed ?? randomSeed();
  if (flags.order === 'shuffle' && flags.seed === undefined) io.stderr.write(`Shuffled with --seed ${seed}\n`);
  const jobs = replayJobs(files, scan.plan, {
    order: flags.order,
    seed,
    repeat: flags.repeat,
    filters: flags.filter,
    refreshDate: flags.refreshDate ? Date.now : undefined,
    skipInvalid: Boolean(flags.skipInvalid),
  });
  const total = scan.selected * flags.repeat;
  const url = flags.to ?? defaultTarget(io.env);
  const report = replayReporter(Boolean(flags.json), await paintFor(io.stdout, io.env), flags.budget, total <= LIST_ALL_UP_TO);

  if (flags.dryRun) {
    for await (const { item } of jobs) io.stdout.write(report.listed(item));
    io.stderr.write(`Dry run: ${plural(total, 'event')} would be sent to ${url}; nothing was sent.\n`);
    return 0;
  }
  return deliver(jobs, { total, url, began }, report, flags, io);
}

/** By default nothing is sent when any event is invalid; `--skip-invalid` sends the others. */
function refuseOrSkipInvalid(scan: ScanReport, skipInvalid: boolean, io: Io, paint: Paint): void {
  io.stderr.write(formatProblems(scan, paint));
  if (!skipInvalid)
    throw new UsageError(`${scan.invalid} of ${scan.events} events are invalid, so nothing was sent. Fix them, or pass --skip-invalid to send the valid ones.`);
  io.stderr.write(`Skipping ${plural(scan.invalid, 'invalid event')}.\n`);
}

/** The run's total of events, its target, and when it began (for the overall rate). */
interface RunPlan {
  total: number;
  url: string;
  began: number;
}

async function deliver(jobs: JobQueue<ReplayItem>, { total, url, began }: RunPlan, report: ReplayReporter, flags: ReplayFlags, io: Io): Promise<number> {
  const out = createLineWriter(io.stdout);
  const progress = await startProgress(io.stderr, out, total, Boolean(io.stdout.isTTY) && !flags.json, io.env);
  const stop = abortOnStop(io);
  const { deliverAll } = await import('../deliver/delivery-run.js');
  try {
    const { summary, abandoned } = await deliverAll(
      jobs,
      {
        url,
        concurrency: flags.concurrency,
        rate: flags.rate,
        bail: flags.bail,
        signal: stop.signal,
        timeout: flags.timeout,
        budget: flags.budget,
        headers: flags.header,
      },
      (item, result, running) => {
        const text = report.result(item, result, item);
        if (text) progress.log(text);
        progress.update(running.events, running);
      },
    );
    progress.stop();
    out.flush();
    io.stdout.write(report.summary({ ...summary, overallEventsPerSecond: eventsPerSecond(summary.events, performance.now() - began) }));
    if (stop.signal.aborted) {
      io.stderr.write(formatInterrupted(stop.signal.reason, summary.events, total, abandoned));
      return stoppedExitCode(stop.signal.reason);
    }
    if (flags.bail && summary.lost > 0) io.stderr.write('Stopped at the first lost event (--bail).\n');
    return summary.lost > 0 ? 1 : 0;
  } finally {
    progress.stop();
    stop.cancel();
  }
}
