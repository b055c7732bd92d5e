import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventFileName } from '../event-files/event-file-name.js';
import { parseJson } from '../event-files/parse-json.js';
import { headerValue } from '../http/headers.js';
import { readBody } from '../http/read-body.js';
import type { Receiver } from '../receive/receiver.js';
import { keepEvent, type KeptEvent } from './kept-event.js';
import { checkText } from './check-text.js';
import { inspectorJson, listItemJson, matchesWords } from './event-json.js';
import { EventStream } from './event-stream.js';
import { allowedHosts, isLoopback, refusal, type GuardOptions } from './guard.js';
import { History } from './history.js';
import type { PageFile } from './page-files.js';
import { resend, resendTarget, type ResendRequest } from './resend.js';

export const INSPECT_PATH = '/_inspect/';

export interface InspectorOptions {
  /** The address and port `listen` serves. */
  host: string;
  port: number;
  /** Events kept in memory (`--history`). */
  history: number;
  forwardTo: string | null;
  /** Largest body an action takes (an edited event). */
  maxBody: number;
  /** Off loopback, the token the page needs; made up when not given. */
  token?: string;
}

export interface Inspector {
  /** The page's address, token included when one is needed. */
  url: string;
  /** Takes a request when it is the inspector's (`/_inspect…`): true when it did. */
  intercept(req: IncomingMessage, res: ServerResponse): boolean;
  /** Ends the live streams, so that the server can close. */
  close(): void;
}

/** Bodies kept in all, whatever `--history` says: a body is held about three times (bytes, text, parsed), so about 600 MB at most. */
const HISTORY_BYTES = 200 * 1024 * 1024;

const API_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
/** The page runs only its own script and style and talks only to this server. */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * `listen`'s web page and its JSON API, on `listen`'s own port under `/_inspect/`. What it
 * serves is never a webhook event: requests here do not reach the receiver.
 */
export function createInspector(receiver: Receiver, options: InspectorOptions, pageFiles: Map<string, PageFile>): Inspector {
  const guard: GuardOptions = {
    host: options.host,
    port: options.port,
    token: isLoopback(options.host) ? null : (options.token ?? randomBytes(18).toString('base64url')),
  };
  const hosts = allowedHosts(guard);
  const history = new History<KeptEvent>(options.history, (event) => event.body.length, HISTORY_BYTES);
  const session = randomBytes(6).toString('hex');
  const stream = new EventStream(history, session);
  receiver.subscribe((event) => {
    const kept = keepEvent(event);
    history.add(kept);
    stream.push(kept);
  });

  const shownHost =
    isLoopback(options.host) || options.host === '0.0.0.0' || options.host === '::'
      ? '127.0.0.1'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host;
  const origin = `http://${shownHost}:${options.port}`;
  const context: RouteContext = { options, history, stream, pageFiles, listenUrl: `${origin}/`, session };

  return {
    url: `${origin}${INSPECT_PATH}${guard.token ? `?token=${guard.token}` : ''}`,
    intercept(req, res) {
      const path = req.url ?? '/';
      if (path !== '/_inspect' && !path.startsWith('/_inspect/') && !path.startsWith('/_inspect?')) return false;
      const url = new URL(path, 'http://inspector.invalid');
      const why = refusal(
        {
          method: req.method ?? 'GET',
          host: headerValue(req.headers.host),
          origin: headerValue(req.headers.origin),
          fetchSite: headerValue(req.headers['sec-fetch-site']),
          fetchMode: headerValue(req.headers['sec-fetch-mode']),
          token: url.searchParams.get('token') ?? bearer(headerValue(req.headers.authorization)),
        },
        // The page's script and style are the package's, public: index.html cannot pass the token on to them.
        isPublicFile(url.pathname) ? { ...guard, token: null } : guard,
        hosts,
      );
      if (why) send(res, json(403, { error: why }));
      else
        route(context, req, res, url).then(
          (reply) => reply && send(res, reply),
          (error: unknown) => send(res, json(500, { error: error instanceof Error ? error.message : String(error) })),
        );
      return true;
    },
    close: () => stream.close(),
  };
}

interface RouteContext {
  options: InspectorOptions;
  history: History<KeptEvent>;
  stream: EventStream;
  pageFiles: Map<string, PageFile>;
  listenUrl: string;
  session: string;
}

/** What a route answers; `null` when it answered itself (the live stream). */
interface Reply {
  status: number;
  headers: Record<string, string | number>;
  body: string | Buffer;
}

