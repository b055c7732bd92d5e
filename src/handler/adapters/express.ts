import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveRequest } from './node.js';
import { keptRawBody, type Receive } from './receive-function.js';
import { sendAnswer } from './send-answer.js';

/** What the adapter reads of an Express or Connect request (no Express types: the kit imports no framework). */
export type ExpressRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };
export type ExpressMiddleware = (req: ExpressRequest, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Express 4/5 and Connect. With no body parser before it, the adapter reads the raw bytes
 * (so Express's 100 KB JSON limit does not apply); after `express.json()` or `express.raw()`
 * it takes what they made of the body, preferring `req.rawBody` when the app keeps one (bytes or text).
 */
export function expressAdapter(receive: Receive, limit: number): ExpressMiddleware {
  return (req, res, next) => {
    // A body parser before the route has read the stream; without one it is still unread, whatever `req.body` holds.
    const result = req.readableEnded ? receive({ parsed: keptRawBody(req) ?? req.body }) : receiveRequest(receive, limit, req);
    result.then((answer) => answer && sendAnswer(res, answer), next);
  };
}
