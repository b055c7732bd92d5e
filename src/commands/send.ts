import { defaultTarget } from '../defaults.js';
import { readOneEvent } from '../event-files/read-one-event.js';
import { randomSeed } from '../events/random.js';
import type { Assignment } from '../events/set-path.js';
import { abortOnStop, stoppedExitCode, type Io } from '../io.js';
import { formatInterrupted, jsonDeliveryReporter, prettyDeliveryReporter } from '../render/delivery.js';
import { formatIssue } from '../render/issues.js';
import { serializeEvent } from '../render/json-line.js';
import { paintFor } from '../terminal/paint-for.js';
import { buildEvents, checkEventsToSend } from '../send/build-events.js';
import { sendJobs } from '../send/send-events.js';

interface SendFlags {
  type?: string;
  op?: string;
  operation?: string;
  to?: string;
  status?: string;
  id?: number;
  set?: Assignment[];
  from?: string;
  lifecycle?: boolean;
  count: number;
  repeat: number;
  concurrency: number;
  seed?: number;
  dateFormat: 'object' | 'iso';
  header?: [string, string][];
  timeout: number;
  budget: number;
  dryRun?: boolean;
  json?: boolean;
  allowInvalid?: boolean;
}

export async function run(flags: SendFlags, io: Io): Promise<number> {
  const events = buildEvents({
    type: flags.type,
    operation: flags.op ?? flags.operation,
    status: flags.status,
    id: flags.id,
    set: flags.set,
    from: flags.from === undefined ? undefined : await readOneEvent(flags.from, io.invokedAs),
    lifecycle: flags.lifecycle,
    count: flags.count,
    seed: flags.seed ?? randomSeed(),
    // A seed fixes every byte, dates included; without one, dates are now.
    now: flags.seed === undefined ? Date.now() : undefined,
    dateFormat: flags.dateFormat,
    allowInvalid: flags.allowInvalid,
  });
  const { issues, refusal } = checkEventsToSend(events, Boolean(flags.allowInvalid));
  for (const issue of issues) io.stderr.write(`${formatIssue(issue)}\n`);
  if (refusal) throw refusal;
  const bodies = events.map((event) => serializeEvent(event, events.length === 1));
  if (flags.dryRun) {
    for (const body of bodies) io.stdout.write(`${body}\n`);
    return 0;
  }
  const report = flags.json ? jsonDeliveryReporter() : prettyDeliveryReporter(await paintFor(io.stdout, io.env), flags.budget);
  const jobs = sendJobs(events, bodies, flags.repeat);
  const stop = abortOnStop(io);
  // undici costs a third of start-up: loaded only when something is sent.
  const { deliverAll } = await import('../deliver/delivery-run.js');
  try {
    const { summary, abandoned } = await deliverAll(
      jobs,
      {
        url: flags.to ?? defaultTarget(io.env),
        concurrency: flags.concurrency,
        timeout: flags.timeout,
        budget: flags.budget,
        headers: flags.header,
        signal: stop.signal,
      },
      (sent, result) => io.stdout.write(report.result(sent, result)),
    );
    if (jobs.length > 1) io.stdout.write(report.summary(summary));
    if (stop.signal.aborted) {
      io.stderr.write(formatInterrupted(stop.signal.reason, summary.events, jobs.length, abandoned));
      return stoppedExitCode(stop.signal.reason);
    }
    return summary.lost > 0 ? 1 : 0;
  } finally {
    stop.cancel();
  }
}
