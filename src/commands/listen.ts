import { UsageError } from '../errors.js';
import { DEFAULT_PORT, type Io } from '../io.js';
import type { TypeFilter } from '../options.js';
import { createLineWriter } from '../render/line-writer.js';
import { paintFor } from '../render/paint.js';
import { formatReceiveSummary, formatReceived, receivedJsonLine } from '../render/received.js';
import { startReceiver } from '../receive/start-receiver.js';
import { waitForStop } from './wait-for-stop.js';

interface ListenFlags {
  port?: number;
  host: string;
  forwardTo?: string;
  save?: string;
  json?: boolean;
  status: number;
  delay: number;
  filter?: TypeFilter[];
  maxBody: number;
  quiet?: boolean;
  relay?: string;
}

export async function run(flags: ListenFlags, io: Io): Promise<number> {
  const port = flags.port ?? portFromEnv(io.env);
  const handle = await startReceiver({
    port,
    host: flags.host,
    maxBody: flags.maxBody,
    saveDir: flags.save,
    forwardTo: flags.forwardTo,
    status: flags.status,
    delay: flags.delay,
    filters: flags.filter,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`Port ${port} on ${flags.host} is already in use. Is another "winesitting-hooks listen" running? Stop it, or pick another port with --port (0 picks a free one).`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UsageError(`Cannot listen on ${flags.host}: no such local address. Use --host 127.0.0.1, or 0.0.0.0 for every interface.`);
    throw error;
  });
  const paint = await paintFor(io.stdout, io.env);
  const errPaint = await paintFor(io.stderr, io.env);
  const out = createLineWriter(io.stdout);
  handle.receiver.subscribe((event) => {
    if (!event.shown || flags.quiet) return;
    out.write(flags.json ? receivedJsonLine(event) : formatReceived(event, paint));
  });
  const relay = flags.relay
    ? await (await import('../relay/connect-listen.js')).connectRelay(flags.relay, handle.receiver, io, errPaint).catch(async (error: unknown) => {
        await handle.close();
        throw error;
      })
    : null;
  io.stderr.write(startBanner(handle.url, port === DEFAULT_PORT, flags, errPaint));
  await waitForStop();
  io.stderr.write(errPaint.dim('Stopping: finishing requests in flight…\n'));
  await relay?.close();
  await handle.close();
  out.flush();
  io.stderr.write(formatReceiveSummary(handle.receiver.summary.counts, errPaint));
  return 0;
}

function portFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.WINESITTING_HOOKS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`WINESITTING_HOOKS_PORT="${raw}" is not a port. Set it to a number from 0 to 65535, or unset it.`);
  return port;
}

function startBanner(url: string, defaultPort: boolean, flags: ListenFlags, paint: { bold(s: string): string; dim(s: string): string }): string {
  const send = defaultPort ? 'npx winesitting-hooks send' : `npx winesitting-hooks send --to ${url}`;
  const lines = [`${paint.bold('Listening on')} ${url}  ${paint.dim('(Ctrl-C to stop)')}`];
  if (flags.forwardTo) lines.push(`Forwarding to ${flags.forwardTo}`);
  if (flags.save) lines.push(`Saving every request to ${flags.save}`);
  if (flags.filter?.length) lines.push(`Showing only ${flags.filter.map((f) => (f.operation ? `${f.type}:${f.operation}` : f.type)).join(', ')} (all are acknowledged${flags.save ? ' and saved' : ''})`);
  lines.push(paint.dim(`Send a first event: ${send}`));
  return `${lines.join('\n')}\n`;
}
