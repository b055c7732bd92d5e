import { Agent, request } from 'undici';
import { readLimited } from '../http/read-limited.js';
import { judgeAnswer, judgeFailure, type DeliveryResult } from './verdict.js';

export interface DelivererOptions {
  timeout: number;
  budget: number;
  headers?: Array<[string, string]>;
  /** Sockets kept open per origin; the keep-alive pool size. */
  connections?: number;
  userAgent?: string;
}

export interface Deliverer {
  /** `signal` abandons the request (Ctrl-C); the result is then a loss with cause `error`. */
  deliver(url: string, body: Uint8Array | string, contentType?: string, signal?: AbortSignal): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/** Past this, the answer's body is not read further: enough to show why it failed. */
const BODY_EXCERPT = 2048;

/**
 * POSTs through one keep-alive pool. Redirects are never followed (WineSitting does not
 * follow them), and a failure is a result, not an exception.
 */
export function createDeliverer(options: DelivererOptions): Deliverer {
  const agent = new Agent({ connections: options.connections ?? 16, keepAliveTimeout: 10_000, connect: { timeout: options.timeout } });
  const extra = options.headers ?? [];
  return {
    async deliver(url, body, contentType = 'application/json', signal) {
      const headers: Record<string, string> = { 'content-type': contentType, 'user-agent': options.userAgent ?? 'winesitting-hooks' };
      for (const [name, value] of extra) headers[name.toLowerCase()] = value;
      const started = performance.now();
      try {
        // Connect, headers and body timeouts together bound the wait, without a timer per request.
        const answer = await request(url, { method: 'POST', body, headers, dispatcher: agent, signal, headersTimeout: options.timeout, bodyTimeout: options.timeout });
        const ok = answer.statusCode >= 200 && answer.statusCode < 300;
        const text = ok ? (await answer.body.dump(), null) : await readExcerpt(answer.body);
        const ms = performance.now() - started;
        const location = answer.headers.location;
        return judgeAnswer(url, answer.statusCode, round(ms), options.budget, text, typeof location === 'string' ? location : null);
      } catch (failure) {
        // An abandoned request is no timeout: it says so, whatever undici calls it.
        if (signal?.aborted) return { ...judgeFailure(url, failure, round(performance.now() - started)), cause: 'error', error: 'abandoned' };
        return judgeFailure(url, failure, round(performance.now() - started));
      }
    },
    close: () => agent.close(),
  };
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const text = (await readLimited(body, BODY_EXCERPT)).toString('utf8');
  return text.length > BODY_EXCERPT ? `${text.slice(0, BODY_EXCERPT)}…` : text;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
