import { UsageError } from '../errors.js';
import { waitForStop, type Io } from '../io.js';
import { paintFor } from '../terminal/paint-for.js';
import { countRelayActivity, formatRelaySummary, relayActivityReporter, type RelayCounts } from '../render/relay-activity.js';
import { startRelay } from '../relay/server/start-relay.js';

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
  }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOTDIR')
      throw new UsageError(`Cannot use ${flags.data} for the relay's data: ${(error as Error).message}. Pass a writable folder with --data.`);
    throw error;
  });
  const errPaint = await paintFor(io.stderr, io.env);
  const report = relayActivityReporter(Boolean(flags.json), await paintFor(io.stdout, io.env));
  const counts: RelayCounts = { channelsCreated: 0, stored: 0, refused: 0, connections: 0 };
  relay.onActivity((activity) => {
    countRelayActivity(counts, activity);
    io.stdout.write(report(activity, new Date()));
  });
  io.stderr.write(`${errPaint.bold('Relay listening on')} ${relay.url}  ${errPaint.dim(`(data in ${flags.data}; Ctrl-C to stop)`)}\n`);
  io.stderr.write(errPaint.dim(`Developers run: npx winesitting-hooks listen --relay ${flags.publicUrl ?? relay.url}\n`));
  await waitForStop(io);
  await relay.close();
  io.stderr.write(formatRelaySummary(counts, errPaint));
  return 0;
}
