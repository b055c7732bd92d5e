import type { IncomingMessage, ServerResponse } from 'node:http';
import { endToEndHeaders, headerValue } from '../../http/headers.js';
import { readBody } from '../../http/read-body.js';
import type { RelayActivity } from '../protocol.js';
import { ChannelFeed } from './feed.js';
import { hashToken, isChannelId, newToken, secretMatches, tokenMatches } from './ids.js';
import { ChannelLimitError, NotReplicatedError, type ChannelRecord, type RelayStore } from './store.js';
import { storeRefusal } from './store-refusal.js';
import { openStream } from './subscription.js';

export interface RouteOptions {
  host: string;
  port: number;
  maxBody: number;
  publicUrl?: string;
  /** When set, `POST /channels` needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  heartbeatMs: number;
  batchBytes: number;
  /** Subscribers per channel, and SSE streams in all. */
  maxSubscribers: number;
  maxStreams: number;
  report: (activity: RelayActivity) => void;
  /** Open SSE responses, ended when the relay stops. */
  streams: Set<ServerResponse>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The relay's routes (see the README's table) and its health check. */
export function createRelayRoutes(store: RelayStore, options: RouteOptions): Route {
  const feeds = new Map<string, ChannelFeed>();
  const feedOf = (id: string) => {
    let feed = feeds.get(id);
    if (!feed) feeds.set(id, (feed = new ChannelFeed(store, id)));
    return feed;
  };
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/healthz')) return health(res, store);
    if (url.pathname === '/channels') return createChannel(req, res, store, options);
    if (parts[0] !== 'c' || !parts[1]) {
      answerJson(res, 404, { error: 'Not found. WineSitting posts to /c/<channel id>.' });
      return;
    }
    const channel = isChannelId(parts[1]) ? await store.getChannel(parts[1]) : null;
    if (!channel) {
      req.resume();
      answerJson(res, 404, { error: `No channel ${parts[1].slice(0, 64)} on this relay. Create one with POST /channels (listen --relay does).` });
      return;
    }
    if (req.method === 'GET' && parts.length === 3 && parts[2] === 'events') {
      // A listener that left during the lookup has closed already: a close listener added now would never run, and its place never be freed.
      if (res.destroyed) return;
      const feed = feedOf(channel.id);
      const forget = () => {
        if (feed.subscribers.size === 0 && feeds.get(channel.id) === feed) feeds.delete(channel.id);
      };
      res.on('close', forget);
      await streamChannel(req, res, store, channel, feed, options);
      forget();
      return;
    }
    const listening = feeds.get(channel.id)?.subscribers.size ?? 0;
    await storeWebhook(req, res, store, channel, `/${parts.slice(2).join('/')}${url.search}`, listening, options);
  };
}

/** A store that does not answer makes it a 503, as for any route (start-relay.ts). */
async function health(res: ServerResponse, store: RelayStore): Promise<void> {
  answerJson(res, 200, { service: 'winesitting-hooks relay', channels: await store.countChannels() });
}

async function createChannel(req: IncomingMessage, res: ServerResponse, store: RelayStore, options: RouteOptions): Promise<void> {
  req.resume();
  if (req.method !== 'POST') {
    answerJson(res, 405, { error: 'POST /channels creates a channel' }, { allow: 'POST' });
    return;
  }
  if (options.adminToken !== undefined && !secretMatches(bearer(req) ?? '', options.adminToken)) {
    refuse(
      res,
      options,
      '-',
      401,
      'Creating a channel on this relay needs its admin token: Authorization: Bearer <token> (listen --relay sends $WINESITTING_RELAY_ADMIN_TOKEN).',
      {
        'www-authenticate': 'Bearer',
      },
    );
    return;
  }
  const token = newToken();
  try {
    const channel = await store.createChannel(hashToken(token));
    options.report({ kind: 'created', channel: channel.id });
    answerJson(res, 201, { id: channel.id, token, webhookUrl: `${publicBase(req, options)}/c/${channel.id}` });
  } catch (error) {
    if (error instanceof ChannelLimitError) {
      refuse(res, options, '-', 507, `No room for a new channel: ${error.message}. Remove unused channels, or raise --max-channels.`);
      return;
    }
    throw error;
  }
}

async function streamChannel(
  req: IncomingMessage,
  res: ServerResponse,
  store: RelayStore,
  channel: ChannelRecord,
  feed: ChannelFeed,
  options: RouteOptions,
): Promise<void> {
  const token = bearer(req);
  if (!token || !tokenMatches(token, channel.tokenHash)) {
    answerJson(res, 401, { error: 'This stream needs the channel token: Authorization: Bearer <token>.' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  if (feed.subscribers.size >= options.maxSubscribers) {
    refuse(res, options, channel.id, 429, `This channel already has ${options.maxSubscribers} listeners (--max-subscribers). Stop one, or raise the limit.`);
    return;
  }
  if (options.streams.size >= options.maxStreams) {
    refuse(res, options, channel.id, 503, `This relay serves its maximum of ${options.maxStreams} streams (--max-streams). Try again later.`, {
      'retry-after': '10',
    });
    return;
  }
  options.streams.add(res);
  res.on('close', () => options.streams.delete(res));
  await openStream(store, feed, req, res, {
    lastEventId: headerValue(req.headers['last-event-id']) ?? undefined,
    clientEpoch: headerValue(req.headers['x-relay-epoch']) ?? undefined,
    heartbeatMs: options.heartbeatMs,
    batchBytes: options.batchBytes,
    report: options.report,
  });
}

/** A webhook: rate-limited, size-limited, stored durably, and only then acknowledged. */
async function storeWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  store: RelayStore,
  channel: ChannelRecord,
  subPath: string,
  listening: number,
  options: RouteOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    req.resume();
    answerJson(res, 405, { error: 'WineSitting POSTs webhooks; this URL accepts POST only.' }, { allow: 'POST' });
    return;
  }
  const wait = await store.takeRate(channel.id);
  if (wait !== null) {
    req.resume();
    refuse(res, options, channel.id, 429, 'Too many events for this channel; slow down.', { 'retry-after': String(wait) });
    return;
  }
  const body = await readBody(req, options.maxBody);
  if (body === 'aborted') return;
  if (body === 'too-large') {
    refuse(res, options, channel.id, 413, `Body over the relay's ${options.maxBody}-byte limit (--max-body).`);
    return;
  }
  const webhook = {
    receivedAt: new Date().toISOString(),
    method: 'POST',
    path: subPath,
    contentType: headerValue(req.headers['content-type']),
    headers: endToEndHeaders(req.headers),
    body,
  };
  let seq: number;
  try {
    seq = await store.append(channel.id, webhook);
  } catch (error) {
    const refusal = storeRefusal(error);
    if (!refusal) throw error;
    const reason = error instanceof NotReplicatedError ? refusal.reason : `The event was not stored. ${refusal.reason}`;
    refuse(res, options, channel.id, refusal.status, reason, refusal.headers);
    return;
  }
  options.report({ kind: 'stored', channel: channel.id, seq, path: subPath, bytes: body.length, subscribers: listening });
  answerJson(res, 200, { received: true, seq });
}

function refuse(res: ServerResponse, options: RouteOptions, channel: string, status: number, reason: string, headers: Record<string, string> = {}): void {
  options.report({ kind: 'refused', channel, status, reason });
  answerJson(res, status, { error: reason }, { ...headers, connection: 'close' });
}

function bearer(req: IncomingMessage): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
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
