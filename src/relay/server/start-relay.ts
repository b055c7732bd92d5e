import { createServer, type ServerResponse } from 'node:http';
import { listenOn } from '../../http/listen-on.js';
import type { RelayActivity } from '../protocol.js';
import { ChannelRegistry } from './channel-registry.js';
import { createRelayRoutes, answerJson } from './relay-routes.js';

export interface RelayOptions {
  port: number;
  host: string;
  dataDir: string;
  maxBody: number;
  capacity: number;
  publicUrl?: string;
  /** Events per second accepted per channel. */
  rate: number;
  heartbeatMs: number;
  /** Past this many unsent bytes, a subscriber that stopped reading is dropped (it resumes later). */
  maxPendingBytes?: number;
}

export interface RelayHandle {
  url: string;
  port: number;
  onActivity(listener: (activity: RelayActivity) => void): void;
  close(): Promise<void>;
}

/**
 * The relay: stores what WineSitting posts to a channel before acknowledging it, and
 * streams each channel to the holder of its token. It makes no outbound request.
 */
export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  const registry = await ChannelRegistry.load({ dataDir: options.dataDir, capacity: options.capacity, rate: options.rate });
  const listeners = new Set<(activity: RelayActivity) => void>();
  const streams = new Set<ServerResponse>();
  const route = createRelayRoutes(registry, {
    ...options,
    maxPendingBytes: options.maxPendingBytes ?? 4 * 1024 * 1024,
    report: (activity) => listeners.forEach((listener) => listener(activity)),
    streams,
  });
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    route(req, res).catch((error: unknown) => answerJson(res, 500, { error: `relay error: ${error instanceof Error ? error.message : String(error)}` }));
  });
  const { url, port } = await listenOn(server, options.port, options.host, 'relay').catch(async (error: unknown) => {
    await registry.close();
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
      await registry.close();
    },
  };
}
