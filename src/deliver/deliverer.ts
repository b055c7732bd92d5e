import { Agent, request } from 'undici';
import { readLimited } from '../http/read-limited.js';
import { withinDeadline } from '../http/within-deadline.js';
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

/**
 * POSTs to one URL through one keep-alive pool. Redirects are never followed (WineSitting
 * does not follow them), and a failure is a result, not an exception.
 */
export function createDeliverer(options: DelivererOptions): Deliverer {
  const agent = new Agent({ connections: options.connections ?? 16, keepAliveTimeout: 10_000, connect: { timeout: options.timeout } });
  const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'winesitting-hooks' };
  for (const [name, value] of options.headers ?? []) headers[name.toLowerCase()] = value;
  // Built once: almost every delivery is JSON (an -H content-type still wins, as it comes after).
  const jsonHeaders = { 'content-type': 'application/json', ...headers };
  const { url, budget, timeout } = options;
  let abandoned = false;
  return {
    async deliver(body, contentType = 'application/json') {
      const started = performance.now();
      try {
        return await withinDeadline(timeout, async (bounds) => {
          const answer = await request(url, {
            method: 'POST',
            body,
            headers: contentType === 'application/json' ? jsonHeaders : { 'content-type': contentType, ...headers },
            dispatcher: agent,
            ...bounds,
          });
          const ok = answer.statusCode >= 200 && answer.statusCode < 300;
          const text = ok ? (await answer.body.dump(), null) : truncate((await readLimited(answer.body, BODY_EXCERPT)).toString('utf8'), BODY_EXCERPT);
          const location = answer.headers.location;
          return judgeAnswer(url, answer.statusCode, roundTenth(performance.now() - started), budget, text, typeof location === 'string' ? location : null);
        });
      } catch (failure) {
        const result = judgeFailure(url, failure, roundTenth(performance.now() - started));
        // An abandoned request is no timeout or reset: it says so, whatever undici calls it.
        return abandoned ? { ...result, cause: 'error', error: 'abandoned', fix: null } : result;
      }
    },
    abandon() {
      if (abandoned) return;
      abandoned = true;
      agent.destroy().catch(() => undefined);
    },
    close: () => (abandoned ? Promise.resolve() : agent.close()),
  };
}
