import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http/read-body.js';
import type { Answer } from './types.js';
import type { Receiver } from './receiver.js';

export interface HttpOptions {
  port: number;
  host: string;
  maxBody: number;
}

export interface HttpHandle {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

/** Stalled headers are dropped after 10 s; Node checks every second, so within ~11 s. */
const HEADERS_TIMEOUT = 10_000;
const REQUEST_TIMEOUT = 30_000;

/** The node:http side of the receiver: carries bytes in and the answer out, nothing else. */
export async function listenHttp(receiver: Receiver, options: HttpOptions): Promise<HttpHandle> {
  let closing = false;
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT, requestTimeout: REQUEST_TIMEOUT, connectionsCheckingInterval: 1000, keepAliveTimeout: 5000 },
    (req, res) =>
      handle(req, res).catch((error: Error) => {
        // Whatever went wrong, this request gets an answer and the receiver keeps serving.
        send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: error.message }) }, true);
      }),
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    const body = await readBody(req, options.maxBody);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      send(res, receiver.refuse(request, 413, tooLarge(declared, options.maxBody)), true);
      return;
    }
    const answer = await receiver.handle({ ...request, body });
    send(res, answer, closing);
  }

  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  server.listen(options.port, options.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
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

function tooLarge(size: number | null, limit: number): string {
  return `body${size !== null ? ` of ${size} bytes` : ''} is over the ${limit}-byte limit; raise it with --max-body`;
}
