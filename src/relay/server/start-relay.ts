import { createServer, type ServerResponse } from 'node:http';
import { listenOn } from '../../http/listen-on.js';
import type { RelayActivity } from '../protocol.js';
import { openFileStore } from './file-store/file-store.js';
import { answerJson, createRelayRoutes } from './relay-routes.js';
import type { RelayStore } from './store.js';

export interface RelayOptions {
  port: number;
  host: string;
  dataDir: string;
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
  /** A store to use instead of the file store under `dataDir` (tests, other stores). */
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
  const store =
    options.store ??
    (await openFileStore({
      dataDir: options.dataDir,
      capacity: options.capacity,
      maxBytes: options.maxBytes,
      maxTotalBytes: options.maxTotalBytes,
      maxChannels: options.maxChannels,
      rate: options.rate,
      warn: options.warn,
    }));
  const listeners = new Set<(activity: RelayActivity) => void>();
  const streams = new Set<ServerResponse>();
  const route = createRelayRoutes(store, {
    ...options,
    batchBytes: BATCH_BYTES,
    report: (activity) => listeners.forEach((listener) => listener(activity)),
    streams,
  });
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      const reason = `relay error: ${error instanceof Error ? error.message : String(error)}`;
      listeners.forEach((listener) => listener({ kind: 'refused', channel: '-', status: 500, reason }));
      answerJson(res, 500, { error: reason });
    });
  });
  const { url, port } = await listenOn(server, options.port, options.host, 'relay').catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  return {
    url,
    port,
    onActivity: (listener) => void listeners.add(listener),
    async close() {
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
