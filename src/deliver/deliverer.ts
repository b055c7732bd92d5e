import { Pool, errors, type Dispatcher } from 'undici';
import { TIMED_OUT } from '../http/within-deadline.js';
import { truncate } from '../text/excerpt.js';
import { roundTenth } from '../text/round-tenth.js';
import { judgeAnswer, judgeFailure, type DeliveryResult } from './verdict.js';

export interface DelivererOptions {
  /** Where every body goes. */
  url: string;
  timeout: number;
  budget: number;
  headers?: [string, string][];
  /** Sockets kept open to the target; the keep-alive pool size. */
  connections?: number;
  userAgent?: string;
}

export interface Deliverer {
  deliver: (body: Uint8Array | string, contentType?: string) => Promise<DeliveryResult>;
  /** Abandons every request in flight (Ctrl-C): each ends as a loss with the error `abandoned`. */
  abandon: () => void;
  close: () => Promise<void>;
}

/** Past this, the answer's body is not read further: enough to show why it failed. */
const BODY_EXCERPT = 2048;
/** A 2xx answer's body is read to its end, up to this: past it, the answer counts as complete (what undici's `dump()` did). */
const DUMP_LIMIT = 128 * 1024;
/** Why an exchange stopped reading an answer it had enough of; never reported, as the exchange has settled by then. */
const ENOUGH_READ = new Error('enough of the answer was read');

/** What every exchange of one deliverer shares, built once. */
interface Target {
  url: string;
  budget: number;
  timeout: number;
  isAbandoned: () => boolean;
}

/**
 * POSTs to one URL through one keep-alive pool. Redirects are never followed (WineSitting
 * does not follow them), and a failure is a result, not an exception.
 *
 * The origin is parsed and the headers built once, and each request goes through undici's
 * `dispatch` with no body stream when the answer is 2xx: `request(url)` parsed the URL and
 * built a body stream, then dumped, for every event (a sixth of replay's time per event).
 */
export function createDeliverer(options: DelivererOptions): Deliverer {
  const { url, budget, timeout } = options;
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'winesitting-hooks' };
  for (const [name, value] of options.headers ?? []) headers[name.toLowerCase()] = value;
  // Built once: almost every delivery is JSON (an -H content-type still wins, as it comes after).
  const jsonHeaders = { 'content-type': 'application/json', ...headers };
  let abandoned = false;
  const target: Target = { url, budget, timeout, isAbandoned: () => abandoned };
  const parsed = parseTarget(url);
  if (parsed instanceof Error) {
    // As `request(url)` did: each delivery is a loss that names the URL's fault.
    return {
      deliver: () => Promise.resolve(judgeFailure(url, parsed, 0)),
      abandon: () => void (abandoned = true),
      close: () => Promise.resolve(),
    };
  }
  const pool = new Pool(parsed.origin, { connections: options.connections ?? 16, keepAliveTimeout: 10_000, connect: { timeout } });
  const path = parsed.path;
  return {
    deliver(body, contentType = 'application/json') {
      return new Promise((settle) => {
        const exchange = new Exchange(target, settle);
        const headersSent = contentType === 'application/json' ? jsonHeaders : { 'content-type': contentType, ...headers };
        // headersTimeout and bodyTimeout off: the exchange's own deadline bounds it as a whole (see within-deadline.ts).
        pool.dispatch({ path, method: 'POST', body, headers: headersSent, headersTimeout: 0, bodyTimeout: 0 }, exchange);
      });
    },
    abandon() {
      if (abandoned) return;
      abandoned = true;
      pool.destroy().catch(() => undefined);
    },
    close: () => (abandoned ? Promise.resolve() : pool.close()),
  };
}

/** The origin and path `request(url)` would have used, or the error it would have thrown. */
function parseTarget(url: string): { origin: string; path: string } | Error {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return error as Error;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return new errors.InvalidArgumentError('Invalid URL protocol: the URL must start with `http:` or `https:`.');
  return { origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname };
}

/**
 * One request and its answer, under one deadline for the whole exchange (connection, headers
 * and body), as `withinDeadline` gives `request`: a trickling answer is still given up at the
 * timeout. A deadline that passes before the request is on a socket aborts it once it is,
 * as undici does with a signal.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;
  private controller: Dispatcher.DispatchController | null = null;
  private expired = false;
  private settled = false;
  private status = 0;
  private location: string | null = null;
  /** The answer's body, kept only when it is not 2xx. */
  private chunks: Buffer[] | null = null;
  private size = 0;

  constructor(
    private readonly target: Target,
    private readonly settle: (result: DeliveryResult) => void,
  ) {
    this.timer = setTimeout(expire, target.timeout, this);
  }

  expire(): void {
    this.expired = true;
    this.controller?.abort(TIMED_OUT);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.expired) controller.abort(TIMED_OUT);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    // 1xx answers come before the real one.
    if (statusCode < 200) return;
    this.status = statusCode;
    const location = headers.location;
    this.location = typeof location === 'string' ? location : null;
    if (statusCode >= 300) this.chunks = [];
    else if (Number(headers['content-length']) > DUMP_LIMIT) this.answer(controller);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.chunks === null) {
      if (this.size > DUMP_LIMIT) this.answer(controller);
      return;
    }
    this.chunks.push(chunk);
    if (this.size >= BODY_EXCERPT) this.answer(controller);
  }

  onResponseEnd(): void {
    this.answer(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settled) return;
    this.finish();
    const result = judgeFailure(this.target.url, error, this.elapsed());
    // An abandoned request is no timeout or reset: it says so, whatever undici calls it.
    this.settle(this.target.isAbandoned() ? { ...result, cause: 'error', error: 'abandoned', fix: null } : result);
  }

  /** Judges the answer read so far; `controller` when the rest is not to be read. */
  private answer(controller: Dispatcher.DispatchController | null): void {
    if (this.settled) return;
    this.finish();
    const text = this.chunks === null ? null : truncate(Buffer.concat(this.chunks).toString('utf8'), BODY_EXCERPT);
    this.settle(judgeAnswer(this.target.url, this.status, this.elapsed(), this.target.budget, text, this.location));
    controller?.abort(ENOUGH_READ);
  }

  private finish(): void {
    this.settled = true;
    clearTimeout(this.timer);
  }

  private elapsed(): number {
    return roundTenth(performance.now() - this.started);
  }
}

function expire(exchange: Exchange): void {
  exchange.expire();
}
