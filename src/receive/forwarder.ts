import { Agent, request } from 'undici';
import { describeNetworkError } from '../deliver/verdict.js';
import { endToEndHeaders } from '../http/headers.js';
import { readLimited } from '../http/read-limited.js';
import { withinDeadline } from '../http/within-deadline.js';
import { roundTenth } from '../text/round-tenth.js';
import { forwardUrl } from './forward-url.js';
import type { ForwardOutcome, IncomingRequest } from './types.js';

const ANSWER_LIMIT = 1024 * 1024;

/**
 * Forwards the exact received bytes, with their content type and headers, to `target`;
 * the request's path is appended to the target's path (`/hooks` + `/orders?x=1`). An app
 * without a whole answer (connection, status and body) within `timeout` ms is unreachable.
 */
export function createForwarder(target: string, timeout = 30_000) {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64, connect: { timeout } });
  const forward = async (incoming: IncomingRequest): Promise<ForwardOutcome> => {
    const url = forwardUrl(target, incoming.path);
    const started = performance.now();
    try {
      return await withinDeadline(timeout, async (bounds) => {
        const answer = await request(url, { method: 'POST', body: incoming.body, headers: endToEndHeaders(incoming.headers), dispatcher: agent, ...bounds });
        const body = await readLimited(answer.body, ANSWER_LIMIT);
        const type = answer.headers['content-type'];
        return { url, status: answer.statusCode, ms: since(started), error: null, body, contentType: typeof type === 'string' ? type : null };
      });
    } catch (error) {
      return { url, status: null, ms: since(started), error: describeNetworkError(error, url), body: null, contentType: null };
    }
  };
  return { forward, close: () => agent.close() };
}

function since(started: number): number {
  return roundTenth(performance.now() - started);
}
