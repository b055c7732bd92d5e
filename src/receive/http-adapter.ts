import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn } from '../http/listen-on.js';
import { readBody } from '../http/read-body.js';
import type { Receiver } from './receiver.js';
import type { Answer } from './types.js';

export interface HttpOptions {
  port: number;
  host: string;
  maxBody: number;
  /** A connection whose request headers are not complete after this many ms is closed (408). */
  headersTimeout?: number;
}

/** Takes the requests that are not webhook events (the inspector's); true when it took this one. */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HttpHandle {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

const HEADERS_TIMEOUT = 10_000;
const REQUEST_TIMEOUT = 30_000;

/** The node:http side of the receiver: carries bytes in and the answer out, nothing else. */
export async function listenHttp(receiver: Receiver, options: HttpOptions, intercept?: Intercept): Promise<HttpHandle> {
  const headersTimeout = options.headersTimeout ?? HEADERS_TIMEOUT;
  let closing = false;
  const server = createServer(
    // Node checks the timeouts every `connectionsCheckingInterval`: a quarter of the headers timeout keeps the overshoot small.
    {
      headersTimeout,
      requestTimeout: Math.max(REQUEST_TIMEOUT, headersTimeout),
      connectionsCheckingInterval: Math.min(1000, headersTimeout / 4),
      keepAliveTimeout: 5000,
    },
    (req, res) => {
      if (intercept?.(req, res)) return;
      carry(req, res).catch((error: unknown) => {
        // Whatever went wrong, this request gets an answer and the receiver keeps serving.
        send(
          res,
          {
            status: 500,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
          },
          true,
        );
      });
    },
  );

  async function carry(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    const body = await readBody(req, options.maxBody);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      send(res, receiver.refuseTooLarge(request, declared), true);
      return;
    }
    send(res, await receiver.handle({ ...request, body }), closing);
  }

  // Malformed requests never reach the receiver: node:http rejects them, and this answers in a word.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  const { url, port } = await listenOn(server, options.port, options.host, 'listen');
  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function send(res: ServerResponse, answer: Answer, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) };
  if (close) headers.connection = 'close';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
