import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../http/read-body.js';
import type { RelayActivity } from '../protocol.js';
import type { Channel } from './channel.js';
import type { ChannelRegistry } from './channel-registry.js';
import { tokenMatches } from './ids.js';
import { openStream } from './subscription.js';

export interface RouteOptions {
  host: string;
  port: number;
  maxBody: number;
  publicUrl?: string;
  heartbeatMs: number;
  maxPendingBytes: number;
  report: (activity: RelayActivity) => void;
  /** Open SSE responses, ended when the relay stops. */
  streams: Set<ServerResponse>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The relay's three routes (see the README's table) and its health page. */
export function createRelayRoutes(registry: ChannelRegistry, options: RouteOptions): Route {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/healthz')) {
      answerJson(res, 200, { service: 'winesitting-hooks relay', channels: registry.size });
      return;
    }
    if (url.pathname === '/channels') return createChannel(req, res, registry, options);
    if (parts[0] !== 'c' || !parts[1]) {
      answerJson(res, 404, { error: 'Not found. WineSitting posts to /c/<channel id>.' });
      return;
    }
    const channel = registry.get(parts[1]);
    if (!channel) {
      req.resume();
      answerJson(res, 404, { error: `No channel ${parts[1]} on this relay. Create one with POST /channels (listen --relay does).` });
      return;
    }
    if (req.method === 'GET' && parts.length === 3 && parts[2] === 'events') {
      streamChannel(req, res, channel, url, options);
      return;
    }
    return storeWebhook(req, res, channel, `/${parts.slice(2).join('/')}${url.search}`, options);
  };
}

async function createChannel(req: IncomingMessage, res: ServerResponse, registry: ChannelRegistry, options: RouteOptions): Promise<void> {
  if (req.method !== 'POST') {
    answerJson(res, 405, { error: 'POST /channels creates a channel' }, { allow: 'POST' });
    return;
  }
  req.resume();
  const { channel, token } = await registry.create();
  options.report({ kind: 'created', channel: channel.meta.id });
  answerJson(res, 201, { id: channel.meta.id, token, webhookUrl: `${publicBase(req, options)}/c/${channel.meta.id}` });
}

function streamChannel(req: IncomingMessage, res: ServerResponse, channel: Channel, url: URL, options: RouteOptions): void {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token || !tokenMatches(token, channel.meta.tokenHash)) {
    answerJson(res, 401, { error: 'This stream needs the channel token: Authorization: Bearer <token>.' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const from = Number(req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? 0) || 0;
  options.streams.add(res);
  res.on('close', () => options.streams.delete(res));
  openStream(channel, req, res, { from, heartbeatMs: options.heartbeatMs, maxPendingBytes: options.maxPendingBytes, report: options.report });
}

/** A webhook: rate-limited, size-limited, stored durably, and only then acknowledged. */
async function storeWebhook(req: IncomingMessage, res: ServerResponse, channel: Channel, subPath: string, options: RouteOptions): Promise<void> {
  if (req.method !== 'POST') {
    req.resume();
    answerJson(res, 405, { error: 'WineSitting POSTs webhooks; this URL accepts POST only.' }, { allow: 'POST' });
    return;
  }
  const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
    options.report({ kind: 'refused', channel: channel.meta.id, status, reason });
    answerJson(res, status, { error: reason }, { ...headers, connection: 'close' });
  };
  if (!channel.limiter.take()) {
    req.resume();
    refuse(429, 'Too many events for this channel; slow down.', { 'retry-after': String(channel.limiter.retryAfter()) });
    return;
  }
  const body = await readBody(req, options.maxBody);
  if (body === 'aborted') return;
  if (body === 'too-large') {
    refuse(413, `Body over the relay's ${options.maxBody}-byte limit (--max-body).`);
    return;
  }
  const record = await channel.store({
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: subPath,
    contentType: req.headers['content-type'] ?? null,
    body: body.toString('base64'),
  });
  options.report({ kind: 'stored', channel: channel.meta.id, seq: record.seq, path: subPath, bytes: body.length, subscribers: channel.subscribers.size });
  answerJson(res, 200, { received: true, seq: record.seq });
}

function publicBase(req: IncomingMessage, options: RouteOptions): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/$/, '');
  return `http://${req.headers.host ?? `${options.host}:${options.port}`}`;
}

export function answerJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
