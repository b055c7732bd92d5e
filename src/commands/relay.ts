import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { jsonLine } from '../render/json-line.js';
import { paintFor } from '../render/paint.js';
import { countRelayActivity, formatRelayActivity, formatRelaySummary, type RelayCounts } from '../render/relay-activity.js';
import { startRelay } from '../relay/relay-server.js';
import { waitForStop } from './wait-for-stop.js';

interface RelayFlags {
  port: number;
  host: string;
  data: string;
  maxBody: number;
  buffer: number;
  publicUrl?: string;
  rateLimit: number;
  heartbeat: number;
  json?: boolean;
}

export async function run(flags: RelayFlags, io: Io): Promise<number> {
  const relay = await startRelay({
    port: flags.port,
    host: flags.host,
    dataDir: flags.data,
    maxBody: flags.maxBody,
    capacity: flags.buffer,
    publicUrl: flags.publicUrl,
    rate: flags.rateLimit,
    heartbeatMs: flags.heartbeat,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`Port ${flags.port} on ${flags.host} is already in use. Pick another with --port.`);
    if (error.code === 'EACCES' || error.code === 'ENOTDIR') throw new UsageError(`Cannot use ${flags.data} for the relay's data: ${error.message}. Pass a writable folder with --data.`);
    throw error;
  });
  const paint = await paintFor(io.stdout, io.env);
  const errPaint = await paintFor(io.stderr, io.env);
  const counts: RelayCounts = { channelsCreated: 0, stored: 0, refused: 0, connections: 0 };
  relay.onActivity((activity) => {
    countRelayActivity(counts, activity);
    io.stdout.write(flags.json ? jsonLine({ at: new Date().toISOString(), ...activity }) : formatRelayActivity(activity, paint));
  });
  io.stderr.write(`${errPaint.bold('Relay listening on')} ${relay.url}  ${errPaint.dim(`(data in ${flags.data}; Ctrl-C to stop)`)}\n`);
  io.stderr.write(errPaint.dim(`Developers run: npx winesitting-hooks listen --relay ${flags.publicUrl ?? relay.url}\n`));
  await waitForStop();
  await relay.close();
  io.stderr.write(formatRelaySummary(counts, errPaint));
  return 0;
}
