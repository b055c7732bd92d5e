import { isIP } from 'node:net';
import { relayAdminToken } from '../defaults.js';
import { UnavailableError, UsageError } from '../errors.js';
import { waitForStop, type Io } from '../io.js';
import { countRelayActivity, formatRelaySummary, relayActivityReporter, type RelayCounts } from '../render/relay-activity.js';
import { DataFolderError } from '../relay/server/file-store/file-store.js';
import { redactUrl } from '../relay/server/redis-store/redact-url.js';
import { startRelay } from '../relay/server/start-relay.js';
import { StoreRefusedError, StoreUnavailableError } from '../relay/server/store.js';
import { paintFor } from '../terminal/paint-for.js';

interface RelayFlags {
  port: number;
  host: string;
  data: string;
  store?: string;
  redisWait: number;
  channelTtl: number;
  maxBody: number;
  buffer: number;
  maxBytes: number;
  maxTotalBytes: number;
  maxChannels: number;
  maxSubscribers: number;
  maxStreams: number;
  adminToken?: string;
  publicUrl?: string;
  rateLimit: number;
  heartbeat: number;
  json?: boolean;
}

export async function run(flags: RelayFlags, io: Io): Promise<number> {
  if (flags.redisWait > 0 && flags.store === undefined) {
    throw new UsageError('--redis-wait applies to the Redis store only: add --store redis://host:6379, or drop --redis-wait.');
  }
  const errPaint = await paintFor(io.stderr, io.env);
  const adminToken = flags.adminToken ?? relayAdminToken(io.env);
  const relay = await startRelay({
    port: flags.port,
    host: flags.host,
    dataDir: flags.data,
    storeUrl: flags.store,
    redisWait: flags.redisWait,
    channelTtlMs: flags.channelTtl,
    maxBody: flags.maxBody,
    capacity: flags.buffer,
    maxBytes: Math.max(flags.maxBytes, flags.maxBody),
    maxTotalBytes: Math.max(flags.maxTotalBytes, flags.maxBody),
    maxChannels: flags.maxChannels,
    maxSubscribers: flags.maxSubscribers,
    maxStreams: flags.maxStreams,
    adminToken,
    publicUrl: flags.publicUrl,
    rate: flags.rateLimit,
    heartbeatMs: flags.heartbeat,
    warn: (message) => io.stderr.write(`${errPaint.warn('warning')} ${message}\n`),
  }).catch((error: unknown) => {
    if (error instanceof DataFolderError)
      throw new UsageError(`Cannot use ${flags.data} for the relay's data: ${error.message}. Pass a writable folder with --data.`);
    if (error instanceof StoreRefusedError) throw new UnavailableError(`The relay cannot start: ${error.message}.`);
    if (error instanceof StoreUnavailableError) {
      throw new UnavailableError(`The relay cannot start: ${error.message}. Start Redis there, or point --store at one that answers.`);
    }
    throw error;
  });
  const report = relayActivityReporter(Boolean(flags.json), await paintFor(io.stdout, io.env));
  const counts: RelayCounts = { channelsCreated: 0, stored: 0, refused: 0, connections: 0 };
  relay.onActivity((activity) => {
    countRelayActivity(counts, activity);
    io.stdout.write(report(activity, new Date()));
  });
  io.stderr.write(
    `${errPaint.bold('Relay listening on')} ${relay.url}  ${errPaint.dim(`(${flags.store ? `store: Redis at ${redactUrl(flags.store)}` : `data in ${flags.data}`}; Ctrl-C to stop)`)}\n`,
  );
  const local = isLoopback(flags.host);
  if (!flags.publicUrl) {
    const note = `No --public-url: webhook URLs follow each request's Host header. On a public relay, set --public-url to the address WineSitting reaches.\n`;
    io.stderr.write(local ? errPaint.dim(note) : errPaint.warn(note));
  }
  if (adminToken === undefined && !local) {
    io.stderr.write(errPaint.warn(`No --admin-token: anyone who reaches this relay can create channels (at most ${flags.maxChannels}).\n`));
  }
  io.stderr.write(errPaint.dim(`Developers run: ${io.invokedAs} listen --relay ${flags.publicUrl ?? relay.url}\n`));
  await waitForStop(io);
  await relay.close();
  io.stderr.write(formatRelaySummary(counts, errPaint));
  return 0;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
