import { createServer, type ServerResponse } from 'node:http';
import { listenOn } from '../../http/listen-on.js';
import type { RelayActivity } from '../protocol.js';
import { openStore } from './open-store.js';
import { answerJson, createRelayRoutes } from './relay-routes.js';
import type { RelayStore } from './store.js';
import { storeRefusal } from './store-refusal.js';

export interface RelayOptions {
  port: number;
  host: string;
  dataDir: string;
  /** `redis://…`: keep channels and events in Redis instead of `dataDir`. */
  storeUrl?: string;
  /** With Redis: replicas that must have an event before the 2xx. */
  redisWait?: number;
  /** Channels nobody has read for this long are removed with their events. */
  channelTtlMs: number;
  maxBody: number;
  /** Events kept per channel. */
  capacity: number;
  /** Bytes of events kept per channel, and in all. */
  maxBytes: number;
  maxTotalBytes: number;
  maxChannels: number;
  adminToken?: string;
  maxSubscribers: number;
  maxStreams: number;
  publicUrl?: string;
  /** Events per second accepted per channel. */
  rate: number;
  heartbeatMs: number;
  /** Problems that do not stop the relay: a channel file skipped, a log repaired. */
  warn: (message: string) => void;
  /** A store to use instead of the one `storeUrl` or `dataDir` names (tests). */
  store?: RelayStore;
}

export interface RelayHandle {
  url: string;
  port: number;
  onActivity(listener: (activity: RelayActivity) => void): void;
  close(): Promise<void>;
}

/** Frames read for a subscriber at once: a larger single event is still sent, alone. */
const BATCH_BYTES = 1024 * 1024;

/**
 * The relay: stores what WineSitting posts to a channel before acknowledging it, and
 * streams each channel to the holder of its token. It makes no outbound request.
 */
export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  const store = options.store ?? (await openStore({ ...options, redisWait: options.redisWait ?? 0 }));
  const listeners = new Set<(activity: RelayActivity) => void>();
  const report = (activity: RelayActivity) => listeners.forEach((listener) => listener(activity));
  const streams = new Set<ServerResponse>();
  const route = createRelayRoutes(store, {
    ...options,
    batchBytes: BATCH_BYTES,
    report,
    streams,
  });
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      const refusal = storeRefusal(error);
      if (refusal) {
        report({ kind: 'refused', channel: '-', status: refusal.status, reason: refusal.reason });
        answerJson(res, refusal.status, { error: refusal.reason }, refusal.headers);
        return;
      }
      const reason = `relay error: ${error instanceof Error ? error.message : String(error)}`;
      report({ kind: 'refused', channel: '-', status: 500, reason });
      answerJson(res, 500, { error: reason });
    });
  });
  const { url, port } = await listenOn(server, options.port, options.host, 'relay').catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const stopExpiring = expireChannels(store, options.channelTtlMs, report);
  return {
    url,
    port,
    onActivity: (listener) => void listeners.add(listener),
    async close() {
      stopExpiring();
      const closed = new Promise((resolve) => server.close(resolve));
      for (const res of streams) res.end();
      server.closeIdleConnections();
      // A request still arriving gets a second to finish; then every socket is closed.
      const deadline = setTimeout(() => server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(deadline);
      await store.close();
    },
  };
}

/** Looks for channels past their TTL a few times per TTL (at least once a minute); a store out of reach is tried again next time. */
function expireChannels(store: RelayStore, ttlMs: number, report: (activity: RelayActivity) => void): () => void {
  const sweep = () => {
    store.expire().then(
      (ids) => ids.forEach((channel) => report({ kind: 'expired', channel, idleMs: ttlMs })),
      () => undefined,
    );
  };
  const timer = setInterval(sweep, Math.max(100, Math.min(60_000, ttlMs / 4)));
  timer.unref();
  sweep();
  return () => clearInterval(timer);
}
