import { DEFAULT_PORT, defaultPort } from '../defaults.js';
import { UsageError } from '../errors.js';
import { formatFilter, type EventFilter } from '../events/filter.js';
import { waitForStop, type Io } from '../io.js';
import { createLineWriter } from '../terminal/line-writer.js';
import type { Paint } from '../render/paint.js';
import { paintFor } from '../terminal/paint-for.js';
import { formatReceiveSummary, receivedReporter } from '../render/received.js';
import type { SaveAs } from '../receive/save-files.js';
import { startReceiver, type ReceiverHandle } from '../receive/start-receiver.js';
import { plural } from '../text/plural.js';

interface ListenFlags {
  port?: number;
  host: string;
  forwardTo?: string;
  save?: string;
  json?: boolean;
  status: number;
  delay: number;
  filter?: EventFilter[];
  maxBody: number;
  headersTimeout?: number;
  quiet?: boolean;
  relay?: string;
  newChannel?: boolean;
  redact?: boolean;
  inspector: boolean;
  history: number;
}

export async function run(flags: ListenFlags, io: Io): Promise<number> {
  const port = flags.port ?? defaultPort(io.env);
  const saveAs = flags.redact ? await redactedSaves(flags, io) : undefined;
  const handle = await startReceiver({
    port,
    host: flags.host,
    maxBody: flags.maxBody,
    headersTimeout: flags.headersTimeout,
    saveDir: flags.save,
    saveAs,
    forwardTo: flags.forwardTo,
    status: flags.status,
    delay: flags.delay,
    filters: flags.filter,
    invokedAs: io.invokedAs,
    inspector: flags.inspector ? { history: flags.history } : undefined,
  });
  const errPaint = await paintFor(io.stderr, io.env);
  const report = receivedReporter(Boolean(flags.json), await paintFor(io.stdout, io.env));
  const out = createLineWriter(io.stdout);
  handle.receiver.subscribe((event) => {
    if (event.shown && !flags.quiet) out.write(report(event));
  });
  const relay = flags.relay
    ? await (
        await import('../relay/client/connect-relay.js')
      )
        .connectRelay(flags.relay, handle.receiver, io, errPaint, { newChannel: flags.newChannel })
        .catch(async (error: unknown) => {
          await handle.close();
          throw error;
        })
    : null;
  io.stderr.write(startBanner(handle, port === DEFAULT_PORT, flags, errPaint, io.invokedAs));
  await waitForStop(io);
  const unanswered = handle.receiver.inFlight;
  io.stderr.write(errPaint.dim(unanswered ? `Stopping: finishing ${plural(unanswered, 'request')}; Ctrl-C again to quit now…\n` : 'Stopping…\n'));
  await relay?.close();
  await handle.close();
  out.flush();
  io.stderr.write(formatReceiveSummary(handle.receiver.summary.counts, errPaint));
  return 0;
}

function startBanner({ url, inspectorUrl }: ReceiverHandle, defaultPort: boolean, flags: ListenFlags, paint: Paint, command: string): string {
  const send = defaultPort ? `${command} send` : `${command} send --to ${url}`;
  const lines = [`${paint.bold('Listening on')} ${url}  ${paint.dim('(Ctrl-C to stop)')}`];
  if (inspectorUrl) lines.push(`Inspector: ${inspectorUrl}`);
  if (flags.forwardTo) lines.push(`Forwarding to ${flags.forwardTo}`);
  if (flags.save) lines.push(`Saving every request to ${flags.save}${flags.redact ? ', personal data replaced' : ''}`);
  if (flags.filter?.length) lines.push(`Showing only ${flags.filter.map(formatFilter).join(', ')} (all are acknowledged${flags.save ? ' and saved' : ''})`);
  lines.push(paint.dim(`Send a first event: ${send}`));
  return `${lines.join('\n')}\n`;
}

/** `--redact` changes what `--save` writes, with the key `redact` uses without `--key`; loaded only then. */
async function redactedSaves(flags: ListenFlags, io: Io): Promise<SaveAs> {
  if (!flags.save) throw new UsageError('--redact replaces personal data in the files --save writes: add --save <dir>, or drop --redact.');
  const [{ chooseRedactionKey }, { formatKeyCreated }, { createRedactor }, { redactSavedBody }] = await Promise.all([
    import('../redact/redaction-key.js'),
    import('../render/redact-report.js'),
    import('../events/redact/redact-event.js'),
    import('../events/redact/redact-saved-body.js'),
  ]);
  const { key, createdIn } = await chooseRedactionKey(undefined, io.env);
  if (createdIn !== null) io.stderr.write(formatKeyCreated(createdIn));
  const redactor = createRedactor(key);
  return (record) => redactSavedBody(record, redactor);
}
