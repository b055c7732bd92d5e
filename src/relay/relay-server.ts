import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http/read-body.js';
import { ChannelRegistry } from './channel-registry.js';
import { tokenMatches } from './ids.js';
import { openStream } from './subscription.js';

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

export type RelayActivity =
  | { kind: 'created'; channel: string }
  | { kind: 'stored'; channel: string; seq: number; path: string; bytes: number; subscribers: number }
  | { kind: 'refused'; channel: string; status: number; reason: string }
  | { kind: 'subscribed'; channel: string; from: number; subscribers: number }
  | { kind: 'unsubscribed'; channel: string; reason: string; subscribers: number };

export interface RelayHandle {
  url: string;
  port: number;
  onActivity(listener: (activity: RelayActivity) => void): void;
  close(): Promise<void>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * The relay: stores what WineSitting posts to a channel before acknowledging it, and
 * streams each channel to the holder of its token. It makes no outbound request.
 */
export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  const registry = await ChannelRegistry.load({ dataDir: options.dataDir, capacity: options.capacity, rate: options.rate });
  const listeners = new Set<(activity: RelayActivity) => void>();
  const report = (activity: RelayActivity) => listeners.forEach((l) => l(activity));
  const streams = new Set<ServerResponse>();
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 }, (req, res) => {
    route(req, res).catch((error: Error) => answer(res, 500, { error: `relay error: ${error.message}` }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/healthz')) {
      return answer(res, 200, { service: 'winesitting-hooks relay', channels: registry.size });
    }
    if (url.pathname === '/channels') {
      if (req.method !== 'POST') return answer(res, 405, { error: 'POST /channels creates a channel' }, { allow: 'POST' });
      req.resume();
      const { channel, token } = await registry.create();
      report({ kind: 'created', channel: channel.meta.id });
      return answer(res, 201, { id: channel.meta.id, token, webhookUrl: `${publicBase(req)}/c/${channel.meta.id}` });
    }
    if (parts[0] !== 'c' || !parts[1]) return answer(res, 404, { error: 'Not found. WineSitting posts to /c/<channel id>.' });
    const channel = registry.get(parts[1]);
    if (!channel) {
      req.resume();
      return answer(res, 404, { error: `No channel ${parts[1]} on this relay. Create one with POST /channels (listen --relay does).` });
    }
    if (req.method === 'GET' && parts.length === 3 && parts[2] === 'events') {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !tokenMatches(token, channel.meta.tokenHash)) {
        return answer(res, 401, { error: 'This stream needs the channel token: Authorization: Bearer <token>.' }, { 'www-authenticate': 'Bearer' });
      }
      const from = Number(req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? 0) || 0;
      streams.add(res);
      res.on('close', () => streams.delete(res));
      openStream(channel, req, res, { from, heartbeatMs: options.heartbeatMs, maxPendingBytes: options.maxPendingBytes ?? 4 * 1024 * 1024, report });
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      return answer(res, 405, { error: 'WineSitting POSTs webhooks; this URL accepts POST only.' }, { allow: 'POST' });
    }
    const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
      report({ kind: 'refused', channel: channel.meta.id, status, reason });
      answer(res, status, { error: reason }, { ...headers, connection: 'close' });
    };
    if (!channel.limiter.take()) {
      req.resume();
      return refuse(429, 'Too many events for this channel; slow down.', { 'retry-after': String(channel.limiter.retryAfter()) });
    }
    const body = await readBody(req, options.maxBody);
    if (body === 'aborted') return;
    if (body === 'too-large') return refuse(413, `Body over the relay's ${options.maxBody}-byte limit (--max-body).`);
    const subPath = `/${parts.slice(2).join('/')}${url.search}`;
    const record = await channel.store({
      receivedAt: new Date().toISOString(),
      method: req.method,
      path: subPath,
      contentType: req.headers['content-type'] ?? null,
      body: body.toString('base64'),
    });
    report({ kind: 'stored', channel: channel.meta.id, seq: record.seq, path: subPath, bytes: body.length, subscribers: channel.subscribers.size });
    answer(res, 200, { received: true, seq: record.seq });
  }

  function publicBase(req: IncomingMessage): string {
    if (options.publicUrl) return options.publicUrl.replace(/\/$/, '');
    return `http://${req.headers.host ?? `${options.host}:${options.port}`}`;
  }

  server.listen(options.port, options.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`,
    port: address.port,
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

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...JSON_TYPE, ...headers });
  res.end(JSON.stringify(body));
}
