import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEvent, type EventOptions } from '../../src/index.js';
import type { AnyEvent, EventInfo } from '../../src/handler/index.js';

/** A JSON event body, as WineSitting posts it. */
export const eventBody = (options: EventOptions = {}) => JSON.stringify(createEvent({ seed: 7, ...options }));

export const post = async (url: string, body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, body: await response.text() };
};

/** Listens on 127.0.0.1, port 0; resolves with the URL. */
export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

export async function startNodeServer(listener: RequestListener) {
  const server = createServer(listener);
  const url = await listen(server);
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Records what the handlers saw, and lets a test await the n-th call. */
export function recorder() {
  const calls: { event: AnyEvent; info: EventInfo }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    calls,
    listener: (event: AnyEvent, info: EventInfo) => {
      calls.push({ event, info });
      for (const w of waiters.filter((w) => calls.length >= w.count)) w.resolve();
    },
    waitFor: (count: number) => (calls.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
  };
}

/** A promise with its resolve function outside, to release a waiting handler when the test says so. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