async function route(context: RouteContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | null> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === '/_inspect') return { status: 308, headers: { location: `${INSPECT_PATH}${url.search}` }, body: '' };
  const api = /^\/_inspect\/api\/(events|stream|check|info)(?:\/(\d+)(?:\/(body|resend))?)?$/.exec(path);
  if (!api) return pageFile(context, method, path.slice(INSPECT_PATH.length) || 'index.html');
  const [, what, seqText, action] = api;
  if (what !== 'events' && seqText) return json(404, { error: `no ${path} in the inspector's API` });
  const needed = what === 'check' || action === 'resend' ? 'POST' : 'GET';
  if (method !== needed && !(needed === 'GET' && method === 'HEAD')) return json(405, { error: `use ${needed} for ${path}` }, { allow: needed });
  if (what === 'info')
    return json(200, { session: context.session, listenUrl: context.listenUrl, forwardTo: context.options.forwardTo, history: context.history.size });
  if (what === 'stream') {
    context.stream.open(req, res, sinceParameter(url), url.searchParams.get('view') === 'list' ? 'list' : 'full');
    return null;
  }
  if (what === 'check') {
    const body = await readBody(req, context.options.maxBody);
    return typeof body === 'string' ? unread(body) : json(200, checkText(body.toString('utf8')));
  }
  if (!seqText) return listEvents(context, url);
  const event = context.history.get(Number(seqText));
  if (!event)
    return json(404, { error: `no event #${seqText} in memory: the inspector keeps the last ${context.history.size} (--history), up to 200 MB of bodies` });
  if (action === 'body') return download(event);
  if (action === 'resend') return resendEvent(context, req, event);
  return jsonText(200, inspectorJson(event));
}

async function resendEvent(context: RouteContext, req: IncomingMessage, event: KeptEvent): Promise<Reply | null> {
  const raw = await readBody(req, context.options.maxBody);
  if (typeof raw === 'string') return unread(raw);
  const request = parseResendRequest(raw);
  if ('error' in request) return json(400, request);
  const target = resendTarget(event, request, context.options.forwardTo);
  if ('error' in target) return json(400, target);
  const body = request.body === undefined ? event.body : Buffer.from(request.body, 'utf8');
  return json(200, await resend(event, body, target.url));
}

function parseResendRequest(raw: Buffer): ResendRequest | { error: string } {
  const { value, parseError } = raw.length > 0 ? parseJson(raw.toString('utf8')) : { value: {}, parseError: null };
  if (parseError !== null) return { error: 'the request body is not JSON: send {"url"?: string, "body"?: string}' };
  const { url, body } = (value ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || Array.isArray(value) || (url !== undefined && typeof url !== 'string') || (body !== undefined && typeof body !== 'string')) {
    return { error: 'expected {"url"?: string, "body"?: string}: the URL to send to and the text to send, both optional' };
  }
  return { url: url === '' ? undefined : url, body };
}

/** The events in memory, oldest first; `?text=` keeps those holding every word, `?after=<seq>` the later ones, `?view=list` gives the rows' fields only. */
function listEvents(context: RouteContext, url: URL): Reply {
  const words = (url.searchParams.get('text') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const events = context.history.list(sinceParameter(url, 'after') ?? 0).filter((event) => matchesWords(event, words));
  const format = url.searchParams.get('view') === 'list' ? listItemJson : inspectorJson;
  return jsonText(200, `[${events.map(format).join(',')}]`);
}

/** The exact bytes received, as a file `replay` takes, named as `--save` names it. */
function download(event: KeptEvent): Reply {
  const name = eventFileName({ ...event, receivedAt: new Date(event.receivedAt), rejected: event.rejected !== null });
  return {
    status: 200,
    headers: { ...API_HEADERS, 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"` },
    body: event.body,
  };
}

function pageFile(context: RouteContext, method: string, name: string): Reply {
  if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'the inspector page is read with GET' }, { allow: 'GET, HEAD' });
  const file = context.pageFiles.get(name);
  if (file) return { status: 200, headers: { ...PAGE_HEADERS, 'content-type': file.type }, body: file.body };
  if (context.pageFiles.size === 0) return json(500, { error: 'the inspector page was not built: run "npm run build" in the package folder' });
  return json(404, { error: `no ${name} in the inspector` });
}

/** The page's script, style and images: everything under `/_inspect/` but the page itself and the API. */
function isPublicFile(path: string): boolean {
  return path.startsWith(INSPECT_PATH) && path !== INSPECT_PATH && !path.startsWith(`${INSPECT_PATH}api/`) && !path.endsWith('.html');
}

function sinceParameter(url: URL, name = 'since'): number | null {
  const since = url.searchParams.get(name);
  return since !== null && /^\d+$/.test(since) ? Number(since) : null;
}

function bearer(authorization: string | null): string | null {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match ? match[1]! : null;
}

/** A body over the limit gets 413; a request whose client left gets nothing. */
function unread(body: 'too-large' | 'aborted'): Reply | null {
  return body === 'too-large' ? json(413, { error: 'the request body is over the --max-body limit' }) : null;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return jsonText(status, JSON.stringify(value), headers);
}

function jsonText(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...API_HEADERS, ...headers }, body: text };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}
