import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface TestServer {
  url: string;
  port: number;
  requests: Received[];
  /** Resolves when the server has received `count` requests in all. */
  waitFor(count: number): Promise<Received[]>;
  close(): Promise<void>;
  server: Server;
}

type Handler = (request: Received, response: ServerResponse) => unknown;

/** A real HTTP server on 127.0.0.1, port 0, recording every request it answers. */
export async function startServer(handler: Handler = (_, res) => res.end('ok')): Promise<TestServer> {
  const requests: Received[] = [];
  const waiters: { count: number; resolve: (r: Received[]) => void }[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(received);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve(requests);
      await handler(received, res);
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    server,
    waitFor: (count) => (requests.length >= count ? Promise.resolve(requests) : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `server()` starts a test server that is closed after each test of the file. */
export function useServers(afterEach: (fn: () => Promise<void>) => void) {
  const started: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (handler?: Handler): Promise<TestServer> => {
    const server = await startServer(handler);
    started.push(server);
    return server;
  };
}

/** A handler that answers every request with `status` and `body`. */
export function answering(status: number, body = ''): Handler {
  return (_, response) => {
    response.statusCode = status;
    response.end(body);
  };
}

/** A port nothing listens on: bound once, then released. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once more than `ms` have passed since `since` (a `performance.now()` reading), by this process's clock. */
export async function holdUntilPast(since: number, ms: number): Promise<void> {
  for (let left = ms; left >= 0; left = ms - (performance.now() - since)) {
    await new Promise((resolve) => setTimeout(resolve, left + 1));
  }
}

/**
 * A handler that answers 200 at once, then its body one byte every 100 ms: every phase is
 * quick, only the whole is slow. It ends after 3 s, so that a client that never gives up still ends.
 */
export function trickle(_: Received, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/plain' });
  const timer = setInterval(() => response.write('.'), 100);
  const end = setTimeout(() => response.end(), 3000);
  response.on('close', () => {
    clearInterval(timer);
    clearTimeout(end);
  });
}
